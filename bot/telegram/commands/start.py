"""/start [MÃ_MỜI]: a person joins with a one-time invite code; members get their welcome; others a refusal."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import (FAILED_CODES_PER_DAY, ROLES, active_user, actor, bootstrap_admins, deny,
                                 ensure_private_chat, failed_codes_today, redeem_invite)
from bot.telegram.commands.base import OUTSIDER, Command, Who, admit
from bot.telegram.commands.help import help_text
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc
from storage.audit import record

BAD_CODE = "Mã mời không đúng, đã được dùng hoặc đã hết hạn. Hãy xin quản trị viên một mã mới."


def _join(session: Session, who: Who, chat_id: int, code: str | None, admin_ids: list[int]) -> tuple[str | None, str | None]:
    """(role of the member, or None; the message to answer, or None for silence)."""
    bootstrap_admins(session, admin_ids)
    user = active_user(session, who.telegram_id)
    if user is not None:
        ensure_private_chat(session, who.telegram_id, who.name or user.name)
        note = " Bạn đã có tài khoản nên không cần dùng mã mời nữa." if code else ""
        return user.role, f"Chào {esc(who.name or user.name or '')}!{note}"
    if code:
        if failed_codes_today(session, who.telegram_id) >= FAILED_CODES_PER_DAY:
            deny(session, who.telegram_id, chat_id, "/start", "too_many_codes", once_per_chat=False)
            return None, None
        user = redeem_invite(session, code, who.telegram_id, who.name, who.username)
        if user is not None:
            return user.role, (f"Chào mừng {esc(who.name or '')}! Bạn đã tham gia trợ lý điểm báo với vai trò "
                               f"<b>{esc(ROLES[user.role].lower())}</b>. Gõ /subscribe để đăng ký nhận cảnh báo.")
        record(session, actor(who.telegram_id), "invite.failed", "chat", chat_id)
        return None, BAD_CODE
    first = deny(session, who.telegram_id, chat_id, "/start", "not_a_user", once_per_chat=False)
    return None, OUTSIDER if first else None


async def start(update: Update, context: CallbackContext, _caller: object) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or user.is_bot or chat.type == "channel":
        return
    if chat.type != "private":  # in a group /start is only a greeting, for registered people in registered groups
        caller = await admit(update, context, "/start", frozenset(ROLES))
        if caller is not None:
            await reply(update, help_text(context.application.bot_data["commands"], caller.role))
        return
    code = context.args[0] if context.args else None
    role, message = await run_db(context, _join, Who.of(update), chat.id, code, deps(context).settings.admin_ids)
    if message and role:
        message += "\n\n" + help_text(context.application.bot_data["commands"], role)
    if message:
        await reply(update, message)


COMMANDS = (Command("start", "Bắt đầu, hoặc tham gia bằng mã mời", start, usage="[mã mời]", public=True),)
