"""Fixtures of the bot tests: the fake Bot API over HTTP, and a sending bot pointed at it."""

from __future__ import annotations

import pytest

from bot.outbox import SendLimiter
from bot.telegram.botapi import make_bot
from tests.fakes.telegram_api import FakeTelegramServer


@pytest.fixture
def server():
    with FakeTelegramServer() as running:
        yield running


@pytest.fixture
def fake(server):
    return server.fake


@pytest.fixture
async def sender(server):
    """A sending bot with the real limits (tests keep to a few messages per chat)."""
    bot = make_bot(server.fake.token, server.base_url, SendLimiter(chat_interval=0.0, slack=0.0))
    await bot.initialize()
    yield bot
    await bot.shutdown()
