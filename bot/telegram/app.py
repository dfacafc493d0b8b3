"""The Telegram Application: handlers for every command, buttons, tips and replies; menus and admins at start."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import Application, CallbackContext, CallbackQueryHandler, CommandHandler, MessageHandler, filters
from telegram.request import BaseRequest, HTTPXRequest

from bot.outbox.limits import SendLimiter
from bot.telegram.access import ALL_ROLES, active_admins, bootstrap_admins
from bot.telegram.botapi import file_url, http_request
from bot.telegram.buttons import PROMPT_REPLY, on_press, on_prompt_reply
from bot.telegram.commands import COMMANDS, guarded
from bot.telegram.commands.base import admit
from bot.telegram.commands.claim import FORM_REPLY, on_form_reply
from bot.telegram.commands.flag import on_forward
from bot.telegram.deps import Deps, reply
from bot.telegram.menus import set_menus
from config.profile import load_profile
from config.settings import Settings
from storage import Database
from storage.audit import beat

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
NOT_UNDERSTOOD = ("Trợ lý chưa hiểu tin nhắn này. Gõ /help để xem các lệnh, hoặc chuyển tiếp (forward) một bài đăng "
                  "để báo tin cần xem xét.")


async def on_other(update: Update, context: CallbackContext) -> None:
    """An unknown command, or text in a private chat: members get a hint; outsiders one refusal."""
    text = (update.effective_message.text or "") if update.effective_message else ""
    if await admit(update, context, text[:40] or "tin nhắn", ALL_ROLES) is not None:
        await reply(update, NOT_UNDERSTOOD)


async def on_error(update: object, context: CallbackContext) -> None:
    log.error("handling update failed", exc_info=context.error)


def build_application(settings: Settings, database: Database, *, token: str, base_url: str,
                      limiter: SendLimiter | None = None, request: BaseRequest | None = None,
                      updates_request: BaseRequest | None = None) -> Application:
    """The bot with every handler registered; start it with `prepare()` then polling (see bot.telegram.service)."""
    profile = load_profile(settings.province, str(settings.profile_file) if settings.profile_file else None)
    app = (Application.builder().token(token).base_url(base_url).base_file_url(file_url(base_url))
           .rate_limiter(limiter or SendLimiter())
           .request(request or http_request())
           .get_updates_request(updates_request or HTTPXRequest(connection_pool_size=2, connect_timeout=10.0,
                                                                read_timeout=10.0))
           .build())
    app.bot_data["deps"] = Deps(database, settings, profile)
    app.bot_data["commands"] = COMMANDS
    for command in COMMANDS:
        app.add_handler(CommandHandler(command.name, guarded(command)))
    app.add_handler(CallbackQueryHandler(on_press))
    app.add_handler(MessageHandler(PROMPT_REPLY, on_prompt_reply))
    app.add_handler(MessageHandler(FORM_REPLY, on_form_reply))
    app.add_handler(MessageHandler(filters.FORWARDED & filters.ChatType.PRIVATE, on_forward))
    app.add_handler(MessageHandler(filters.COMMAND | (filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL), on_other))
    app.add_error_handler(on_error)
    return app


async def prepare(app: Application) -> None:
    """After `initialize()`: the bootstrap admins exist, the command menus are set, the heartbeat says so."""
    deps: Deps = app.bot_data["deps"]

    def admins() -> list[int]:
        with deps.database.session() as session:
            bootstrap_admins(session, deps.settings.admin_ids)
            beat(session, "telegram", bot=app.bot.username)
            return active_admins(session)

    await set_menus(app.bot, app.bot_data["commands"], await asyncio.to_thread(admins))
