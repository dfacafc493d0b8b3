"""Fixtures of the bot tests: the fake Bot API over HTTP with a sending bot pointed at it, and the Application
wired to the fake without sockets."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from telegram import Update

from bot.outbox import SendLimiter
from bot.telegram.app import build_application, prepare
from bot.telegram.botapi import make_bot
from tests.bot.support import settings
from tests.fakes.telegram_api import FakeTelegram, FakeTelegramServer, RecordingRequest


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


@dataclass
class Harness:
    """The real Application wired to a FakeTelegram through the recording request: no sockets."""

    app: object
    fake: FakeTelegram
    database: object

    async def send(self, user_id: int, text: str, chat_id: int | None = None) -> list:
        return await self.feed(self.fake.send_text(user_id, text, chat_id))

    async def feed(self, update: dict) -> list:
        """Process one update; returns the messages the bot sent while handling it."""
        before = len(self.fake.sent)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.fake.sent[before:]


@pytest.fixture
async def harness(sqlite_database, tmp_path):
    fake = FakeTelegram()
    fake.user(1, "Quản trị")
    app = build_application(settings(sqlite_database.url, tmp_path / "var"), sqlite_database, token=fake.token,
                            base_url="http://fake.invalid/bot", request=RecordingRequest(fake),
                            updates_request=RecordingRequest(fake), limiter=SendLimiter(chat_interval=0.0, slack=0.0))
    await app.initialize()
    await prepare(app)
    yield Harness(app, fake, sqlite_database)
    await app.shutdown()
