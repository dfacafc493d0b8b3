"""Flags become outbox rows: subscription matching, one alert per story per chat, quiet summaries, safe cards."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.alerts import group_quiet_alerts, queue_alerts
from bot.alerts.card import flag_card
from storage.models import Claim, Flag, Outbox, Story, utcnow
from tests.bot.support import analysis, flag, item, member, settings
from tests.fakes.telegram_api import parse_html


def _rows(session) -> list[Outbox]:
    return list(session.scalars(select(Outbox).order_by(Outbox.id)))


def test_each_chat_gets_what_its_subscriptions_match(database):
    cfg = settings(database.url)
    with database.session() as s:
        member(s, 70, "reviewer", "Mọi thứ", subscribe={})
        member(s, 71, "officer", "Đất đai Cam Ranh", subscribe={"topics": ["land"], "places": ["Cam Ranh"]})
        member(s, 72, "officer", "Chỉ nghiêm trọng", subscribe={"min_severity": "critical"})
        member(s, 73, "officer", "Chỉ xấu độc", subscribe={"kinds": ["harmful"]})
        removed = member(s, 74, "officer", "Đã gỡ", subscribe={})
        removed.active = False
        land = item(s, "Tranh chấp đất đai ở Cam Ranh", "Người dân phản đối giải tỏa.")
        analysis(s, land, topics=["land"], places=[{"name": "Cam Ranh", "kind": "city"}])
        flag(s, land, kind="negative_press", severity="high")
        other = item(s, "Tin đồn ở Nha Trang", "Tin đồn lan truyền trên mạng.")
        analysis(s, other, topics=["health"], places=["Nha Trang"])
        flag(s, other, kind="misinformation", severity="critical")
        assert queue_alerts(s, cfg) == 4
        assert queue_alerts(s, cfg) == 0  # every flag is taken once
    with database.session() as s:
        got = {(r.chat_id, s.get(Flag, r.flag_id).kind) for r in _rows(s)}
        assert got == {(70, "negative_press"), (70, "misinformation"), (71, "negative_press"), (72, "misinformation")}
        assert all(f.alerted_at is not None for f in s.scalars(select(Flag)))
        buttons = {r.chat_id: r.reply_markup is not None for r in _rows(s)}
        assert buttons == {70: True, 71: False, 72: False}  # officers read alerts, reviewers label them


def test_a_story_gets_one_alert_per_chat_and_later_items_raise_its_counter(database):
    cfg = settings(database.url)
    with database.session() as s:
        member(s, 70, "reviewer", "Rà soát", subscribe={})
        story = Story(title="Sạt lở đèo Khánh Lê", item_count=3, outlet_count=2, created_at=utcnow())
        s.add(story)
        s.flush()
        first = item(s, "Sạt lở đèo Khánh Lê", "Mưa lớn gây sạt lở.")
        flag(s, first, kind="negative_press", severity="medium", story_id=story.id)
        queue_alerts(s, cfg)
        row = _rows(s)[0]
        row.status, row.message_ids = "sent", [5001]  # the dispatcher delivered it
        flag(s, item(s, "Đèo Khánh Lê lại sạt lở", "Tiếp tục sạt lở."), kind="negative_press", severity="medium",
             story_id=story.id)
        flag(s, item(s, "Tin giả: đèo Khánh Lê đóng vĩnh viễn", "Chia sẻ ngay!"), kind="misinformation",
             severity="critical", story_id=story.id)
        assert queue_alerts(s, cfg) == 0
    with database.session() as s:
        [row] = _rows(s)
        assert row.counter == 3 and row.needs_edit and row.severity == "critical"
        assert s.get(Flag, row.flag_id).kind == "misinformation"  # the card shows the most severe flag
        assert "Cảnh báo cùng sự việc:</b> 3" in row.text and "3 tin, 2 nguồn" in row.text
        parse_html(row.text)


def test_quiet_alerts_wait_for_one_summary_and_a_severe_one_is_promoted(database):
    cfg = settings(database.url, summary_minutes=30)
    with database.session() as s:
        member(s, 70, "reviewer", "Rà soát", subscribe={"min_severity": "low"})
        for n in range(3):
            flag(s, item(s, f"Tin nhỏ {n} <vụn vặt>", "Nội dung nhỏ."), kind="negative_press", severity="low")
        s.add(Flag(kind="silent_source", severity="low", reasons=["Nguồn không có tin mới 3 ngày"], status="moi",
                   created_at=utcnow(), updated_at=utcnow()))
        queue_alerts(s, cfg)
        assert {r.status for r in _rows(s)} == {"held"}
        assert group_quiet_alerts(s, cfg) == 0  # not yet due
        assert group_quiet_alerts(s, cfg, now=utcnow() + dt.timedelta(minutes=31)) == 1
    with database.session() as s:
        rows = _rows(s)
        summary = [r for r in rows if r.kind == "summary"]
        assert len(summary) == 1 and summary[0].status == "pending" and summary[0].counter == 4
        assert "Tổng hợp 4 cảnh báo mức thấp" in summary[0].text and "&lt;vụn vặt&gt;" in summary[0].text
        parse_html(summary[0].text)
        assert {r.status for r in rows if r.kind == "alert"} == {"grouped"}
        held = rows[0]
        story = Story(title="x", created_at=utcnow())
        s.add(story)
        s.flush()
        held_flag = s.get(Flag, held.flag_id)
        held.dedupe_key = f"alert:story:{story.id}:chat:70"
        held_flag.story_id = story.id
        flag(s, item(s, "Cùng sự việc nhưng nghiêm trọng", "Nội dung."), severity="high", story_id=story.id)
        queue_alerts(s, cfg)
        s.flush()
        assert (held.status, held.severity, held.counter) == ("pending", "high", 2)


def test_cards_escape_everything_and_fit_one_message(database):
    with database.session() as s:
        hostile = '<script>alert("x")</script> & ' * 400
        i = item(s, hostile[:300], hostile, url='https://vd.vn/?a=1&b="2"')
        analysis(s, i, misinfo_score=0.9)
        claim = Claim(text=hostile[:500], text_hash="h" * 64, verdict="tin_gia", created_at=utcnow())
        s.add(claim)
        s.flush()
        f = flag(s, i, reasons=[hostile[:500]] * 20, claim_id=claim.id, claim_similarity=0.93)
        card = flag_card(s, f, __import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    visible = parse_html(card.text)
    assert len(card.text) <= 4096 and '<script>alert("x")</script>' in visible and "giống 93%" in visible
    assert all(len(b["callback_data"].encode()) <= 64 for row in card.markup["inline_keyboard"] for b in row)
