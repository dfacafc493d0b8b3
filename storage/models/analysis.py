"""What the analysis says about items, and the stories (sự việc) that group them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamped, utcnow


class Analysis(Timestamped, Base):
    """All annotations of one item by one set of model versions; re-analysis adds a row, never overwrites."""

    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("item_id", "model_version"),
                      Index("ix_analyses_item_id_id", "item_id", "id"))  # an item's latest analysis, by index only

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    model_version: Mapped[str] = mapped_column(String(100))
    relevant: Mapped[bool] = mapped_column(default=False, index=True)
    relevance_score: Mapped[float] = mapped_column(Float, default=0.0)
    matched_terms: Mapped[list[Any]] = mapped_column(default=list)  # [{term, kind, place, start, end}]
    places: Mapped[list[Any]] = mapped_column(default=list)  # former districts / communes pointed to
    sentiment: Mapped[str | None] = mapped_column(String(10), index=True)  # negative, neutral, positive
    sentiment_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sentiment_uncertain: Mapped[bool] = mapped_column(default=False)
    toxicity: Mapped[str | None] = mapped_column(String(10))  # CLEAN, OFFENSIVE, HATE
    toxicity_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    misinfo_score: Mapped[float | None] = mapped_column(Float)
    misinfo_reasons: Mapped[list[Any]] = mapped_column(default=list)
    # the registered claim the item repeats or rebuts (its best match): the story of the claim gathers them all
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"), index=True)
    topics: Mapped[list[Any]] = mapped_column(default=list)
    entities: Mapped[list[Any]] = mapped_column(default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Story(Timestamped, Base):
    """Items about the same event across outlets and platforms ("1 sự việc, 12 báo đưa tin")."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    last_seen: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    item_count: Mapped[int] = mapped_column(default=0)
    outlet_count: Mapped[int] = mapped_column(default=0)
    platforms: Mapped[dict[str, Any]] = mapped_column(default=dict)  # platform -> count
    sentiments: Mapped[dict[str, Any]] = mapped_column(default=dict)  # label -> count
    topics: Mapped[list[Any]] = mapped_column(default=list)
    places: Mapped[list[Any]] = mapped_column(default=list)  # former districts / communes its items point to
    signature: Mapped[list[Any]] = mapped_column(default=list)  # MinHash values for incremental matching
    terms: Mapped[dict[str, Any]] = mapped_column(default=dict)  # word bigram -> items using it (topical matching)
    representative_item_id: Mapped[int | None]  # items.id; no FK: items already reference stories
    summary: Mapped[str | None] = mapped_column(Text)
