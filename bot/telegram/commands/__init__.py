"""The bot's commands, one small module each; adding a command is one line in MODULES."""

from bot.telegram.commands import (claim, digest, flag, groups, help, invite, review, search, sources, start, stats,
                                   subscribe, users)
from bot.telegram.commands.base import Command, guarded

MODULES = (start, help, stats, search, digest, review, flag, claim, subscribe, sources, invite, users, groups)
COMMANDS: tuple[Command, ...] = tuple(command for module in MODULES for command in module.COMMANDS)

__all__ = ["COMMANDS", "Command", "guarded"]
