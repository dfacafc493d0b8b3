"""The dispatcher killed (SIGKILL) at the worst moments and restarted: exactly once where Telegram confirmed and we
recorded it, at most once otherwise.

`diembao bot` runs as a real process against the fake Bot API. Run A dies after claiming a row, while its request
hangs before Telegram does anything; run B dies after Telegram stored a message but before the answer arrived; run
C finishes. Rows only stored were sent once; the two rows whose fate was unknown were not resent, and their chat got
a notice with a "Gửi lại" button instead."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from storage.models import Outbox
from tests.bot.support import outbox_row

ROOT = Path(__file__).resolve().parents[2]


def _start(server, db_url: str, tmp_path: Path, name: str) -> subprocess.Popen:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": server.fake.token, "TELEGRAM_API_BASE_URL": server.base_url,
           "DIEMBAO_DATABASE_URL": db_url, "DIEMBAO_ADMIN_IDS": "1", "DIEMBAO_TELEGRAM__POLL_TIMEOUT_S": "1",
           "PYTHONPATH": str(ROOT)}
    log = (tmp_path / f"{name}.log").open("w")
    return subprocess.Popen([sys.executable, "-m", "bot", "bot"], cwd=tmp_path, env=env, stdout=log, stderr=log)


def _kill(process: subprocess.Popen) -> None:
    process.kill()
    process.wait(timeout=10)


def _rows(db) -> dict[str, Outbox]:
    with db.session() as s:
        return {r.dedupe_key: r for r in s.scalars(select(Outbox).order_by(Outbox.id))}


def test_killed_dispatcher_never_loses_or_doubles_a_confirmed_alert(sqlite_database, server, fake, tmp_path):
    fake.user(1, "Quản trị"), fake.user(20, "Lan")
    with sqlite_database.session() as s:
        for n in range(1, 6):
            outbox_row(s, 20, f"Cảnh báo số {n}", key=f"r{n}")

    fake.inject("sendMessage", "hang_before", chat_id=20, after=1)  # r2's request never reaches Telegram
    run = _start(server, sqlite_database.url, tmp_path, "a")
    assert fake.hung.wait(30), (tmp_path / "a.log").read_text()
    _kill(run)
    fake.release()
    rows = _rows(sqlite_database)
    assert [rows[k].status for k in ("r1", "r2", "r3")] == ["sent", "sending", "pending"]

    fake.inject("sendMessage", "hang_after", chat_id=20, after=2)  # r5 is stored by Telegram, the answer is lost
    run = _start(server, sqlite_database.url, tmp_path, "b")
    assert fake.hung.wait(30), (tmp_path / "b.log").read_text()
    _kill(run)
    fake.release()
    assert _rows(sqlite_database)["r5"].status == "sending"

    run = _start(server, sqlite_database.url, tmp_path, "c")
    try:
        fake.wait_for(lambda: sum("Chưa chắc" in m.text for m in fake.delivered(20)) == 2, timeout=30)
    finally:
        _kill(run)

    rows = _rows(sqlite_database)
    copies = Counter(m.text for m in fake.delivered(20))
    assert {k: rows[k].status for k in ("r1", "r2", "r3", "r4", "r5")} == {
        "r1": "sent", "r2": "uncertain", "r3": "sent", "r4": "sent", "r5": "uncertain"}
    by_id = {m.message_id: m.text for m in fake.delivered(20)}
    for key in ("r1", "r3", "r4"):  # confirmed and recorded: exactly once, and the recorded id is that message
        assert copies[rows[key].text] == 1 and [by_id[i] for i in rows[key].message_ids] == [rows[key].text]
    assert copies["Cảnh báo số 2"] == 0 and copies["Cảnh báo số 5"] == 1  # unknown fate: at most once, not resent
    notices = [r for r in rows.values() if r.kind == "notice"]
    assert sorted(n.reply_markup["inline_keyboard"][0][0]["callback_data"] for n in notices) == sorted(
        f"r:{rows[k].id}" for k in ("r2", "r5"))
    assert max(copies.values()) == 1
