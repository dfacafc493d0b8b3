"""Alerts: flags become outbox rows for the chats that subscribed, quiet ones grouped into summaries."""

from bot.alerts.card import Card, flag_card
from bot.alerts.queue import queue_alerts, refresh_alerts
from bot.alerts.summary import group_quiet_alerts

__all__ = ["Card", "flag_card", "group_quiet_alerts", "queue_alerts", "refresh_alerts"]
