"""The scheduled weekly bulletin (default Monday 07:30 in the province's zone): built and queued for every chat
that wants digests. A service that was down at the scheduled time catches up when it starts; `digests.sent_at`
makes sure a week is queued once."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sqlalchemy import select

from bot.digest.periods import parse_period
from bot.digest.schedule import next_weekly_run, weekly_bulletin
from bot.digest.send import queue_bulletin
from bot.runner import sleep_unless_stopped
from config import Settings
from storage import Database
from storage.audit import beat
from storage.models import Digest, utcnow

log = logging.getLogger(__name__)


def latest_schedule(now: dt.datetime, settings: Settings) -> dt.datetime:
    """The most recent scheduled moment at or before `now`."""
    return next_weekly_run(now - dt.timedelta(days=7), settings)


def send_due_bulletin(database: Database, settings: Settings, now: dt.datetime | None = None) -> int | None:
    """Build and queue the bulletin of the latest schedule unless it was queued already; returns how many chats
    it was queued for (None when there was nothing to do)."""
    now = now or utcnow()
    scheduled = latest_schedule(now, settings)
    period = parse_period("week", None, tz=settings.timezone, now=scheduled)
    with database.session() as session:
        sent = session.scalar(select(Digest.sent_at).where(Digest.period == "week", Digest.period_key == period.key))
    if sent is not None:
        return None
    bulletin = weekly_bulletin(database, settings, now=scheduled)
    with database.session() as session:
        queued = queue_bulletin(session, bulletin, settings)
        session.get(Digest, bulletin.digest_id).sent_at = now
        beat(session, "digest", period=period.key, chats=queued)
    log.info("weekly bulletin queued", extra={"period": period.key, "chats": queued})
    return queued


async def weekly_digests(database: Database, settings: Settings, stop: asyncio.Event) -> None:
    """Send the bulletin at every schedule until `stop`."""
    while not stop.is_set():
        try:
            await asyncio.to_thread(send_due_bulletin, database, settings)
        except Exception:
            log.exception("weekly bulletin failed; retrying in 10 minutes")
            with database.session() as session:
                beat(session, "digest", error="không tạo được bản tin tuần (xem nhật ký)")
            wait = 600.0
        else:
            wait = (next_weekly_run(utcnow(), settings) - utcnow()).total_seconds()
        await sleep_unless_stopped(stop, max(1.0, wait))
