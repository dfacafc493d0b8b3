"""Stored fixtures for the misinformation tests: sources, items and their analyses, written as the crawler and
the analysis loop would write them."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy.orm import Session

from storage import Capture, ItemData, upsert_item
from storage.models import Analysis, Item, Source

NOW = dt.datetime(2025, 6, 14, 12, tzinfo=dt.timezone.utc)
_numbers = itertools.count(1)


def source(session: Session, type_: str = "social", name: str | None = None, **kw) -> Source:
    row = Source(name=name or f"nguon-{next(_numbers)}", kind="feed", type=type_, url="https://nguon.example",
                 config={}, **kw)
    session.add(row)
    session.flush()
    return row


def item(session: Session, text: str, source_type: str = "social", source_id: int | None = None,
         html: bytes | None = None, story_id: int | None = None, **kw) -> int:
    n = next(_numbers)
    url = f"https://tin.example/{source_type}/{n}"
    capture = Capture(url=url, status=200, headers={"Content-Type": "text/html; charset=utf-8"}, body=html,
                      captured_at=NOW - dt.timedelta(minutes=5)) if html else None
    item_id, _ = upsert_item(session, ItemData(url=url, canonical_url=url, source_type=source_type, text=text,
                                               kind="post" if source_type in ("social", "forum") else "article",
                                               capture=capture, **kw), source_id=source_id)
    if story_id is not None:  # the story clustering sets this after the crawler stored the item
        session.get(Item, item_id).story_id = story_id
    return item_id


def analysis(session: Session, item_id: int, *, relevant: bool = True, sentiment: str = "neutral",
             negative: float = 0.1, toxicity: str = "CLEAN", toxic: float = 0.0, terms: list | None = None,
             uncertain: bool = False, version: str = "test-1") -> Analysis:
    row = Analysis(item_id=item_id, model_version=version, relevant=relevant, relevance_score=0.9 if relevant else 0,
                   matched_terms=terms or [], sentiment=sentiment, sentiment_uncertain=uncertain,
                   sentiment_scores={"negative": negative, "neutral": 1 - negative, "positive": 0.0},
                   toxicity=toxicity, toxicity_scores={toxicity: toxic if toxicity != "CLEAN" else 1 - toxic,
                                                       "CLEAN": 1 - toxic})
    session.add(row)
    session.flush()
    return row
