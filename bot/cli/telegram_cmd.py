"""`diembao bot`: the Telegram bot alone (commands by long polling, alerts from the outbox)."""

from __future__ import annotations

import logging

import typer
from telegram.error import InvalidToken

from bot.context import load_settings, open_database
from bot.outbox import DispatcherStopped
from bot.telegram.botapi import MissingToken, bot_credentials
from bot.telegram.service import run_bot


def bot() -> None:
    """Chạy trợ lý Telegram: nhận lệnh của cán bộ và gửi cảnh báo đang chờ; dừng bằng Ctrl+C."""
    settings = load_settings()
    try:
        token, base_url = bot_credentials(settings)
    except MissingToken as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    database = open_database(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    typer.echo(f"Trợ lý Telegram đang chạy (máy chủ Bot API: {base_url.split('{')[0]}…); Ctrl+C để dừng.")
    try:
        run_bot(settings, database, token, base_url)
    except (InvalidToken, DispatcherStopped) as exc:
        typer.echo(f"Telegram từ chối mã bot (TELEGRAM_BOT_TOKEN); hãy kiểm tra lại mã do @BotFather cấp. ({exc})",
                   err=True)
        raise typer.Exit(2) from None
    typer.echo("Đã dừng trợ lý Telegram.")
