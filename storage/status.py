"""Figures for `diembao status`: counts of items, analyses, open flags, and every source's health."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.vocabulary import OPEN_FLAG_STATUSES
from storage.models import Analysis, Flag, Heartbeat, Item, Outbox, Source, utcnow



@dataclass
class SourceHealth:
    name: str  # the key in the sources file
    label: str  # how officers know it (Source.label)
    kind: str
    type: str
    enabled: bool
    last_success_at: dt.datetime | None
    consecutive_failures: int
    items_24h: int
    items_7d: int
    extraction_yield: float | None
    silent_since: dt.datetime | None
    last_error: str | None


@dataclass
class StatusReport:
    items: int
    analysed_items: int
    open_flags: int
    outbox_pending: int
    sources: list[SourceHealth] = field(default_factory=list)
    components: dict[str, dict[str, Any]] = field(default_factory=dict)


def _items_since(session: Session, since: dt.datetime) -> dict[int, int]:
    rows = session.execute(
        select(Item.source_id, func.count()).where(Item.fetched_at >= since).group_by(Item.source_id))
    return {source_id: n for source_id, n in rows if source_id is not None}


def source_health(session: Session) -> list[SourceHealth]:
    now = utcnow()
    day, week = _items_since(session, now - dt.timedelta(days=1)), _items_since(session, now - dt.timedelta(days=7))
    out = []
    for s in session.scalars(select(Source).order_by(Source.name)):
        out.append(SourceHealth(
            name=s.name, label=s.label, kind=s.kind, type=s.type, enabled=s.enabled, last_success_at=s.last_success_at,
            consecutive_failures=s.consecutive_failures, items_24h=day.get(s.id, 0), items_7d=week.get(s.id, 0),
            extraction_yield=(s.pages_extracted / s.pages_fetched) if s.pages_fetched else None,
            silent_since=s.silent_since, last_error=s.last_error))
    return out


def status_report(session: Session) -> StatusReport:
    components = {
        h.component: {"last_success_at": h.last_success_at, "last_error_at": h.last_error_at,
                      "last_error": h.last_error, **(h.details or {})}
        for h in session.scalars(select(Heartbeat))
    }
    return StatusReport(
        items=session.scalar(select(func.count()).select_from(Item)) or 0,
        analysed_items=session.scalar(select(func.count(func.distinct(Analysis.item_id)))) or 0,
        open_flags=session.scalar(select(func.count()).select_from(Flag).where(Flag.status.in_(OPEN_FLAG_STATUSES))) or 0,
        outbox_pending=session.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.status.in_(("pending", "sending")))) or 0,
        sources=source_health(session),
        components=components,
    )
