"""The runner's parts on their own: which sources are due, interrupted crawls, the weekly bulletin's catch-up,
the JSON logs, and the offline demo."""

from __future__ import annotations

import datetime as dt
import json
import logging

from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app
from bot.runner.crawls import CrawlScheduler, mark_interrupted
from bot.runner.digests import latest_schedule, send_due_bulletin
from bot.runner.logs import JsonFormatter
from bot.telegram.access import bootstrap_admins, ensure_private_chat
from config import get_settings
from config.sources import SourceConfig
from storage import Database
from storage.models import CrawlRun, Digest, Item, Outbox, Source, Subscription, utcnow
from storage.sources import sync_sources

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.timezone.utc)  # Monday 10:00 in Asia/Ho_Chi_Minh


def _sources() -> list[SourceConfig]:
    return [SourceConfig(name="kenh", kind="telegram", type="social", url="https://t.me/s/kenh", interval_minutes=1),
            SourceConfig(name="bao", kind="feed", type="provincial_press", url="https://bao.vn/rss",
                         interval_minutes=60),
            SourceConfig(name="tat", kind="feed", type="portal", url="https://cong.vn/rss", enabled=False)]


def test_due_sources_follow_each_interval_and_this_services_own_starts(database):
    with database.session() as s:
        rows = sync_sources(s, _sources())
        rows["kenh"].last_attempt_at = NOW - dt.timedelta(seconds=90)
        rows["bao"].last_attempt_at = NOW - dt.timedelta(minutes=10)
    scheduler = CrawlScheduler(database, _sources(), None)
    assert scheduler.due(NOW) == ["kenh"]  # the disabled source is never scheduled
    assert scheduler.due(NOW + dt.timedelta(minutes=51)) == ["kenh", "bao"]
    scheduler.started["kenh"] = NOW  # started by this service but its process died before recording anything
    assert scheduler.due(NOW + dt.timedelta(seconds=30)) == []
    assert scheduler.due(NOW + dt.timedelta(seconds=61)) == ["kenh"]


def test_never_crawled_sources_are_due_at_once(database):
    assert CrawlScheduler(database, _sources(), None).due(NOW) == ["kenh", "bao"]


def test_crawls_left_running_by_a_dead_service_are_closed(database):
    with database.session() as s:
        source = sync_sources(s, _sources())["bao"]
        s.add_all([CrawlRun(source_id=source.id, started_at=NOW - dt.timedelta(hours=1), status="running"),
                   CrawlRun(source_id=source.id, started_at=NOW - dt.timedelta(hours=2), status="ok")])
    assert mark_interrupted(database, NOW) == 1
    with database.session() as s:
        runs = {r.status: r for r in s.scalars(select(CrawlRun))}
        assert set(runs) == {"failed", "ok"} and "bị ngắt giữa chừng" in runs["failed"].error
        assert s.scalar(select(Source.last_attempt_at).where(Source.name == "bao")) is None


def test_weekly_bulletin_is_queued_once_after_its_schedule(database, tmp_path):
    settings = get_settings(database_url=database.url, data_dir=tmp_path)
    assert latest_schedule(NOW, settings) == dt.datetime(2026, 11, 23, 0, 30, tzinfo=dt.timezone.utc)
    with database.session() as s:
        bootstrap_admins(s, [77])
        chat = ensure_private_chat(s, 77, "Lan")
        s.add(Subscription(chat_id=chat.id, created_at=utcnow()))
    assert send_due_bulletin(database, settings, now=NOW) == 1
    assert send_due_bulletin(database, settings, now=NOW + dt.timedelta(hours=5)) is None  # a restart: not again
    with database.session() as s:
        digest = s.scalars(select(Digest)).one()
        assert (digest.period_key, digest.sent_at is not None) == ("2026-W47", True)
        rows = s.scalars(select(Outbox).where(Outbox.chat_id == 77)).all()
        assert len(rows) == 1 and rows[0].document_path and "2026-W47" in rows[0].document_path
    # a week later the next bulletin is due
    assert send_due_bulletin(database, settings, now=NOW + dt.timedelta(days=7)) == 1


def test_logs_are_one_json_object_per_line():
    record = logging.LogRecord("bot.runner", logging.INFO, __file__, 1, "crawl finished", (), None)
    record.sources = ["kenh"]
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "crawl finished" and entry["sources"] == ["kenh"] and entry["level"] == "info"
    assert dt.datetime.fromisoformat(entry["time"]).tzinfo is not None


def test_demo_runs_the_whole_pipeline_offline(tmp_path, monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Tin mới: 147" in out and "Lỗi: 0" in out
    assert "báo đưa tin" in out and "Nghi tin sai sự thật" in out and "Thông tin xấu độc" in out
    assert "trùng thông tin đã được kiểm chứng là sai" in out
    for suffix in (".docx", ".html", "-danh-sach-tin.xlsx"):
        assert any(p.name.endswith(suffix) for p in (tmp_path / "demo").iterdir()), suffix
    with Database(f"sqlite:///{tmp_path / 'demo' / 'diembao.db'}").session() as s:
        # the Đá Bàn rumour's forum thread and the portal's denial share no wording but the claim: one story
        stories = {title: story for title, story in s.execute(select(Item.title, Item.story_id)
                                                               .where(Item.title.contains("Đá Bàn")))}
        rumour = stories["KHẨN!!! Đập Đá Bàn nứt rồi, ai ở Ninh Hòa sơ tán gấp"]
        assert rumour is not None and stories[next(t for t in stories if t.startswith("Thông tin hồ Đá Bàn"))] == rumour
        assert s.scalar(select(Source.title).where(Source.name == "mau-phobien")) == "Diễn đàn Phố Biển (mẫu)"
