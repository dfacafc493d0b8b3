"""Source health: crawl runs, success and failure counters, extraction yield, conditional-GET validators, silence.

A source is *silent* when it has brought no new item for `silent_factor` times its normal interval (the median
gap between its recent items' publication times, never less than its crawl interval). `silent_since` is then the
time of its last new item; the alerting side turns it into a flag."""

from __future__ import annotations

import datetime as dt
import statistics

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from crawler.report import SourceRun
from storage.models import CrawlRun, FetchState, Item, Source, utcnow
from storage.queries import item_time

GAP_SAMPLE = 50


def open_run(session: Session, run: SourceRun) -> None:
    row = CrawlRun(source_id=run.source_id, started_at=run.started_at, status="running")
    session.add(row)
    session.flush()
    run.run_id = row.id


def _save_validators(session: Session, run: SourceRun) -> None:
    """Keep ETag/Last-Modified only after a clean run: otherwise a 304 next time would hide entries not yet stored."""
    urls = list(run.validators)
    if not urls:
        return
    session.execute(delete(FetchState).where(FetchState.url.in_(urls)))
    if run.failed or run.entries_failed:
        return
    for url, (etag, last_modified) in run.validators.items():
        session.add(FetchState(url=url, etag=etag, last_modified=last_modified, checked_at=utcnow(), status=200))


def close_run(session: Session, run: SourceRun, silent_factor: float) -> None:
    """Record the finished run and update its source's health counters."""
    if run.run_id is not None:
        row = session.get(CrawlRun, run.run_id)
    else:
        row = CrawlRun(source_id=run.source_id, started_at=run.started_at)
        session.add(row)
    row.finished_at = run.finished_at or utcnow()
    row.status, row.error = run.status, run.error
    row.new, row.updated, row.duplicates, row.failed = run.new, run.updated, run.duplicates, run.failed
    source = session.get(Source, run.source_id) if run.source_id is not None else None
    if source is None:
        return
    source.last_attempt_at = row.finished_at
    source.last_error = run.error
    if run.status == "ok":
        source.last_success_at = row.finished_at
        source.consecutive_failures = 0
    elif run.status == "failed":
        source.consecutive_failures += 1
    source.pages_fetched += run.pages_fetched
    source.pages_extracted += run.pages_extracted
    source.items_total += run.new
    if run.new:
        source.last_item_at = row.finished_at
    _save_validators(session, run)
    update_silence(session, source, silent_factor)


def normal_gap(session: Session, source: Source) -> dt.timedelta:
    """The usual time between two of the source's items (median over its latest items)."""
    floor = dt.timedelta(minutes=source.interval_minutes)
    moments = session.scalars(
        select(item_time()).where(Item.source_id == source.id).order_by(item_time().desc()).limit(GAP_SAMPLE)).all()
    gaps = [(a - b).total_seconds() for a, b in zip(moments, moments[1:]) if a and b and a > b]
    if not gaps:
        return floor
    return max(floor, dt.timedelta(seconds=statistics.median(gaps)))


def update_silence(session: Session, source: Source, factor: float, now: dt.datetime | None = None) -> None:
    now = now or utcnow()
    last = source.last_item_at
    if last is None:
        last = session.scalar(select(func.max(Item.fetched_at)).where(Item.source_id == source.id))
    if last is None or not source.enabled:
        source.silent_since = None
        return
    if now - last > factor * normal_gap(session, source):
        source.silent_since = source.silent_since or last
    else:
        source.silent_since = None


def refresh_silence(session: Session, factor: float, now: dt.datetime | None = None) -> None:
    """Re-evaluate every source (also those not crawled lately: a stopped crawl is silence too)."""
    for source in session.scalars(select(Source)):
        update_silence(session, source, factor, now)
    session.flush()
