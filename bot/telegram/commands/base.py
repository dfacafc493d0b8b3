"""A command is one small module: its name, menu text, who may use it, and one handler. The guard lets in only
registered people with the right role, in their private chat or in a group an admin registered."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import (ALL_ROLES, ROLES, Caller, active_user, deny, ensure_private_chat, group_registered)
from bot.telegram.deps import reply, run_db
from storage.audit import record

OUTSIDER = ("Xin chào! Trợ lý điểm báo này chỉ dành cho cán bộ được Sở mời. Nếu bạn là cán bộ của Sở, hãy xin quản "
            "trị viên một mã mời rồi gửi /start MÃ_MỜI. Xin cảm ơn.")
UNREGISTERED_GROUP = ("Nhóm này chưa được quản trị viên đăng ký nên trợ lý không làm việc ở đây. Quản trị viên có thể "
                      "gõ /register trong nhóm để đăng ký.")

Handler = Callable[[Update, CallbackContext, "Caller | None"], Awaitable[None]]


@dataclass(frozen=True)
class Command:
    name: str
    description: str  # the menu text Telegram shows
    handler: Handler
    roles: frozenset[str] = ALL_ROLES
    usage: str = ""  # the line in /help
    public: bool = False  # anyone may send it (/start redeems invite codes itself)
    open_group: bool = False  # usable in a group nobody registered yet (/register)


@dataclass(frozen=True)
class Who:
    telegram_id: int
    name: str | None
    username: str | None

    @classmethod
    def of(cls, update: Update) -> "Who":
        user = update.effective_user
        return cls(user.id, user.full_name or None, user.username)


def roles_text(roles: frozenset[str]) -> str:
    return ", ".join(ROLES[r].lower() for r in ROLES if r in roles)


def check_access(session: Session, who: Who, chat_id: int, chat_type: str, what: str, roles: frozenset[str],
                 open_group: bool = False) -> tuple[Caller | None, str | None]:
    """(the caller, None) when allowed; (None, the message to answer, or None for silence) otherwise."""
    user = active_user(session, who.telegram_id)
    if user is None:
        first = deny(session, who.telegram_id, chat_id, what, "not_a_user", once_per_chat=False)
        return None, OUTSIDER if first else None
    if (who.name and user.name != who.name) or user.username != who.username:
        user.name, user.username = who.name or user.name, who.username
    if chat_type != "private" and not open_group and not group_registered(session, chat_id):
        first = deny(session, who.telegram_id, chat_id, what, "group_not_registered", once_per_chat=True)
        return None, UNREGISTERED_GROUP if first else None
    if chat_type == "private":
        ensure_private_chat(session, who.telegram_id, user.name)
    if user.role not in roles:
        record(session, f"tg:{who.telegram_id}", "access.role_denied", "chat", chat_id, what=what[:100], role=user.role)
        return None, f"Xin lỗi, {what} dành cho {roles_text(roles)}; vai trò của bạn là {ROLES[user.role].lower()}."
    return Caller(who.telegram_id, user.role, user.name or f"tg:{who.telegram_id}", chat_id, chat_type), None


async def admit(update: Update, context: CallbackContext, what: str, roles: frozenset[str],
                open_group: bool = False) -> Caller | None:
    """The caller when allowed; otherwise the refusal (at most once for outsiders) is sent and None returned."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot or chat.type == "channel":
        return None
    caller, message = await run_db(context, check_access, Who.of(update), chat.id, chat.type, what, roles, open_group)
    if caller is None and update.callback_query is not None:
        await update.callback_query.answer(message, show_alert=bool(message))
    elif caller is None and message:
        await reply(update, message)
    return caller


def guarded(command: Command) -> Callable[[Update, CallbackContext], Awaitable[None]]:
    """The PTB callback for `command`: access check first, then the command's handler."""
    async def handle(update: Update, context: CallbackContext) -> None:
        if command.public:
            await command.handler(update, context, None)
            return
        caller = await admit(update, context, f"/{command.name}", command.roles, command.open_group)
        if caller is not None:
            await command.handler(update, context, caller)
    return handle
