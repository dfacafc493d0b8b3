"""Rows for the digest and story tests, inserted directly with the storage models."""

from __future__ import annotations

import datetime as dt
import itertools

from storage.models import Analysis, Flag, FlagEvent, Item, Review, Source

UTC = dt.timezone.utc
_serial = itertools.count(1)


def at(*args: int) -> dt.datetime:
    """A UTC moment: at(2024, 6, 3, 17) is 3 June 2024 17:00 UTC (00:00 on 4 June in Asia/Ho_Chi_Minh)."""
    return dt.datetime(*args, tzinfo=UTC)


def item(session, *, when: dt.datetime | None, source_type: str = "provincial_press", outlet: str | None = "Báo A",
         title: str | None = "auto", text: str = "", kind: str = "article", platform: str | None = None,
         source: Source | None = None, fetched: dt.datetime | None = None, parent: Item | None = None,
         sentiment: str | None = "neutral", relevant: bool | None = True, topics: list | None = None,
         places: list | None = None, toxicity: str | None = "CLEAN", misinfo_score: float | None = 0.1,
         analysed: dt.datetime | None = None, uncertain: bool = False) -> Item:
    """An item and (unless `relevant` is None: not analysed yet) its analysis."""
    n = next(_serial)
    row = Item(source_type=source_type, kind=kind, platform=platform, canonical_url=f"https://tin.example.vn/{n}",
               url=f"https://tin.example.vn/{n}", outlet=outlet, title=f"Tin số {n}" if title == "auto" else title,
               text=text or f"Nội dung tin số {n}", published_at=when, fetched_at=fetched or when or at(2024, 1, 1),
               content_hash=f"{n:064d}", source_id=source.id if source else None,
               parent_id=parent.id if parent else None)
    session.add(row)
    session.flush()
    if relevant is not None:
        session.add(Analysis(item_id=row.id, model_version="test-1", relevant=relevant, sentiment=sentiment,
                             sentiment_uncertain=uncertain, topics=topics or [], places=places or [], toxicity=toxicity,
                             misinfo_score=misinfo_score, created_at=analysed or row.fetched_at))
        session.flush()
    return row


def flag(session, *, kind: str, created: dt.datetime, item_row: Item | None = None, severity: str = "high",
         steps: list[tuple] = (), source: Source | None = None) -> Flag:
    """A flag and its workflow events; `steps` are (when, to_status, conclusion, action, actor)."""
    row = Flag(kind=kind, severity=severity, score=0.9, reasons=["Lý do kiểm thử"], created_at=created,
               updated_at=created, item_id=item_row.id if item_row else None, source_id=source.id if source else None)
    session.add(row)
    session.flush()
    status = "moi"
    for when, to_status, conclusion, action, actor in steps:
        session.add(FlagEvent(flag_id=row.id, at=when, actor=actor, from_status=status, to_status=to_status,
                              conclusion=conclusion, action=action))
        status = to_status
        row.status = to_status
        row.conclusion = conclusion or row.conclusion
        row.action = action or row.action
    session.flush()
    return row


def review(session, item_row: Item, task: str, label: str, reviewer: str, when: dt.datetime) -> Review:
    row = Review(item_id=item_row.id, task=task, label=label, reviewer=reviewer, created_at=when)
    session.add(row)
    session.flush()
    return row


def source(session, name: str, *, title: str | None = None, type_: str = "provincial_press", enabled: bool = True,
           silent_since: dt.datetime | None = None, last_item_at: dt.datetime | None = None) -> Source:
    row = Source(name=name, title=title, kind="feed", type=type_, url=f"https://{name}.example.vn/rss", enabled=enabled,
                 silent_since=silent_since, last_item_at=last_item_at, created_at=at(2023, 1, 1))
    session.add(row)
    session.flush()
    return row
