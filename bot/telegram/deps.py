"""What every handler needs (database, settings, time zone, province profile), and replies that respect limits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackContext

from bot.telegram.html import split_html
from config.profile import Profile
from config.settings import Settings
from storage import Database

T = TypeVar("T")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass
class Deps:
    database: Database
    settings: Settings
    profile: Profile
    wake: Callable[[], None] = field(default=lambda: None)  # tell the dispatcher the outbox changed

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)


def deps(context: CallbackContext) -> Deps:
    return context.application.bot_data["deps"]


async def run_db(context: CallbackContext, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run `work(session, *args)` in a worker thread inside one committed transaction."""
    database = deps(context).database

    def call() -> T:
        with database.session() as session:
            return work(session, *args, **kwargs)

    return await asyncio.to_thread(call)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> list[Message]:
    """Send `text` (Telegram HTML) to the update's chat, split at 4,096 characters; buttons on the last part."""
    chat = update.effective_chat
    parts = split_html(text)
    sent = []
    for index, part in enumerate(parts):
        sent.append(await chat.send_message(part, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
                                            reply_markup=markup if index == len(parts) - 1 else None))
    return sent
