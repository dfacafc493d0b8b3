"""The command menus Telegram shows: everyone's commands by default, the admin commands in admins' own chats."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.telegram.commands.base import Command

log = logging.getLogger(__name__)


def menu(commands: tuple[Command, ...], role: str) -> list[BotCommand]:
    return [BotCommand(c.name, c.description) for c in commands if role in c.roles]


def common_menu(commands: tuple[Command, ...]) -> list[BotCommand]:
    return [BotCommand(c.name, c.description) for c in commands if c.roles & {"officer", "reviewer"}]


async def set_menu_for(bot: Bot, commands: tuple[Command, ...], telegram_id: int, role: str | None) -> None:
    """Admins see every command in their private chat; everyone else the default menu."""
    try:
        if role == "admin":
            await bot.set_my_commands(menu(commands, "admin"), scope=BotCommandScopeChat(telegram_id))
        else:
            await bot.delete_my_commands(scope=BotCommandScopeChat(telegram_id))
    except TelegramError as exc:  # e.g. an admin who never opened a chat with the bot
        log.info("menu for %s not set: %s", telegram_id, exc)


async def set_menus(bot: Bot, commands: tuple[Command, ...], admin_ids: list[int]) -> None:
    await bot.set_my_commands(common_menu(commands), scope=BotCommandScopeDefault())
    for telegram_id in admin_ids:
        await set_menu_for(bot, commands, telegram_id, "admin")
