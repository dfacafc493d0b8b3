"""/help: the commands this person may use."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import ROLES, Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import reply
from bot.telegram.html import esc


def help_text(commands: tuple[Command, ...], role: str) -> str:
    lines = [f"<b>Các lệnh dành cho bạn</b> ({esc(ROLES[role].lower())}):"]
    for command in commands:
        if role in command.roles:
            lines.append(f"/{command.name}{esc(' ' + command.usage if command.usage else '')} — {esc(command.description)}")
    lines.append("Có thể chuyển tiếp (forward) một bài đăng cho trợ lý để báo tin cần xem xét.")
    return "\n".join(lines)


async def show_help(update: Update, context: CallbackContext, caller: Caller) -> None:
    await reply(update, help_text(context.application.bot_data["commands"], caller.role))


COMMANDS = (Command("help", "Hướng dẫn sử dụng", show_help),)
