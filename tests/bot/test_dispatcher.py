"""The outbox dispatcher against the fake Bot API over HTTP: delivery, records, retries, give-ups, splitting."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.outbox import Dispatcher, DispatcherStopped
from bot.telegram.botapi import make_bot
from storage.models import AuditEntry, Chat, Outbox
from tests.bot.support import outbox_row, settings


def _dispatcher(db, bot, **kw) -> Dispatcher:
    return Dispatcher(db, bot, settings(db.url), base_delay=0.05, max_delay=0.2, feed_alerts=False, **kw)


async def _run_until_delivered(dispatcher: Dispatcher, fake, chat_id: int) -> None:
    """Run the dispatcher loop (retries included) until the chat received something."""
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop))
    await asyncio.to_thread(fake.wait_for, lambda: fake.delivered(chat_id))
    stop.set()
    await task


def _rows(db) -> dict[str, Outbox]:
    with db.session() as s:
        return {r.dedupe_key: r for r in s.scalars(select(Outbox))}


async def test_sends_each_row_once_and_records_message_ids(database, fake, sender):
    fake.user(11), fake.user(12)
    with database.session() as s:
        for n in range(3):
            outbox_row(s, 11, f"<b>Cảnh báo {n}</b> &amp; chi tiết", key=f"a{n}")
        outbox_row(s, 12, "Tin cho chat khác", key="b0")
    dispatcher = _dispatcher(database, sender)
    await dispatcher.run_until_idle()
    await dispatcher.run_until_idle()  # nothing left: nothing sent again
    rows = _rows(database)
    assert {r.status for r in rows.values()} == {"sent"}
    assert [m.text for m in fake.delivered(11)] == ["Cảnh báo 0 & chi tiết", "Cảnh báo 1 & chi tiết", "Cảnh báo 2 & chi tiết"]
    for key, row in rows.items():
        sent = [m for m in fake.delivered() if m.message_id in row.message_ids]
        assert len(row.message_ids) == 1 and len(sent) == 1 and sent[0].chat_id == row.chat_id


async def test_long_text_is_split_on_lines_and_buttons_go_on_the_last_part(database, fake, sender):
    fake.user(11)
    text = "\n".join(f"<b>Dòng {n}</b>: nội dung " + "chữ " * 30 for n in range(120))
    markup = {"inline_keyboard": [[{"text": "Gửi lại", "callback_data": "r:1"}]]}
    with database.session() as s:
        outbox_row(s, 11, text, key="long", reply_markup=markup)
    await _dispatcher(database, sender).run_until_idle()
    row = _rows(database)["long"]
    parts = fake.delivered(11)
    assert row.status == "sent" and len(parts) >= 3 and row.message_ids == [m.message_id for m in parts]
    assert all(len(m.text) <= 4096 for m in parts)
    assert [m.reply_markup for m in parts] == [None] * (len(parts) - 1) + [markup]
    assert "\n".join(m.text for m in parts).count("Dòng") == 120


async def test_429_is_rescheduled_after_retry_after_and_delivered_once(database, fake, sender):
    fake.user(11)
    fake.inject("sendMessage", "429", retry_after=1)
    with database.session() as s:
        outbox_row(s, 11, "Cảnh báo", key="a")
    await _run_until_delivered(_dispatcher(database, sender), fake, 11)
    row = _rows(database)["a"]
    assert row.status == "sent" and row.attempts == 2 and len(fake.delivered(11)) == 1
    sends = [at for at, method, _ in fake.calls if method == "sendMessage"]
    assert len(sends) == 2 and sends[1] - sends[0] >= 1.0  # retry_after was honoured
    assert sender.rate_limiter.paused_until > 0


async def test_server_errors_are_retried_with_backoff(database, fake, sender):
    fake.user(11)
    fake.inject("sendMessage", "500", times=1)
    fake.inject("sendMessage", "502", times=1)
    with database.session() as s:
        outbox_row(s, 11, "Cảnh báo", key="a")
    await _run_until_delivered(_dispatcher(database, sender), fake, 11)
    row = _rows(database)["a"]
    assert row.status == "sent" and row.attempts == 3 and len(fake.delivered(11)) == 1


async def test_no_connection_is_retried_until_the_server_is_back(database, server, fake, sender):
    fake.user(11)
    with database.session() as s:
        outbox_row(s, 11, "Cảnh báo", key="a")
    server.pause()
    dispatcher = _dispatcher(database, sender)
    await dispatcher.run_until_idle()
    row = _rows(database)["a"]
    assert row.status == "pending" and "ConnectError" in row.last_error
    server.resume()
    await _run_until_delivered(dispatcher, fake, 11)
    assert len(fake.delivered(11)) == 1 and _rows(database)["a"].status == "sent"


@pytest.mark.parametrize("kind, copies", [("drop_after", 1), ("drop_before", 0)])
async def test_a_connection_lost_after_the_request_left_is_never_resent(database, fake, sender, kind, copies):
    fake.user(11)
    fake.inject("sendMessage", kind, chat_id=11)
    with database.session() as s:
        outbox_row(s, 11, "<b>Tin đồn sập cầu</b>", key="a")
    dispatcher = _dispatcher(database, sender)
    await dispatcher.run_until_idle()
    await dispatcher.run_until_idle()
    rows = _rows(database)
    assert rows["a"].status == "uncertain" and rows["a"].message_ids == []
    alerts = [m for m in fake.delivered(11) if "sập cầu" in m.text and "Chưa chắc" not in m.text]
    assert len(alerts) == copies
    notice = next(r for r in rows.values() if r.kind == "notice")
    assert notice.status == "sent" and notice.reply_markup["inline_keyboard"][0][0]["callback_data"] == f"r:{rows['a'].id}"


async def test_a_row_left_sending_by_a_crash_becomes_uncertain(database, fake, sender):
    fake.user(11)
    with database.session() as s:
        outbox_row(s, 11, "Đang gửi dở", key="a", status="sending")
    await _dispatcher(database, sender).run_until_idle()
    rows = _rows(database)
    assert rows["a"].status == "uncertain" and "dừng đột ngột" in rows["a"].last_error
    assert [m.text.startswith("⚠️ Chưa chắc") for m in fake.delivered(11)] == [True]
    with database.session() as s:
        assert s.scalar(select(AuditEntry.action).where(AuditEntry.target_id == str(rows["a"].id))) == "outbox.uncertain"


async def test_blocked_chat_gives_up_and_is_recorded(database, fake, sender):
    fake.user(11), fake.user(12)
    fake.blocked.add(11)
    with database.session() as s:
        s.add_all([Chat(telegram_chat_id=11, type="private"), Chat(telegram_chat_id=12, type="private")])
        outbox_row(s, 11, "Một", key="a")
        outbox_row(s, 11, "Hai", key="b")
        outbox_row(s, 12, "Ba", key="c")
    await _dispatcher(database, sender).run_until_idle()
    rows = _rows(database)
    assert rows["a"].status == rows["b"].status == "dead" and "blocked" in rows["a"].last_error
    assert rows["c"].status == "sent"
    with database.session() as s:
        chat = s.scalars(select(Chat).where(Chat.telegram_chat_id == 11)).one()
        assert not chat.active and "blocked" in chat.blocked_reason


async def test_unknown_chat_and_malformed_html_are_permanent(database, fake, sender):
    fake.user(11)
    with database.session() as s:
        outbox_row(s, 999, "Ai đó", key="nochat")
        outbox_row(s, 11, "<b>không đóng thẻ", key="badhtml")
        outbox_row(s, 11, "Sau đó vẫn gửi", key="next")
    await _dispatcher(database, sender).run_until_idle()
    rows = _rows(database)
    assert rows["nochat"].status == "dead" and "chat not found" in rows["nochat"].last_error.lower()
    assert rows["badhtml"].status == "dead" and "parse entities" in rows["badhtml"].last_error
    assert rows["next"].status == "sent"


async def test_needs_edit_rewrites_the_sent_message(database, fake, sender):
    fake.user(11)
    with database.session() as s:
        outbox_row(s, 11, "Sự việc: 1 tin", key="a")
    dispatcher = _dispatcher(database, sender)
    await dispatcher.run_until_idle()
    with database.session() as s:
        row = s.scalars(select(Outbox)).one()
        row.text, row.counter, row.needs_edit = "Sự việc: 2 tin", 2, True
    await dispatcher.run_until_idle()
    [message] = fake.delivered(11)
    assert message.text == "Sự việc: 2 tin" and message.edits == ["Sự việc: 1 tin"]
    assert not _rows(database)["a"].needs_edit


async def test_a_refused_token_stops_the_dispatcher_and_keeps_the_row(database, server, fake):
    fake.user(11)
    with database.session() as s:
        outbox_row(s, 11, "Cảnh báo", key="a")
    good = make_bot(fake.token, server.base_url)
    await good.initialize()
    fake.token = "999:revoked"  # the token is revoked while the bot runs
    with pytest.raises(DispatcherStopped, match="TELEGRAM_BOT_TOKEN"):
        await _dispatcher(database, good).run(asyncio.Event())
    assert _rows(database)["a"].status == "pending" and fake.delivered() == []
    await good.shutdown()


async def test_a_document_follows_its_text_and_a_missing_file_is_a_clear_give_up(database, fake, sender, tmp_path):
    fake.user(11)
    bulletin = tmp_path / "ban-tin-tuan-23.docx"
    bulletin.write_bytes(b"PK\x03\x04 docx bytes")
    with database.session() as s:
        outbox_row(s, 11, "<b>Bản tin điểm báo tuần 23</b>", key="digest", kind="digest", document_path=str(bulletin))
        outbox_row(s, 11, "Bản tin cũ", key="gone", kind="digest", document_path=str(tmp_path / "khong-co.docx"))
    await _dispatcher(database, sender).run_until_idle()
    rows = _rows(database)
    text, document = fake.delivered(11)[:2]
    assert text.text == "Bản tin điểm báo tuần 23" and document.document["filename"] == "ban-tin-tuan-23.docx"
    assert document.document["content"] == b"PK\x03\x04 docx bytes"
    assert rows["digest"].status == "sent" and rows["digest"].message_ids == [text.message_id, document.message_id]
    assert rows["gone"].status == "dead" and "khong-co.docx" in rows["gone"].last_error
    assert len(fake.delivered(11)) == 2  # nothing of the row whose file is missing was sent
