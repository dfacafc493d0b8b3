"""`diembao run` end to end: the sample province and a fake Bot API on 127.0.0.1. A rumour that appears on the
channel reaches Telegram as an alert; the runner is killed with SIGKILL while new rumours arrive, restarted, and
nothing is lost or doubled; SIGTERM stops it cleanly."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.demo.content import sample_province
from bot.demo.server import SampleSites
from storage.models import Analysis, Digest, Flag, Item, Outbox
from tests.fakes.telegram_api import FakeTelegramServer
from tests.runner.support import ADMIN, prepare, start_runner

FIRST = "live-014"  # a land rumour no earlier post speaks of
DURING_KILL = ("live-008", "live-011", "live-039")  # paraphrases of other checked claims


def _live(province, key: str) -> str:
    return next(item["text"] for item in province.live if item["id"] == key)


def _wait(predicate, timeout: float, what: str, logs) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"{what}: not within {timeout} s\n" + "\n".join(p.read_text()[-3000:] for p in logs))


def _shown(fake, text: str) -> bool:
    """The alert for `text` was sent, or an already sent alert of its story was edited to include it."""
    start = " ".join(text.split())[:40]
    return any(start in " ".join(m.text.split()) or any(start in " ".join(e.split()) for e in m.edits)
               for m in fake.delivered(ADMIN))


def _settled(database, texts: list[str]) -> bool:
    """Every item with these texts is stored, analysed, flagged, and its alert is no longer waiting."""
    with database.session() as s:
        items = s.scalars(select(Item).where(Item.text.in_(texts))).all()
        if len(items) < len(texts):
            return False
        flags = s.scalars(select(Flag).where(Flag.item_id.in_([i.id for i in items]),
                                             Flag.kind == "misinformation")).all()
        if len(flags) < len(texts) or any(f.alerted_at is None for f in flags):
            return False
        rows = s.scalars(select(Outbox).where(Outbox.story_id.in_([i.story_id for i in items]))).all()
        return bool(rows) and all(r.status in ("sent", "uncertain") and not r.needs_edit for r in rows)


@pytest.fixture
def telegram():
    with FakeTelegramServer() as server:
        server.fake.user(ADMIN, "Quản trị")
        yield server


def test_a_rumour_reaches_telegram_and_a_killed_runner_loses_and_doubles_nothing(sqlite_database, telegram,
                                                                                 tmp_path):
    fake, database = telegram.fake, sqlite_database
    province = sample_province()
    with SampleSites(province) as sites:
        sources = prepare(database, province, sites, tmp_path)
        logs = [tmp_path / "first.log", tmp_path / "second.log"]
        runner = start_runner(database.url, sources, telegram, tmp_path, "first")
        try:
            # the sample province is crawled and analysed: the rumour matching a checked claim is alerted
            _wait(lambda: any("cắt điện TOÀN TỈNH" in m.text for m in fake.delivered(ADMIN)), 150,
                  "alert of the sample rumour", logs[:1])
            first = _live(province, FIRST)
            province.publish(first)
            _wait(lambda: _shown(fake, first), 60, "alert of a new rumour on the channel", logs[:1])

            during = [_live(province, key) for key in DURING_KILL]
            for text in during:
                province.publish(text)
            time.sleep(1.5)  # the next channel crawl or the analysis is under way
            runner.send_signal(signal.SIGKILL)
            runner.wait(10)

            runner = start_runner(database.url, sources, telegram, tmp_path, "second")
            _wait(lambda: _settled(database, [first, *during]), 150, "rumours published around the kill", logs)
            runner.send_signal(signal.SIGTERM)
            assert runner.wait(60) == 0  # a clean stop
        finally:
            if runner.poll() is None:
                runner.kill()

    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Item).where(Item.text.in_([first, *during]))) == 4
        items = s.scalar(select(func.count()).select_from(Item))
        assert s.scalar(select(func.count()).select_from(Analysis)) == items  # each item analysed once
        assert s.scalar(select(func.count(func.distinct(Analysis.item_id)))) == items
        rows = s.scalars(select(Outbox).where(Outbox.chat_id == ADMIN)).all()
        weekly = s.scalars(select(Digest).where(Digest.period == "week")).all()
    # every message Telegram accepted is recorded on exactly one outbox row, and no row was sent twice
    delivered = Counter(m.message_id for m in fake.delivered(ADMIN))
    recorded = Counter(mid for r in rows for mid in r.message_ids)
    assert set(recorded) <= set(delivered) and max(recorded.values()) == 1
    texts = Counter(m.text for m in fake.delivered(ADMIN) if m.document is None)
    assert [t for t, n in texts.items() if n > 1] == []
    assert all(r.status != "pending" for r in rows if r.kind == "alert")
    # the weekly bulletin was queued once (the restart did not queue it again) and arrived as a document
    assert len(weekly) == 1 and weekly[0].sent_at is not None
    assert sum(m.document is not None for m in fake.delivered(ADMIN)) == 1
    # crawl processes did not outlive the runner
    assert subprocess.run(["pgrep", "-f", f"bot.cli.crawl --sources {sources}"], capture_output=True).returncode == 1
