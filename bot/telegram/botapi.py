"""Connections to the Bot API: the token and base URL from the environment, generous timeouts, one limiter."""

from __future__ import annotations

from telegram.ext import ExtBot
from telegram.request import BaseRequest, HTTPXRequest

from bot.outbox.limits import SendLimiter
from config.settings import Settings, telegram_api_base_url, telegram_bot_token

MISSING_TOKEN = ("Chưa có mã bot Telegram: đặt biến môi trường TELEGRAM_BOT_TOKEN (mã do @BotFather cấp) rồi chạy lại. "
                 "Máy chủ Bot API riêng (nếu có) đặt ở TELEGRAM_API_BASE_URL.")


class MissingToken(RuntimeError):
    def __init__(self) -> None:
        super().__init__(MISSING_TOKEN)


def bot_credentials(settings: Settings) -> tuple[str, str]:
    """(token, base URL); MissingToken with a Vietnamese message when TELEGRAM_BOT_TOKEN is not set."""
    token = telegram_bot_token()
    if not token:
        raise MissingToken()
    return token, telegram_api_base_url(settings)


def file_url(base_url: str) -> str:
    """The file download base that goes with an API base ("…/bot" → "…/file/bot")."""
    if "{token}" in base_url:
        return base_url.replace("/bot{token}", "/file/bot{token}")
    return base_url[:-4] + "/file/bot" if base_url.endswith("/bot") else base_url.rstrip("/") + "/file/bot"


def http_request(pool_size: int = 64) -> HTTPXRequest:
    """Send timeouts long enough that a slow answer is not mistaken for a lost message (which is never resent)."""
    return HTTPXRequest(connection_pool_size=pool_size, connect_timeout=10.0, read_timeout=30.0, write_timeout=30.0,
                        pool_timeout=10.0)


def make_bot(token: str, base_url: str, limiter: SendLimiter | None = None,
             request: BaseRequest | None = None) -> ExtBot:
    """A bot for sending only (the dispatcher on its own); call `await bot.initialize()` before use."""
    return ExtBot(token, base_url=base_url, base_file_url=file_url(base_url), request=request or http_request(),
                  rate_limiter=limiter or SendLimiter())
