"""The demo on a real bot (TELEGRAM_BOT_TOKEN set): the administrators of DIEMBAO_ADMIN_IDS get the demo's alerts
and its bulletin in their private chats (each must have written to the bot once, as Telegram requires)."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.digest.build import Bulletin
from bot.digest.send import queue_bulletin
from bot.outbox import Dispatcher
from bot.telegram.access import bootstrap_admins, ensure_private_chat
from bot.telegram.botapi import make_bot
from config import Settings
from storage import Database
from storage.models import Outbox, Subscription, utcnow


def prepare_admin_chats(settings: Settings, database: Database) -> int:
    """Private chats of the administrators, subscribed to every alert kind, before anything is flagged."""
    with database.session() as session:
        bootstrap_admins(session, settings.admin_ids)
        for telegram_id in settings.admin_ids:
            chat = ensure_private_chat(session, telegram_id, None)
            if session.scalar(select(Subscription.id).where(Subscription.chat_id == chat.id)) is None:
                session.add(Subscription(chat_id=chat.id, min_severity="medium", created_at=utcnow()))
    return len(settings.admin_ids)


async def send_demo_messages(settings: Settings, database: Database, bulletin: Bulletin, *, token: str,
                             base_url: str) -> int:
    """Queue the bulletin, send everything due through the outbox, and return how many messages were delivered."""
    with database.session() as session:
        queue_bulletin(session, bulletin, settings)
    bot = make_bot(token, base_url)
    async with bot:
        await Dispatcher(database, bot, settings).run_until_idle()
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Outbox).where(Outbox.status == "sent")) or 0
