"""Source health and evidence retention, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from crawler.evidence import purge_evidence
from crawler.health import close_run, normal_gap, open_run, refresh_silence
from crawler.report import SourceRun
from storage.items import Capture, ItemData, Outcome, upsert_item
from storage.models import CrawlRun, FetchState, Flag, Item, Snapshot, Source, Story, utcnow

NOW = utcnow()


def _source(session, name="bao-khanh-hoa", interval=30.0) -> Source:
    source = Source(name=name, kind="feed", type="provincial_press", url=f"https://{name}.vn/rss",
                    interval_minutes=interval)
    session.add(source)
    session.flush()
    return source


def _items(session, source: Source, times: list[dt.datetime]) -> list[int]:
    ids = []
    for n, moment in enumerate(times):
        url = f"https://{source.name}.vn/tin-{n}.html"
        item_id, outcome = upsert_item(session, ItemData(
            url=url, canonical_url=url, source_type=source.type, title=f"Tin số {n}", text=f"Nội dung tin số {n}",
            published_at=moment, capture=Capture(url=url, status=200, headers={}, body=f"<p>{n}</p>".encode(),
                                                 captured_at=moment)), source.id)
        assert outcome is Outcome.NEW
        ids.append(item_id)
    return ids


def test_normal_gap_is_the_median_gap_but_never_below_the_interval(database):
    with database.session() as session:
        hourly = _source(session, "hourly")
        _items(session, hourly, [NOW - dt.timedelta(hours=h) for h in (1, 2, 3, 5)])
        assert normal_gap(session, hourly) == dt.timedelta(hours=1)
        fast = _source(session, "fast", interval=120)
        _items(session, fast, [NOW - dt.timedelta(minutes=m) for m in (1, 2, 3)])
        assert normal_gap(session, fast) == dt.timedelta(minutes=120)


def test_a_source_silent_much_longer_than_usual_is_marked(database):
    with database.session() as session:
        source = _source(session)
        _items(session, source, [NOW - dt.timedelta(hours=h) for h in (10, 11, 12, 13)])  # hourly, quiet for 10 h
        source.last_item_at = NOW - dt.timedelta(hours=10)
        lively = _source(session, "lively")
        _items(session, lively, [NOW - dt.timedelta(hours=h) for h in (1, 2, 3)])
        lively.last_item_at = NOW - dt.timedelta(hours=1)
        refresh_silence(session, factor=3.0)
        assert source.silent_since == NOW - dt.timedelta(hours=10) and lively.silent_since is None
        refresh_silence(session, factor=20.0)  # 10 h is less than 20 times an hour
        assert source.silent_since is None
        source.enabled = False
        refresh_silence(session, factor=3.0)
        assert source.silent_since is None  # a source switched off is not silent


def test_close_run_counts_successes_failures_and_yield(database):
    with database.session() as session:
        source_id = _source(session).id
    ok = SourceRun("bao-khanh-hoa", "feed", source_id, new=3, duplicates=2, pages_fetched=5, pages_extracted=4,
                   entries_ok=1, validators={"https://bao-khanh-hoa.vn/rss": ('"v1"', None)})
    with database.session() as session:
        open_run(session, ok)
    ok.finish()
    with database.session() as session:
        close_run(session, ok, 3.0)
    failed = SourceRun("bao-khanh-hoa", "feed", source_id)
    failed.entry_failed("https://bao-khanh-hoa.vn/rss?access_token=secret", "HTTP 500 (lỗi máy chủ)")
    failed.finish()
    for _ in range(2):
        with database.session() as session:
            close_run(session, failed, 3.0)
    with database.session() as session:
        source = session.get(Source, source_id)
        assert source.consecutive_failures == 2 and source.last_success_at is not None
        assert source.items_total == 3 and (source.pages_fetched, source.pages_extracted) == (5, 4)
        assert "HTTP 500" in source.last_error and "secret" not in source.last_error
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        assert [(r.status, r.new, r.duplicates) for r in runs] == [("ok", 3, 2), ("failed", 0, 0), ("failed", 0, 0)]
        assert session.get(FetchState, "https://bao-khanh-hoa.vn/rss").etag == '"v1"'


def test_validators_are_not_kept_after_failed_pages(database):
    """A 304 next time would hide the entries whose pages failed this time."""
    with database.session() as session:
        source_id = _source(session).id
        session.add(FetchState(url="https://bao-khanh-hoa.vn/rss", etag='"old"'))
    run = SourceRun("bao-khanh-hoa", "feed", source_id, entries_ok=1,
                    validators={"https://bao-khanh-hoa.vn/rss": ('"new"', None)})
    run.page_failed("https://bao-khanh-hoa.vn/tin-1.html", "quá thời gian chờ phản hồi")
    run.finish()
    with database.session() as session:
        close_run(session, run, 3.0)
    with database.session() as session:
        assert session.get(FetchState, "https://bao-khanh-hoa.vn/rss") is None


def test_purge_keeps_recent_pinned_and_flagged_evidence(database):
    old = NOW - dt.timedelta(days=400)
    with database.session() as session:
        source = _source(session)
        plain, pinned, flagged, in_story, recent = _items(session, source, [old, old, old, old, NOW])
        session.scalars(select(Snapshot).where(Snapshot.item_id == pinned)).one().pinned = True
        session.add(Flag(kind="misinformation", severity="high", item_id=flagged))
        story = Story(title="Tin đồn vỡ đập", first_seen=old, last_seen=old)
        session.add(story)
        session.flush()
        session.get(Item, in_story).story_id = story.id
        session.add(Flag(kind="volume_spike", severity="medium", story_id=story.id))
    with database.session() as session:
        assert purge_evidence(session, retention_days=365) == 1
        assert purge_evidence(session, retention_days=365) == 0  # nothing left to purge
    with database.session() as session:
        kept = {s.item_id: s for s in session.scalars(select(Snapshot))}
        assert kept[plain].body is None and kept[plain].sha256 and kept[plain].status == 200  # the record stays
        assert all(kept[i].body is not None for i in (pinned, flagged, in_story, recent))


def test_article_pages_that_no_longer_extract_make_the_run_fail(database):
    """A redesign: the feed still answers, every article page is fetched, nothing is extracted. That is a failed
    run (counted, named in the error) rather than a quiet success; for channel and API sources an empty page is
    normal, and one or two pages failing is a page problem, not the source's."""
    with database.session() as session:
        source_id = _source(session).id

    def finished(kind: str, fetched: int, extracted: int) -> SourceRun:
        run = SourceRun("bao-khanh-hoa", kind, source_id, entries_ok=1, pages_fetched=fetched,
                        pages_extracted=extracted)
        run.finish()
        return run

    collapsed = finished("feed", 12, 0)
    assert collapsed.status == "failed" and "tải được 12 trang bài viết nhưng không trích xuất được" in collapsed.error
    assert [finished(kind, fetched, extracted).status for kind, fetched, extracted in [
        ("site", 3, 0), ("forum", 5, 0), ("feed", 12, 1), ("feed", 2, 0), ("telegram", 5, 0), ("youtube", 4, 0)]] == [
        "failed", "failed", "ok", "ok", "ok", "ok"]
    with database.session() as session:
        close_run(session, collapsed, 3.0)
        close_run(session, finished("feed", 12, 0), 3.0)
    with database.session() as session:
        source = session.get(Source, source_id)
        assert source.consecutive_failures == 2 and source.last_success_at is None
        assert "trang có thể đã đổi giao diện" in source.last_error
