"""`diembao run`: the whole service (crawls, analysis, flags, alerts, the Telegram bot, the weekly bulletin)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import typer

from bot.cli.crawl import configured_sources
from bot.context import load_settings, open_database
from config.settings import telegram_api_base_url, telegram_bot_token


def run(sources: Path = typer.Option(None, "--sources", help="Tệp danh sách nguồn (mặc định: theo cấu hình)."),
        no_telegram: bool = typer.Option(False, "--no-telegram", help="Không chạy bot Telegram.")) -> None:
    """Chạy dịch vụ (thu thập theo lịch, phân tích, cảnh báo, Telegram, bản tin tuần) đến khi bị dừng."""
    from bot.runner.logs import configure
    from bot.runner.service import Runner

    configure()
    settings = load_settings()
    configs = configured_sources(settings, sources)
    database = open_database(settings)
    token = None if no_telegram else telegram_bot_token()
    if token is None and not no_telegram:
        typer.echo("Chưa đặt TELEGRAM_BOT_TOKEN: dịch vụ chạy không có bot Telegram; cảnh báo được giữ trong hàng "
                   "đợi và gửi khi có bot.", err=True)
    sources_file = sources or settings.sources_file
    runner = Runner(settings, database, configs, sources_file, token=token, base_url=telegram_api_base_url(settings))

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await runner.run(stop)

    asyncio.run(main())
