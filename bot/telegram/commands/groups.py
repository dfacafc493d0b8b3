"""/register and /unregister (admins, inside a group): only groups an admin registered may use the bot."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import reply, run_db
from bot.telegram.html import esc
from storage.audit import record
from storage.models import Chat, Subscription, User, utcnow

ADMINS = frozenset({"admin"})
ONLY_IN_GROUPS = "Lệnh này dùng ngay trong nhóm cần đăng ký (thêm trợ lý vào nhóm trước)."


def register_group(session: Session, chat_id: int, chat_type: str, title: str | None, caller: Caller) -> None:
    chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == chat_id)).first()
    if chat is None:
        chat = Chat(telegram_chat_id=chat_id, created_at=utcnow())
        session.add(chat)
    chat.type, chat.title, chat.active, chat.blocked_reason = chat_type, title, True, None
    chat.registered_by = session.scalar(select(User.id).where(User.telegram_id == caller.telegram_id))
    record(session, caller.actor, "group.register", "chat", chat_id, title=title)


def unregister_group(session: Session, chat_id: int, caller: Caller) -> None:
    chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == chat_id)).first()
    if chat is not None:
        chat.active = False
        session.execute(delete(Subscription).where(Subscription.chat_id == chat.id))
    record(session, caller.actor, "group.unregister", "chat", chat_id)


async def register(update: Update, context: CallbackContext, caller: Caller) -> None:
    chat = update.effective_chat
    if not caller.in_group:
        await reply(update, ONLY_IN_GROUPS)
        return
    await run_db(context, register_group, chat.id, chat.type, chat.title, caller)
    await reply(update, f"Đã đăng ký nhóm “{esc(chat.title or chat.id)}”. Thành viên đã được mời dùng được các lệnh "
                        "ở đây; gõ /subscribe trong nhóm để nhận cảnh báo.")


async def unregister(update: Update, context: CallbackContext, caller: Caller) -> None:
    chat = update.effective_chat
    if not caller.in_group:
        await reply(update, ONLY_IN_GROUPS)
        return
    await run_db(context, unregister_group, chat.id, caller)
    await reply(update, "Đã hủy đăng ký nhóm; trợ lý sẽ không gửi cảnh báo và không trả lời ở đây nữa.")


COMMANDS = (
    Command("register", "Đăng ký nhóm này (quản trị viên)", register, roles=ADMINS, open_group=True),
    Command("unregister", "Hủy đăng ký nhóm này (quản trị viên)", unregister, roles=ADMINS),
)
