"""Bulletins to Telegram: the scheduled run's `queue_bulletin` (one row per subscribed chat per period, never twice)
and `/digest`, each sent through the real dispatcher: the summary, then the DOCX."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from sqlalchemy import func, select

from bot.digest import PeriodError, build_bulletin, parse_period, queue_bulletin, weekly_bulletin
from bot.digest.send import digest_chats
from bot.outbox import Dispatcher, SendLimiter
from bot.telegram.botapi import make_bot
from bot.telegram.commands.digest import USAGE, requested_period
from config import load_profile
from storage.models import AuditEntry, Chat, Outbox, Subscription, utcnow
from tests.bot.support import analysis, item, member, settings
from tests.fakes.telegram_api import FakeTelegram, RecordingRequest

NOW = dt.datetime(2024, 6, 10, 0, 30, tzinfo=dt.timezone.utc)  # Monday 07:30 in Asia/Ho_Chi_Minh
SENTENCE = ("Có 3 tin liên quan tỉnh Khánh Hòa, trong đó: tích cực: 1 (33,3% tổng số tin), tiêu cực: 2 (66,7% tổng số "
            "tin) và trung lập: 0 (0% tổng số tin).")


def _week_of_items(session, start: dt.datetime) -> None:
    """Three relevant items in the week starting at `start` (1 positive, 2 negative), one in the week after."""
    for n, sentiment in enumerate(["positive", "negative", "negative"]):
        analysis(session, item(session, f"Tin tuần {n} về Nha Trang", "Nội dung " * 5,
                               url=f"https://baokhanhhoa.vn/tuan-{n}.html", published_at=start + dt.timedelta(days=n)),
                 sentiment)
    analysis(session, item(session, "Tin tuần sau", "Nội dung " * 5, url="https://baokhanhhoa.vn/sau.html",
                           published_at=start + dt.timedelta(days=8)), "neutral")


def _chats(session) -> None:
    """Who wants the bulletin: an officer and a registered group; not a chat that turned bulletins off, a removed
    user, a chat that is gone, nor a user without subscriptions."""
    member(session, 81, "officer", "Thu", subscribe={})
    member(session, 82, "reviewer", "Không nhận bản tin", subscribe={"digests": False})
    member(session, 83, "officer", "Đã gỡ", subscribe={}).active = False
    member(session, 84, "officer", "Chưa đăng ký")
    group = Chat(telegram_chat_id=-1001, type="supergroup", title="Tổ giám sát", active=True, created_at=utcnow())
    gone = Chat(telegram_chat_id=-1002, type="group", title="Nhóm đã chặn bot", active=False, created_at=utcnow())
    session.add_all([group, gone])
    session.flush()
    session.add_all([Subscription(chat_id=c.id, created_at=utcnow(), min_severity="high") for c in (group, gone)])
    session.flush()


async def _dispatch(database, fake: FakeTelegram, cfg) -> None:
    bot = make_bot(fake.token, "http://fake.invalid/bot", SendLimiter(chat_interval=0.0, slack=0.0),
                   request=RecordingRequest(fake))
    await bot.initialize()
    try:
        await Dispatcher(database, bot, cfg, feed_alerts=False).run_until_idle()
    finally:
        await bot.shutdown()


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


async def test_scheduled_bulletin_reaches_every_subscribed_chat_once(database, tmp_path, monkeypatch):
    monkeypatch.setattr("bot.digest.pdf.shutil.which", lambda name: None)  # no LibreOffice run: faster, same rows
    cfg = settings(database.url, tmp_path / "var")
    with database.session() as s:
        _week_of_items(s, parse_period("week", None, tz=cfg.timezone, now=NOW).start)
        _chats(s)
        assert sorted(t for _, t in digest_chats(s)) == [-1001, 81]
    fake = FakeTelegram()
    for chat_id in (81, 82, 83, 84):
        fake.user(chat_id)
    fake.group(-1001, kind="supergroup")

    bulletin = weekly_bulletin(database, cfg, now=NOW)  # what the runner does every Monday 07:30
    with database.session() as s:
        assert queue_bulletin(s, bulletin, cfg) == 2
    await _dispatch(database, fake, cfg)

    assert {m.chat_id for m in fake.delivered()} == {81, -1001}
    for chat_id in (81, -1001):
        summary, document = fake.delivered(chat_id)
        assert summary.document is None and "BẢN TIN ĐIỂM BÁO TUẦN" in summary.text and SENTENCE in summary.text
        assert document.document["filename"] == "ban-tin-diem-bao-2024-W23.docx"
        assert "Số 23/2024 (từ ngày 03/6/2024 đến ngày 09/6/2024)" in _docx_text(document.document["content"])
        assert summary.message_id < document.message_id  # the file follows its text

    # the run repeats after a crash (the bulletin rebuilt, queued again): nothing new is sent
    again = weekly_bulletin(database, cfg, now=NOW + dt.timedelta(minutes=3))
    with database.session() as s:
        assert queue_bulletin(s, again, cfg) == 0
    await _dispatch(database, fake, cfg)
    assert len(fake.delivered()) == 4
    with database.session() as s:
        rows = s.scalars(select(Outbox).order_by(Outbox.id)).all()
        assert [(r.kind, r.status, len(r.message_ids)) for r in rows] == [("digest", "sent", 2)] * 2
        assert {r.dedupe_key.rsplit(":", 1)[0] for r in rows} == {"digest:week:2024-W23:chat"}
        queued = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "digest.queue")
                           .order_by(AuditEntry.id)).all()
        assert [d["chats"] for d in queued] == [2, 0]


async def test_the_next_period_is_a_new_bulletin_for_the_same_chats(database, tmp_path):
    cfg = settings(database.url, tmp_path / "var")
    with database.session() as s:
        _chats(s)
    profile = load_profile("khanh_hoa")
    with database.session() as s:
        for week in (23, 24):
            period = parse_period("week", f"2024-W{week}", tz=cfg.timezone, now=NOW)
            bulletin = build_bulletin(s, period, tmp_path / "out", settings=cfg, profile=profile, formats=("docx",))
            assert queue_bulletin(s, bulletin, cfg) == 2
        assert s.scalar(select(func.count()).select_from(Outbox)) == 4
        assert all(r.document_path.endswith(".docx") for r in s.scalars(select(Outbox)))


def test_requested_periods():
    tz = "Asia/Ho_Chi_Minh"
    assert requested_period("", tz, NOW).key == "2024-W23"
    assert requested_period("Tuần", tz, NOW).key == "2024-W23"
    assert requested_period("thang", tz, NOW).key == "2024-05"
    assert requested_period("2024-W01", tz, NOW).key == "2024-W01"
    assert requested_period("2024-06", tz, NOW).key == "2024-06"  # still running: the figures so far
    with pytest.raises(PeriodError, match="chỉ có 52 tuần"):
        requested_period("2021-W53", tz, NOW)
    with pytest.raises(PeriodError, match="chưa bắt đầu"):
        requested_period("2024-07", tz, NOW)
    with pytest.raises(PeriodError, match="/digest tháng"):
        requested_period("năm nay", tz, NOW)


async def test_digest_command_sends_the_summary_then_the_document(harness):
    h = harness
    cfg = h.app.bot_data["deps"].settings
    now = utcnow()
    with h.database.session() as s:
        member(s, 60, "officer", "Cán bộ Thu")
        _week_of_items(s, parse_period("week", None, tz=cfg.timezone, now=now).start)
    h.fake.user(60, "Thu")
    period = parse_period("week", None, tz=cfg.timezone, now=utcnow())

    [waiting] = await h.send(60, "/digest tuần")
    assert f"Đang tạo báo cáo {period.name}" in waiting.text
    await _dispatch(h.database, h.fake, cfg)
    summary, document = h.fake.delivered(60)[1:]
    assert SENTENCE in summary.text and f"Số {period.number}/{period.year}" in summary.text
    assert document.document["filename"] == f"ban-tin-diem-bao-{period.key}.docx"
    assert "I. TÌNH HÌNH CHUNG" in _docx_text(document.document["content"])
    assert (tmp := cfg.data_dir / "digests" / f"ban-tin-diem-bao-{period.key}.docx").is_file()
    assert [p.name for p in tmp.parent.iterdir()] == [tmp.name]  # only what Telegram needs, nothing half-written

    [month] = await h.send(60, "/digest tháng")
    [wrong] = await h.send(60, "/digest năm nay")
    assert "Đang tạo báo cáo tháng" in month.text and wrong.text == USAGE
    with h.database.session() as s:
        rows = s.scalars(select(Outbox).order_by(Outbox.id)).all()
        assert [r.dedupe_key.split(":")[1] for r in rows] == [period.key, parse_period(
            "month", None, tz=cfg.timezone, now=utcnow()).key]
        assert s.scalar(select(AuditEntry.actor).where(AuditEntry.action == "digest.request")) == "tg:60"


async def test_outsiders_get_no_bulletin(harness):
    [refusal] = await harness.send(99, "/digest")
    assert "chỉ dành cho cán bộ" in refusal.text
    with harness.database.session() as s:
        assert s.scalar(select(func.count()).select_from(Outbox)) == 0


async def test_a_chat_turns_the_bulletin_off_when_subscribing(harness):
    h = harness
    with h.database.session() as s:
        member(s, 60, "officer", "Cán bộ Thu")
        member(s, 61, "officer", "Cán bộ Hà")
    [quiet] = await h.send(60, "/subscribe loại: tin giả; bản tin: không")
    [everything] = await h.send(61, "/subscribe tất cả")
    assert "bản tin tuần: không" in quiet.text and "bản tin tuần: có" in everything.text
    [wrong] = await h.send(60, "/subscribe bản tin: thỉnh thoảng")
    assert "“có” hoặc “không”" in wrong.text
    with h.database.session() as s:
        assert [t for _, t in digest_chats(s)] == [61]
