"""Benchmark: story assignment and the weekly bulletin over 20,000 items and 3,000 events (optionally a month of
70,000 items), each beside a baseline measured in the same run on the same database.

    .venv/bin/python bench/digest_bench.py [--database-url URL] [--items 20000] [--events 3000] [--month-items 0]

Baselines: for story assignment, computing the same items' text features alone (MinHash and word pairs, the part
no matcher can skip); for the bulletin, reading the period's rows with their latest analysis."""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import itertools
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, func, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot.digest import Period, build_bulletin  # noqa: E402
from bot.digest.compute import compute_figures  # noqa: E402
from bot.digest.content import rows_of_period  # noqa: E402
from bot.stories import ActiveStories, assign_stories  # noqa: E402
from bot.stories.features import features  # noqa: E402
from bot.stories.refresh import refresh_stories  # noqa: E402
from config import get_settings, load_profile  # noqa: E402
from digest_data import Report, reports  # noqa: E402
from storage import Database, ensure_schema  # noqa: E402
from storage.models import Analysis, Item, Story  # noqa: E402

WEEK = Period("week", 2024, 23)
BATCH = 500


def _insert(database: Database, rows: list[Report], prefix: str, with_stories: bool = False) -> list[int]:
    """The reports as items with analyses; with `with_stories`, each generated event as a story (the bulletin's
    benchmark then has exactly as many stories as events)."""
    serial = itertools.count()
    ids: list[int] = []
    with database.session() as session:
        stories: dict[int, int] = {}
        if with_stories:
            events = sorted({r.event for r in rows})
            made = list(session.scalars(insert(Story).returning(Story.id, sort_by_parameter_order=True), [
                dict(title="", item_count=0, outlet_count=0, platforms={}, sentiments={}, topics=[], places=[],
                     signature=[], terms={}, first_seen=WEEK.start, last_seen=WEEK.start, created_at=WEEK.start)
                for _ in events]))
            stories = dict(zip(events, made))
        for start in range(0, len(rows), 2000):
            chunk = rows[start:start + 2000]
            values = []
            for r in chunk:
                n = next(serial)
                values.append(dict(source_type=r.source_type, kind="article" if r.title else "post",
                                   platform=r.platform, canonical_url=f"https://{prefix}.example.vn/{n}",
                                   url=f"https://{prefix}.example.vn/{n}", outlet=r.outlet, title=r.title,
                                   text=r.text, published_at=r.at, fetched_at=r.at, content_hash=f"{prefix}{n:060d}",
                                   previous_hashes=[], extra={}, created_at=r.at, story_id=stories.get(r.event)))
            chunk_ids = list(session.scalars(insert(Item).returning(Item.id, sort_by_parameter_order=True), values))
            session.execute(insert(Analysis), [
                dict(item_id=i, model_version="bench", relevant=True, relevance_score=0.9, matched_terms=[],
                     places=r.places, sentiment=r.sentiment, sentiment_scores={}, toxicity="CLEAN",
                     toxicity_scores={}, misinfo_score=0.1, misinfo_reasons=[], topics=r.topics, entities=[],
                     extra={}, created_at=r.at) for i, r in zip(chunk_ids, chunk)])
            ids += chunk_ids
        if stories:
            refresh_stories(session, stories.values())
    return ids


def _fresh(server_url: str | None) -> Database:
    """An empty migrated database: a new SQLite file, or a new schema on the PostgreSQL server given."""
    if server_url is None:
        database = Database(f"sqlite:///{tempfile.mkdtemp(prefix='diembao-bench-')}/bench.db")
    else:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        atexit.register(_drop_schema, admin, schema)
        separator = "&" if "?" in server_url else "?"
        database = Database(f"{server_url}{separator}options={quote(f'-csearch_path={schema}')}")
    ensure_schema(database.engine)
    return database


def _drop_schema(admin, schema: str) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _bcubed(truth: dict[int, int], found: dict[int, int]) -> tuple[float, float]:
    """B-cubed precision and recall of the found stories against the generated events."""
    by_story, by_event = defaultdict(set), defaultdict(set)
    for item_id, story in found.items():
        by_story[story].add(item_id)
    for item_id, event in truth.items():
        by_event[event].add(item_id)
    precision = recall = 0.0
    for item_id in found:
        same = by_story[found[item_id]] & by_event[truth[item_id]]
        precision += len(same) / len(by_story[found[item_id]])
        recall += len(same) / len(by_event[truth[item_id]])
    return precision / len(found), recall / len(found)


def _timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    return result, seconds


def _read_rows(database: Database, period: Period) -> int:
    with database.session() as session:
        query = rows_of_period(period, Item.id, Item.source_type, Item.outlet, Item.platform, Item.title,
                               Item.published_at, Item.story_id, Analysis.sentiment, Analysis.topics,
                               Analysis.places, Analysis.relevant)
        return len(session.execute(query).all())


