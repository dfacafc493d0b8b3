"""/invite vai_trò (admins, in a private chat): a one-time invite code and the link that uses it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import ROLES, Caller, create_invite
from bot.telegram.commands.base import Command
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc, local_time
from nlp.normalize import fold, strip_diacritics

ROLE_WORDS = {"admin": "admin", "quan tri": "admin", "quan tri vien": "admin", "officer": "officer",
              "can bo": "officer", "can bo theo doi": "officer", "reviewer": "reviewer", "nguoi ra soat": "reviewer",
              "ra soat": "reviewer"}


def parse_role(args: list[str]) -> str | None:
    return ROLE_WORDS.get(strip_diacritics(fold(" ".join(args))))


async def invite(update: Update, context: CallbackContext, caller: Caller) -> None:
    if caller.in_group:
        await reply(update, "Vì an toàn, mã mời chỉ được tạo trong tin nhắn riêng với trợ lý.")
        return
    role = parse_role(context.args or [])
    if role is None:
        await reply(update, "Dùng: /invite reviewer (người rà soát), /invite officer (cán bộ theo dõi) "
                            "hoặc /invite admin (quản trị viên).")
        return
    d = deps(context)
    code, expires = await run_db(context, create_invite, role, caller, d.settings.telegram.invite_hours)
    link = f"https://t.me/{context.bot.username}?start={code}"
    await reply(update, f"Mã mời dùng một lần cho <b>{esc(ROLES[role].lower())}</b>, hết hạn lúc "
                        f"{local_time(expires, d.tz)}:\n<code>/start {esc(code)}</code>\n"
                        f"Hoặc gửi đường dẫn: {esc(link)}\nHệ thống chỉ lưu mã đã băm, không xem lại được mã này.")


COMMANDS = (Command("invite", "Tạo mã mời (quản trị viên)", invite, roles=frozenset({"admin"}),
                    usage="reviewer|officer|admin"),)
