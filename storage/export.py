"""Stored items as JSONL or CSV for analysts (`diembao items export`); `diembao import --mapping diembao` reads
the same columns back."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Item, Source
from storage.queries import item_time

COLUMNS = ("url", "canonical_url", "title", "text", "author", "published_at", "fetched_at", "source", "outlet",
           "type", "kind", "platform", "language", "likes", "comments", "shares", "views", "thread", "position")


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def export_rows(session: Session, since: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
    """Items (oldest first), those published or fetched at `since` or later when given."""
    moment = item_time()
    query = select(Item, Source.name).outerjoin(Source, Item.source_id == Source.id).order_by(moment, Item.id)
    if since is not None:
        query = query.where(moment >= since)
    for item, source in session.execute(query.execution_options(yield_per=500)):
        row = {name: _value(getattr(item, name, None)) for name in COLUMNS if hasattr(Item, name)}
        row.update(source=source, type=item.source_type)
        yield {name: row.get(name) for name in COLUMNS}


def write_export(rows: Iterator[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write rows as `jsonl` or `csv`; return how many were written."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