def _figures(database: Database, period: Period, profile):
    with database.session() as session:
        return compute_figures(session, period, profile, now=period.end + dt.timedelta(hours=8),
                               misinfo_threshold=0.6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server URL (each part gets a schema of "
                        "its own, dropped at the end); default: new SQLite files in a temporary folder")
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--month-items", type=int, default=0, help="add items in June's other weeks up to this")
    args = parser.parse_args()
    database = _fresh(args.database_url)
    profile = load_profile("khanh_hoa")
    backend = database.engine.dialect.name
    print(f"diembao digest benchmark ({backend}; {args.items:,} items, {args.events:,} events, week {WEEK.key})")

    week = reports(args.events, args.items, WEEK.start)
    ids, seconds = _timed("insert", lambda: _insert(database, week, "w"))
    print(f"setup: inserted {len(ids):,} items with analyses in {seconds:.1f} s")

    _, baseline = _timed("features", lambda: [features(i, r.at, "article", r.source_type, r.platform, r.title, r.text,
                                                       None, None, True, r.topics, r.places)
                                              for i, r in zip(ids, week)])

    def assign():
        active = ActiveStories()  # kept between batches, as the analysis loop keeps it
        for start in range(0, len(ids), BATCH):
            with database.session() as session:
                assign_stories(session, ids[start:start + BATCH], active=active)

    _, seconds = _timed("assign", assign)
    with database.session() as session:
        found = dict(session.execute(select(Item.id, Item.story_id)).all())
        stories = session.scalar(select(func.count()).select_from(Story))
    precision, recall = _bcubed({i: r.event for i, r in zip(ids, week)}, found)
    print(f"story assignment, batches of {BATCH} in arrival order, one ActiveStories kept between batches: {len(ids):,} items in {seconds:.1f} s "
          f"= {len(ids) / seconds:,.0f} items/s")
    print(f"  baseline, the same items' text features alone: {baseline:.1f} s "
          f"= {len(ids) / baseline:,.0f} items/s; ratio {seconds / baseline:.2f}x")
    f1 = 2 * precision * recall / (precision + recall)
    print(f"  {stories:,} stories for {args.events:,} generated events; B-cubed precision {precision:.3f}, "
          f"recall {recall:.3f}, F1 {f1:.3f} (synthetic reports; events of one kind in one commune within days "
          f"read alike)")

    print(f"bulletin part: a second database with the same {len(week):,} items and one story per generated event")
    database.dispose()
    database = _fresh(args.database_url)
    _, seconds = _timed("insert", lambda: _insert(database, week, "b", with_stories=True))
    print(f"setup: inserted them with {args.events:,} stories in {seconds:.1f} s")
    rows, read = _timed("read", lambda: _read_rows(database, WEEK))
    figures, seconds = _timed("figures", lambda: _figures(database, WEEK, profile))
    print(f"weekly figures (SQL aggregates): {seconds:.2f} s for {figures.total:,} items and "
          f"{figures.story_count:,} stories")
    print(f"  baseline, reading the week's {rows:,} rows with their latest analysis: {read:.2f} s; "
          f"ratio {seconds / read:.2f}x")
    out = Path(tempfile.mkdtemp(prefix="diembao-bench-out-"))
    settings = get_settings()
    with database.session() as session:
        bulletin, seconds = _timed("build", lambda: build_bulletin(
            session, WEEK, out, settings=settings, profile=profile, formats=("docx", "html", "xlsx"),
            now=WEEK.end + dt.timedelta(hours=8)))
    sizes = ", ".join(f"{k} {p.stat().st_size / 1024:,.0f} KiB" for k, p in bulletin.files.items())
    print(f"weekly bulletin, figures + charts + docx, html, xlsx ({sizes}): {seconds:.2f} s; "
          f"ratio to reading the rows {seconds / read:.2f}x; Telegram summary {len(bulletin.summary):,} characters")

    if args.month_items > args.items:
        month = Period("month", 2024, 6)
        outside = (month.end - month.start - (WEEK.end - WEEK.start)) / (month.end - month.start)
        wanted = round((args.month_items - args.items) / outside)  # the share landing in the week is left out
        extra = [r for r in reports(args.events * 4, wanted, month.start, days=30, seed=11)
                 if not WEEK.start <= r.at < WEEK.end]
        _, seconds = _timed("insert", lambda: _insert(database, extra, "m"))
        rows, read = _timed("read", lambda: _read_rows(database, month))
        figures, seconds = _timed("figures", lambda: _figures(database, month, profile))
        print(f"monthly figures over {figures.total:,} items: {seconds:.2f} s; baseline, reading the month's "
              f"{rows:,} rows: {read:.2f} s; ratio {seconds / read:.2f}x")
        with database.session() as session:
            bulletin, seconds = _timed("build", lambda: build_bulletin(
                session, month, out, settings=settings, profile=profile, formats=("docx", "xlsx"),
                now=month.end + dt.timedelta(hours=8)))
        print(f"monthly pack, docx and the xlsx list of {figures.total:,} items "
              f"({bulletin.files['xlsx'].stat().st_size / 1048576:,.1f} MiB): {seconds:.2f} s")
    counts = Counter(r.source_type for r in week)
    print("mix of the week: " + ", ".join(f"{k} {v:,}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main()
