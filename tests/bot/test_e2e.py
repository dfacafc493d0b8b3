"""End to end: the real Application long-polls the fake Bot API over HTTP while the dispatcher sends the outbox.

A person joins with an invite, subscribes, receives an alert (through a 429 and a dropped polling connection),
presses a button (through a 5xx on the edit); the review is stored and the message edited. An outsider gets one
refusal and nothing else."""

from __future__ import annotations

import asyncio
import re

from sqlalchemy import select

from bot.telegram.service import serve
from storage.models import Outbox, Review
from tests.bot.support import analysis, flag, item, settings


async def _until(fake, predicate, timeout: float = 15.0):
    return await asyncio.to_thread(fake.wait_for, predicate, timeout)


async def test_invite_alert_button_edit_and_an_outsider_who_gets_nothing(sqlite_database, server, fake):
    cfg = settings(sqlite_database.url)
    fake.user(1, "Quản trị")
    fake.inject("getUpdates", "drop_before", after=2)  # a polling connection dropped early on
    fake.inject("sendMessage", "429", retry_after=1, chat_id=20, after=2)  # the alert meets flood control
    fake.inject("editMessageText", "502")
    stop = asyncio.Event()
    bot = asyncio.create_task(serve(cfg, sqlite_database, stop, token=fake.token, base_url=server.base_url,
                                    poll_timeout=1, dispatcher_options={"poll_interval": 0.2, "base_delay": 0.1}))
    try:
        fake.send_text(1, "/invite reviewer")
        invite = await _until(fake, lambda: [m for m in fake.delivered(1) if "/start " in m.text])
        code = re.search(r"/start (\S+)", invite[0].text).group(1)

        fake.user(20, "Lan", "Nguyễn")
        fake.send_text(20, f"/start {code}")
        await _until(fake, lambda: [m for m in fake.delivered(20) if "Chào mừng" in m.text])
        fake.send_text(20, "/subscribe tất cả")
        await _until(fake, lambda: [m for m in fake.delivered(20) if "Đã đăng ký" in m.text])

        fake.user(666, "Người lạ")
        fake.send_text(666, "/stats tuần")
        fake.send_text(666, "/search Khánh Hòa")

        with sqlite_database.session() as s:  # the misinformation engine raises a flag
            rumour = item(s, "Tin đồn cầu Trần Phú sắp sập", "Nóng: cầu Trần Phú sắp sập, chia sẻ ngay!")
            analysis(s, rumour, misinfo_score=0.86)
            flag_id = flag(s, rumour, severity="high").id
        [alert] = await _until(fake, lambda: [m for m in fake.delivered(20) if "NGHI TIN SAI SỰ THẬT" in m.text])
        assert "Tin đồn cầu Trần Phú sắp sập" in alert.text and "Xem bài gốc" in alert.text

        fake.press(20, alert, f"s:{flag_id}:neg")
        await _until(fake, lambda: "Lan Nguyễn: Tiêu cực" in alert.text)
        assert fake.answers[-1]["text"] == "Đã ghi: Tiêu cực"
    finally:
        stop.set()
        await asyncio.wait_for(bot, 20)
    alerts = [m for m in fake.delivered(20) if "NGHI TIN SAI SỰ THẬT" in m.text]
    assert len(alerts) == 1 and alerts[0].edits  # once (after the 429), then edited (after the 502)
    with sqlite_database.session() as s:
        assert [(r.reviewer, r.label) for r in s.scalars(select(Review))] == [("tg:20", "negative")]
        row = s.scalars(select(Outbox).where(Outbox.kind == "alert")).one()
        # attempts: the send refused with 429, the send that worked, the edit refused with 502
        assert (row.status, row.attempts, row.message_ids, row.needs_edit) == ("sent", 3, [alerts[0].message_id], False)
    assert [m.text.startswith("Xin chào! Trợ lý điểm báo này chỉ dành") for m in fake.delivered(666)] == [True]
    assert fake.confirmed >= 1 and all(f.times == 0 for f in fake.faults)  # every injected fault happened
