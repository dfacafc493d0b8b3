"""Review on buttons (recording request): labels, workflow steps, stale and replayed presses, hostile data, resend."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.alerts import queue_alerts
from bot.outbox import Dispatcher
from storage.models import AuditEntry, Flag, FlagEvent, Outbox, Review
from tests.bot.support import analysis, flag, item, member, outbox_row, settings


def _seed(h) -> int:
    with h.database.session() as s:
        member(s, 80, "reviewer", "Lan")
        member(s, 81, "reviewer", "Minh")
        member(s, 82, "officer", "Tâm")
        i = item(s, "Tin đồn cầu Trần Phú sắp sập", "Chia sẻ ngay: cầu sắp sập!")
        analysis(s, i, misinfo_score=0.8)
        flag_id = flag(s, i).id
    for uid, name in ((80, "Lan"), (81, "Minh"), (82, "Tâm")):
        h.fake.user(uid, name)
    return flag_id


def _button(message, prefix: str) -> str:
    return next(b["callback_data"] for row in message.reply_markup["inline_keyboard"] for b in row
                if b["callback_data"].startswith(prefix))


def _count(h, model) -> int:
    with h.database.session() as s:
        return s.scalar(select(func.count()).select_from(model))


async def test_a_label_press_is_stored_once_and_the_card_shows_who_decided(harness):
    h = harness
    flag_id = _seed(h)
    [card] = await h.send(80, "/review")
    press = h.fake.press(80, card, _button(card, f"s:{flag_id}:neg"))
    await h.feed(press)
    assert h.fake.answers[-1]["text"] == "Đã ghi: Tiêu cực"
    assert "Lan: Tiêu cực" in card.text and card.edits  # the /review card was edited in place
    await h.feed(h.fake.replay(press))  # Telegram delivers the same update again
    assert _count(h, Review) == 1 and "trước đó" in h.fake.answers[-1]["text"]
    [second] = await h.send(81, "/review")
    assert "Lan: Tiêu cực" in second.text  # a second reviewer sees the earlier decision
    await h.feed(h.fake.press(81, second, _button(second, f"m:{flag_id}:tg")))
    with h.database.session() as s:
        assert [(r.reviewer, r.task, r.label, r.channel) for r in s.scalars(select(Review).order_by(Review.id))] == [
            ("tg:80", "sentiment", "negative", "telegram"), ("tg:81", "misinfo", "tin_gia", "telegram")]
    assert "Minh: Tin giả" in second.text


async def test_workflow_steps_stale_buttons_and_a_legal_basis_by_reply(harness):
    h = harness
    flag_id = _seed(h)
    [card] = await h.send(80, "/review")
    screening = _button(card, f"w:{flag_id}:0:sl")
    await h.feed(h.fake.press(80, card, screening))
    assert "Sàng lọc" in h.fake.answers[-1]["text"]
    old = h.fake.press(81, card, screening)  # pressed on a copy that still shows the old buttons
    await h.feed(old)
    assert h.fake.answers[-1]["show_alert"] and "đã cũ" in h.fake.answers[-1]["text"]
    assert _count(h, FlagEvent) == 1
    violation = _button(card, f"w:{flag_id}:1:kvi")
    [prompt] = (await h.feed(h.fake.press(80, card, violation)))[-1:]
    assert "căn cứ pháp lý" in prompt.text and prompt.reply_markup["force_reply"]
    await h.feed(h.fake.reply_to(80, prompt, "Điều 101 Nghị định 15/2020/NĐ-CP"))
    with h.database.session() as s:
        moved = s.get(Flag, flag_id)
        assert (moved.status, moved.conclusion, moved.legal_basis) == ("ket_luan", "vi_pham",
                                                                       "Điều 101 Nghị định 15/2020/NĐ-CP")
        assert [e.actor for e in s.scalars(select(FlagEvent).order_by(FlagEvent.id))] == ["tg:80", "tg:80"]
    await h.feed(h.fake.reply_to(81, prompt, "trả lời lại lần nữa"))  # the prompt is stale now
    assert _count(h, FlagEvent) == 2


async def test_officers_outsiders_and_forged_data_change_nothing(harness):
    h = harness
    flag_id = _seed(h)
    [card] = await h.send(80, "/review")
    await h.feed(h.fake.press(82, card, f"s:{flag_id}:neg"))
    assert h.fake.answers[-1]["show_alert"] and "người rà soát" in h.fake.answers[-1]["text"]
    h.fake.user(666, "Lạ")
    await h.feed(h.fake.press(666, card, f"s:{flag_id}:neg"))
    for forged in [f"s:{flag_id}:xyz", "w:1:0:sl;DROP TABLE flags", "s:" + "9" * 70, f"r:{flag_id}x"]:
        await h.feed(h.fake.press(80, card, forged))
        assert h.fake.answers[-1]["text"] == "Nút không hợp lệ."
    assert _count(h, Review) == 0 and _count(h, FlagEvent) == 0
    with h.database.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "callback.invalid")) == 4


async def test_a_press_on_an_alert_updates_every_copy_through_the_outbox(harness):
    h = harness
    cfg = settings(h.database.url)
    with h.database.session() as s:
        member(s, 80, "reviewer", "Lan", subscribe={})
        member(s, 81, "reviewer", "Minh", subscribe={})
        flag_id = flag(s, item(s, "Tin đồn", "Chia sẻ ngay!")).id
        queue_alerts(s, cfg)
    h.fake.user(80, "Lan"), h.fake.user(81, "Minh")
    dispatcher = Dispatcher(h.database, h.app.bot, cfg, feed_alerts=False)
    await dispatcher.run_until_idle()
    [alert_80] = h.fake.delivered(80)
    await h.feed(h.fake.press(80, alert_80, _button(alert_80, f"s:{flag_id}:pos")))
    with h.database.session() as s:
        assert all(r.needs_edit and "Lan: Tích cực" in r.text for r in s.scalars(select(Outbox)))
    await dispatcher.run_until_idle()
    assert all("Lan: Tích cực" in m.text and len(m.edits) == 1 for m in h.fake.delivered())


async def test_resend_button_requeues_an_uncertain_message_once(harness):
    h = harness
    with h.database.session() as s:
        member(s, 80, "reviewer", "Lan")
        lost = outbox_row(s, 80, "<b>Tin đồn sập cầu</b>", key="lost", status="sending")
    h.fake.user(80, "Lan")
    cfg = settings(h.database.url)
    await Dispatcher(h.database, h.app.bot, cfg, feed_alerts=False).run_until_idle()  # recovery: uncertain
    [notice] = h.fake.delivered(80)
    await h.feed(h.fake.press(80, notice, f"r:{lost.id}"))
    assert h.fake.answers[-1]["text"] == "Đang gửi lại." and notice.reply_markup is None
    await h.feed(h.fake.press(80, notice, f"r:{lost.id}"))
    assert "không cần gửi lại" in h.fake.answers[-1]["text"]
    await Dispatcher(h.database, h.app.bot, cfg, feed_alerts=False).run_until_idle()
    assert [m.text for m in h.fake.delivered(80)][1:] == ["Tin đồn sập cầu"]
