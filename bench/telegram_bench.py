"""Benchmark: 1,000 alerts to 50 chats through the outbox dispatcher and the fake Bot API on 127.0.0.1.

By default 10 of the chats are groups that get 30 alerts each (more than a group may receive in a minute) and the
40 private chats share the rest, queued round-robin.

Measured at the fake server: the highest number of messages in any 1-second window (overall and per chat) and in
any 60-second window per group, against Telegram's limits (30/s overall, 1/s per chat, 20/min per group); that
every alert arrived exactly once and in order within its chat; and the total time against the minimum those limits
allow. The baseline, measured in the same run, is the same dispatcher with the limits switched off (what the
machine and the fake server can do).

    .venv/bin/python bench/telegram_bench.py [--alerts 1000] [--chats 50] [--groups 10] [--group-alerts 30]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.outbox import Dispatcher, SendLimiter  # noqa: E402
from bot.telegram.botapi import http_request, make_bot  # noqa: E402
from config.settings import Settings  # noqa: E402
from storage import Database, ensure_schema  # noqa: E402
from storage.models import Outbox, utcnow  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramServer  # noqa: E402

ALERT = ("🟠 <b>NGHI TIN SAI SỰ THẬT</b> · mức Cao · #{n}\n<b>Nguồn:</b> Trang Tin Nóng · 14:05 15/06/2024\n"
         "<b>Tin đồn số {n}</b>\n<i>" + "Nội dung tin đồn lan truyền trên mạng xã hội, kêu gọi chia sẻ. " * 6 + "</i>\n"
         "<b>Lý do:</b>\n• Trùng 91% với tin giả đã được kiểm chứng\n• Lời kêu gọi chia sẻ gấp")


class TimedRequest(type(http_request())):
    """The bot's HTTP request class, timing every sendMessage round trip."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.round_trips: list[float] = []

    async def do_request(self, url, *args, **kwargs):
        started = time.monotonic()
        try:
            return await super().do_request(url, *args, **kwargs)
        finally:
            if url.endswith("/sendMessage"):
                self.round_trips.append(time.monotonic() - started)


