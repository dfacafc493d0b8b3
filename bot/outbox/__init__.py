"""The durable outbox: rows written first, sent by one dispatcher within Telegram's limits, recorded when confirmed."""

from bot.outbox.dispatcher import Dispatcher, DispatcherStopped
from bot.outbox.limits import SendLimiter

__all__ = ["Dispatcher", "DispatcherStopped", "SendLimiter"]
