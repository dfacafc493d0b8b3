"""/users, /role ID vai_trò, /remove ID (admins): who may use the bot, and changing or ending their access."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import ROLES, Caller, active_admins
from bot.telegram.commands.base import Command
from bot.telegram.commands.invite import parse_role
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc, local_time
from bot.telegram.menus import set_menu_for
from storage.audit import record
from storage.models import Chat, Subscription, User

ADMINS = frozenset({"admin"})


class Refused(ValueError):
    """An admin action that is not allowed; the message is for the admin."""


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.active.desc(), User.role, User.name)))


def _target(session: Session, raw: str, bootstrap: list[int], demoting: bool) -> User:
    if not raw.lstrip("-").isdigit():
        raise Refused("Hãy ghi mã số Telegram của người dùng (xem bằng /users).")
    user = session.scalars(select(User).where(User.telegram_id == int(raw))).first()
    if user is None:
        raise Refused(f"Không có người dùng mã {esc(raw)}.")
    if user.telegram_id in bootstrap:
        raise Refused("Người này là quản trị viên khai báo trong DIEMBAO_ADMIN_IDS; hãy sửa cấu hình để thay đổi.")
    if demoting and user.role == "admin" and user.active and active_admins(session) == [user.telegram_id]:
        raise Refused("Không thể bỏ quyền của quản trị viên cuối cùng.")
    return user


def change_role(session: Session, raw: str, role: str, caller: Caller, bootstrap: list[int]) -> User:
    user = _target(session, raw, bootstrap, demoting=role != "admin")
    if not user.active:
        raise Refused("Người này đã bị gỡ; hãy mời lại bằng /invite.")
    record(session, caller.actor, "user.role", "user", user.telegram_id, before=user.role, after=role)
    user.role = role
    return user


def remove_user(session: Session, raw: str, caller: Caller, bootstrap: list[int]) -> User:
    user = _target(session, raw, bootstrap, demoting=True)
    user.active = False
    chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == user.telegram_id)).first()
    if chat is not None:
        chat.active = False
        session.execute(delete(Subscription).where(Subscription.chat_id == chat.id))
    record(session, caller.actor, "user.remove", "user", user.telegram_id, role=user.role)
    return user


async def users(update: Update, context: CallbackContext, caller: Caller) -> None:
    rows = await run_db(context, list_users)
    tz = deps(context).tz
    lines = [f"👥 <b>{len(rows)} người dùng</b> (mã số · tên · vai trò · trạng thái):"]
    for u in rows:
        handle = f" (@{esc(u.username)})" if u.username else ""
        state = "đang hoạt động" if u.active else "đã gỡ"
        lines.append(f"<code>{u.telegram_id}</code> · {esc(u.name or 'chưa rõ tên')}{handle} · "
                     f"{esc(ROLES.get(u.role, u.role).lower())} · {state} từ {local_time(u.created_at, tz)}")
    lines.append("Đổi vai trò: /role MÃ_SỐ reviewer|officer|admin · Gỡ quyền: /remove MÃ_SỐ")
    await reply(update, "\n".join(lines))


async def role(update: Update, context: CallbackContext, caller: Caller) -> None:
    args = context.args or []
    new_role = parse_role(args[1:]) if len(args) >= 2 else None
    if new_role is None:
        await reply(update, "Dùng: /role MÃ_SỐ reviewer|officer|admin (xem mã số bằng /users).")
        return
    try:
        user = await run_db(context, change_role, args[0], new_role, caller, deps(context).settings.admin_ids)
    except Refused as exc:
        await reply(update, str(exc))
        return
    await set_menu_for(context.bot, context.application.bot_data["commands"], user.telegram_id, new_role)
    await reply(update, f"Đã đổi vai trò của {esc(user.name or user.telegram_id)} thành "
                        f"{esc(ROLES[new_role].lower())}.")


async def remove(update: Update, context: CallbackContext, caller: Caller) -> None:
    args = context.args or []
    try:
        user = await run_db(context, remove_user, args[0] if args else "", caller, deps(context).settings.admin_ids)
    except Refused as exc:
        await reply(update, str(exc))
        return
    await set_menu_for(context.bot, context.application.bot_data["commands"], user.telegram_id, None)
    await reply(update, f"Đã gỡ quyền của {esc(user.name or user.telegram_id)}; người này không còn nhận "
                        "cảnh báo và không dùng được trợ lý.")


COMMANDS = (
    Command("users", "Danh sách người dùng (quản trị viên)", users, roles=ADMINS),
    Command("role", "Đổi vai trò người dùng (quản trị viên)", role, roles=ADMINS, usage="MÃ_SỐ vai_trò"),
    Command("remove", "Gỡ quyền người dùng (quản trị viên)", remove, roles=ADMINS, usage="MÃ_SỐ"),
)