def max_in_window(times: list[float], window: float) -> int:
    """The most events inside any half-open window of `window` seconds."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def plan(alerts: int, chats: int, groups: int, group_alerts: int) -> dict[int, int]:
    """How many alerts each chat gets: `group_alerts` per group, the rest spread over the private chats."""
    private = [1000 + n for n in range(chats - groups)]
    counts = {-2000 - n: group_alerts for n in range(groups)}
    rest = alerts - group_alerts * groups
    for n, chat_id in enumerate(private):
        counts[chat_id] = rest // len(private) + (1 if n < rest % len(private) else 0)
    return counts


def queue_order(counts: dict[int, int]) -> list[int]:
    """Chat ids, one alert at a time round-robin, as a burst of flags would queue them."""
    left, order = dict(counts), []
    while any(left.values()):
        for chat_id in counts:
            if left[chat_id]:
                order.append(chat_id)
                left[chat_id] -= 1
    return order


async def deliver(counts: dict[int, int], limiter: SendLimiter) -> dict:
    with tempfile.TemporaryDirectory() as tmp, FakeTelegramServer() as server:
        database = Database(f"sqlite:///{tmp}/bench.db")
        ensure_schema(database.engine)
        order = queue_order(counts)
        alerts = len(order)
        for chat_id in counts:
            if chat_id > 0:
                server.fake.user(chat_id, f"Cán bộ {chat_id}")
            else:
                server.fake.group(chat_id, f"Nhóm {chat_id}")
        with database.session() as session:
            for n, chat_id in enumerate(order):
                session.add(Outbox(chat_id=chat_id, kind="alert", dedupe_key=f"bench:{n}",
                                   text=ALERT.format(n=n), status="pending", next_attempt_at=utcnow(),
                                   message_ids=[], counter=1, attempts=0, needs_edit=False, created_at=utcnow()))
        timed = TimedRequest(connection_pool_size=64, connect_timeout=10.0, read_timeout=30.0, write_timeout=30.0,
                             pool_timeout=10.0)
        bot = make_bot(server.fake.token, server.base_url, limiter, request=timed)
        await bot.initialize()
        dispatcher = Dispatcher(database, bot, Settings(database_url=database.url), feed_alerts=False)
        stop = asyncio.Event()
        started = time.monotonic()
        task = asyncio.create_task(dispatcher.run(stop))
        await asyncio.to_thread(server.fake.wait_for, lambda: len(server.fake.sent) >= alerts, 600)
        elapsed = time.monotonic() - started
        stop.set()
        await task
        await bot.shutdown()
        sent = list(server.fake.sent)
        database.dispose()
    per_chat: dict[int, list] = defaultdict(list)
    for message in sent:
        per_chat[message.chat_id].append(message)
    ordered = all([int(m.text.split("#")[1].split("\n")[0]) for m in ms] == sorted(
        int(m.text.split("#")[1].split("\n")[0]) for m in ms) for ms in per_chat.values())
    trips = sorted(timed.round_trips)
    return {
        "rtt_mean": sum(trips) / len(trips),
        "rtt_p95": trips[int(0.95 * (len(trips) - 1))],
        "elapsed": elapsed,
        "delivered": len(sent),
        "distinct": len({m.text for m in sent}),
        "ordered": ordered,
        "overall_1s": max_in_window(sorted(m.at for m in sent), 1.0),
        "chat_1s": max(max_in_window([m.at for m in ms], 1.0) for ms in per_chat.values()),
        "min_gap": min((b.at - a.at for ms in per_chat.values() for a, b in zip(ms, ms[1:])), default=0.0),
        "group_60s": max((max_in_window([m.at for m in ms], 60.0) for c, ms in per_chat.items() if c < 0), default=0),
    }


def limit_bound(counts: dict[int, int]) -> float:
    """The shortest time Telegram's limits allow for this load (seconds from the first message to the last): 30 per
    second overall, 1 per second per chat, and in a group the k-th message a minute after the (k-20)-th."""
    overall = math.ceil(sum(counts.values()) / 30) - 1.0
    chat = max(((n - 1) // 20 * 60.0 + (n - 1) % 20) if c < 0 else n - 1.0 for c, n in counts.items() if n)
    return max(overall, chat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--alerts", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--group-alerts", type=int, default=30)
    args = parser.parse_args()
    counts = plan(args.alerts, args.chats, args.groups, args.group_alerts)
    unlimited = SendLimiter(chat_interval=0.0, group_per_minute=10**9, overall_per_second=10**9, slack=0.0)
    baseline = asyncio.run(deliver(counts, unlimited))
    limited = asyncio.run(deliver(counts, SendLimiter()))
    bound = limit_bound(counts)
    private = sorted({n for c, n in counts.items() if c > 0})
    print(f"{sum(counts.values())} alerts to {len(counts)} chats: {args.groups} groups x {args.group_alerts}, "
          f"{len(counts) - args.groups} private chats x {'/'.join(map(str, private))}; fake Bot API on 127.0.0.1")
    print(f"{'':34}{'limits off (baseline)':>24}{'Telegram limits':>18}{'limit':>8}")
    for label, key, limit in [("delivered (distinct)", None, None), ("max overall in any 1 s", "overall_1s", 30),
                              ("max per chat in any 1 s", "chat_1s", 1), ("max per group in any 60 s", "group_60s", 20),
                              ("min gap in a chat (s)", "min_gap", 1.0), ("in order within each chat", "ordered", None)]:
        if key is None:
            cells = [f"{r['delivered']} ({r['distinct']})" for r in (baseline, limited)]
        elif key == "min_gap":
            cells = [f"{r[key]:.3f}" for r in (baseline, limited)]
        else:
            cells = [str(r[key]) for r in (baseline, limited)]
        print(f"{label:34}{cells[0]:>24}{cells[1]:>18}{'' if limit is None else limit:>8}")
    for label, key in [("sendMessage round trip, mean (s)", "rtt_mean"), ("sendMessage round trip, p95 (s)", "rtt_p95")]:
        print(f"{label:34}{baseline[key]:>24.3f}{limited[key]:>18.3f}")
    print(f"{'total time (s)':34}{baseline['elapsed']:>24.1f}{limited['elapsed']:>18.1f}")
    print(f"limit-bound minimum: {bound:.1f} s; limited run / minimum = {limited['elapsed'] / bound:.3f}; "
          f"limited / baseline = {limited['elapsed'] / baseline['elapsed']:.1f}x")


if __name__ == "__main__":
    main()
