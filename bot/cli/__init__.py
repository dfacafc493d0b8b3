"""The `diembao` command line. The app is assembled in `bot.cli.commands`; it is loaded on first use, so that a single
command module (`python -m bot.cli.crawl`, which the runner starts for every crawl) imports only what it needs."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("app", "main"):
        from bot.cli import commands

        return getattr(commands, name)
    raise AttributeError(name)
