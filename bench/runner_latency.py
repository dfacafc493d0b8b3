"""End-to-end latency of the whole service: from a post appearing on a channel to its alert being accepted by the
(fake) Telegram Bot API, with `diembao run` as a real process, the channel polled every second.

    .venv/bin/python bench/runner_latency.py [--items 60] [--every 2.0] [--database-url URL]

Prints p50/p95/max of the latency over the items beside the polling interval, the throughput of the initial
catch-up (the sample province: crawl, analysis, stories, flags, alerts), and the peak memory of the runner and of
its crawl processes. Everything runs on 127.0.0.1: the sample province sites and a fake Bot API."""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bot.demo.content import sample_province  # noqa: E402
from bot.demo.server import SampleSites  # noqa: E402
from config import load_profile  # noqa: E402
from storage import Database, ensure_schema  # noqa: E402
from storage.models import Analysis, Flag, Item, Outbox  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramServer  # noqa: E402
from tests.runner.support import ADMIN, CHANNEL_EVERY_S, prepare, start_runner  # noqa: E402

# Rumours of the kind the department chases, written for the benchmark; {place} makes each one its own story.
RUMOURS = [
    "KHẨN!!! Nghe nói nước máy khu vực {place} nhiễm hóa chất, tuyệt đối không nấu ăn, chia sẻ gấp cho người thân!!!",
    "Nguồn tin nội bộ: {place} sắp bị cắt điện liên tục 5 ngày để sửa lưới, bà con tích nước ngay, share gấp nha!!!",
    "Tin khẩn: tỉnh sắp thu hồi toàn bộ đất khu vực {place} giao cho doanh nghiệp, dân phải dọn đi trong tháng này, "
    "chia sẻ cho mọi người biết!!!",
]


def places() -> list[str]:
    """Names that make a post relevant to the province on their own (unambiguous former districts, landmarks)."""
    profile = load_profile("khanh_hoa")
    names = [d.name for d in profile.former_districts if not d.ambiguous]
    return list(dict.fromkeys(names + [landmark.name for landmark in profile.landmarks if not landmark.ambiguous]))


def peak_kb(pid: int) -> int:
    """VmHWM (peak resident memory) of a live process, 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class MemoryWatch(threading.Thread):
    """Samples the peak memory of the runner and of each process it starts."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.runner_kb, self.crawl_kb, self.stop = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.runner_kb = max(self.runner_kb, peak_kb(self.pid))
            for child in children(self.pid):
                self.crawl_kb = max(self.crawl_kb, peak_kb(child))
            time.sleep(0.2)


STORY_COUNT = re.compile(r"Cảnh báo cùng sự việc: (\d+)")


def settled(database: Database, texts: list[str]) -> bool:
    """All posts stored and analysed, and nothing waiting in the outbox."""
    with database.session() as s:
        stored = s.scalar(select(func.count(func.distinct(Analysis.item_id))).join(Item, Item.id == Analysis.item_id)
                          .where(Item.text.in_(texts)))
        waiting = s.scalar(select(func.count()).select_from(Outbox).where(
            (Outbox.status.in_(("pending", "sending"))) | Outbox.needs_edit))
    return stored == len(texts) and waiting == 0


def measure(database: Database, fake, published: dict[str, float]) -> dict[str, float]:
    """For each post: the time from its appearance to the first state of its story's alert, as Telegram accepted
    it, that counts the post (a new alert, or the story's alert edited to "N alerts of the same story")."""
    out = {}
    with database.session() as s:
        for text, at in published.items():
            item = s.scalars(select(Item).where(Item.text == text)).first()
            flag = item and s.scalars(select(Flag).where(Flag.item_id == item.id).order_by(Flag.id)).first()
            if flag is None or flag.story_id is None:
                continue
            rank = s.scalar(select(func.count()).select_from(Flag).where(
                Flag.story_id == flag.story_id, Flag.id <= flag.id, Flag.alerted_at.is_not(None)))
            row = s.scalars(select(Outbox).where(Outbox.story_id == flag.story_id, Outbox.chat_id == ADMIN,
                                                 Outbox.kind == "alert")).first()
            message = row and row.message_ids and fake.messages.get((ADMIN, row.message_ids[0]))
            for when, shown in message.versions if message else []:
                counted = STORY_COUNT.search(shown)
                if when >= at and (int(counted.group(1)) if counted else 1) >= rank:
                    out[text] = when - at
                    break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between two new posts")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="diembao-latency-"))
    url = args.database_url or f"sqlite:///{folder / 'diembao.db'}"
    database = Database(url)
    ensure_schema(database.engine)
    province = sample_province()
    texts = [template.format(place=place) for place in places() for template in RUMOURS][:args.items]
    with SampleSites(province) as sites, FakeTelegramServer() as telegram:
        fake = telegram.fake
        fake.user(ADMIN, "Quản trị")
        sources = prepare(database, province, sites, folder)
        started = time.monotonic()
        runner = start_runner(url, sources, telegram, folder, "runner")
        watch = MemoryWatch(runner.pid)
        watch.start()
        try:
            while True:  # catch-up: the sample province crawled and analysed, its alerts delivered
                with database.session() as s:
                    items = s.scalar(select(func.count()).select_from(Item))
                    analysed = s.scalar(select(func.count()).select_from(Analysis))
                if items >= 147 and analysed >= items and fake.delivered(ADMIN):
                    break
                if time.monotonic() - started > 600:
                    raise SystemExit("catch-up did not finish in 10 minutes; see " + str(folder / "runner.log"))
                time.sleep(0.2)
            catch_up = time.monotonic() - started
            time.sleep(3)
            published: dict[str, float] = {}
            for text in texts:
                province.publish(text)
                published[text] = time.monotonic()
                time.sleep(args.every)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not settled(database, texts):
                time.sleep(0.5)
            latencies = measure(database, fake, published)
        finally:
            runner.terminate()
            runner.wait(60)
            watch.stop.set()
    values = sorted(latencies.values())
    q = statistics.quantiles(values, n=20, method="inclusive")
    print(f"items published: {len(texts)}, one every {args.every:.1f} s; alerts received: {len(values)}"
          f" ({len(texts) - len(values)} missed)")
    with database.session() as s:
        stories = s.scalar(select(func.count(func.distinct(Item.story_id))).where(Item.text.in_(texts)))
    print(f"the posts formed {stories} stories: an officer gets one alert per story, edited as posts join it")
    print(f"channel polling interval: {CHANNEL_EVERY_S:.1f} s")
    print(f"latency post -> alert accepted by the Bot API: p50 {statistics.median(values):.2f} s, "
          f"p95 {q[18]:.2f} s, max {values[-1]:.2f} s")
    print(f"p50 / polling interval: {statistics.median(values) / CHANNEL_EVERY_S:.1f}x")
    print(f"catch-up of the sample province ({items} items from 7 sources: crawl, analysis, stories, flags, "
          f"alerts): {catch_up:.1f} s = {items / catch_up:.1f} items/s")
    print(f"peak memory: runner {watch.runner_kb / 1024:.0f} MiB; largest child process (a crawl, or an analysis "
          f"worker forked for a large batch) {watch.crawl_kb / 1024:.0f} MiB")
    print(f"database: {url}")


if __name__ == "__main__":
    main()
