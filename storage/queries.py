"""Query pieces every report needs: when an item appeared, its latest analysis, items within a time range."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from storage.models import Analysis, Item, Source


def outlet_name() -> ColumnElement[str]:
    """Who published an item: the outlet its page names, else its source's display name or key (join Source)."""
    return func.coalesce(Item.outlet, Source.label)


def item_time() -> ColumnElement[dt.datetime]:
    """When an item appeared: its publication time, or when it was fetched if the source gave none."""
    return func.coalesce(Item.published_at, Item.fetched_at)


def appeared_between(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    """Items that appeared in [start, end): written as two index-friendly ranges rather than over `item_time()`,
    so both backends use the indexes on published_at and fetched_at."""
    return or_(and_(Item.published_at >= start, Item.published_at < end),
               and_(Item.published_at.is_(None), Item.fetched_at >= start, Item.fetched_at < end))


def is_latest_analysis(item_id: ColumnElement[int],
                       before: ColumnElement[dt.datetime] | None = None) -> ColumnElement[bool]:
    """Join condition: the analysis is the newest of `item_id` (re-analysis adds rows), or the newest made at or
    before `before`. The plain item_id equality lets both backends walk the index on analyses.item_id instead of
    testing every analysis against the subquery."""
    newer = aliased(Analysis)
    newest = select(func.max(newer.id)).where(newer.item_id == item_id)
    if before is not None:
        newest = newest.where(newer.created_at <= before)
    return and_(Analysis.item_id == item_id, Analysis.id == newest.scalar_subquery())


def json_elements(session: Session, column):
    """The elements of a JSON array column as rows of text (objects as their JSON text), on either backend: join
    it with `true()` to count labels such as topics and places in SQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.jsonb_array_elements_text(column).table_valued("value")
    return func.json_each(column).table_valued("value")
