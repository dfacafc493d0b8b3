"""What the crawler brings in: sources, items, raw evidence, fetch state and crawl runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, ForeignKey, Index, Integer, LargeBinary, String, Text, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, Timestamped, utcnow


class Source(Timestamped, Base):
    """A configured place the crawler reads, with its health counters."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str | None] = mapped_column(String(300))  # the display name, e.g. "Báo Khánh Hòa"
    kind: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(30))
    url: Mapped[str] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(default=True)
    interval_minutes: Mapped[float] = mapped_column(default=30.0)
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # health
    last_attempt_at: Mapped[dt.datetime | None]
    last_success_at: Mapped[dt.datetime | None]
    last_item_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    pages_fetched: Mapped[int] = mapped_column(BigInteger, default=0)
    pages_extracted: Mapped[int] = mapped_column(BigInteger, default=0)
    items_total: Mapped[int] = mapped_column(BigInteger, default=0)
    silent_since: Mapped[dt.datetime | None]

    items: Mapped[list["Item"]] = relationship(back_populates="source")

    @hybrid_property
    def label(self) -> str:
        """How the source is named to officers: its display name, else its key (also in SQL)."""
        return self.title or self.name

    @label.inplace.expression
    @classmethod
    def _label_expression(cls) -> ColumnElement[str]:
        return func.coalesce(cls.title, cls.name)


class Item(Timestamped, Base):
    """One article, post, comment, forum post, channel message, video or officer's tip. One URL, one item."""

    __tablename__ = "items"
    __table_args__ = (Index("ix_items_published_at", "published_at"), Index("ix_items_fetched_at", "fetched_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    source_type: Mapped[str] = mapped_column(String(30))  # provincial_press, central_press, portal, social, forum, tip
    kind: Mapped[str] = mapped_column(String(20), default="article")  # article, post, comment, video, message, tip
    platform: Mapped[str | None] = mapped_column(String(30))
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(200))
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(300))
    author_id: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(10))
    published_at: Mapped[dt.datetime | None]
    fetched_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime | None]
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    previous_hashes: Mapped[list[Any]] = mapped_column(default=list)
    likes: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    views: Mapped[int | None] = mapped_column(BigInteger)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), index=True)
    thread: Mapped[str | None] = mapped_column(Text)  # forum thread / channel / video the item belongs to
    position: Mapped[int | None] = mapped_column(Integer)  # position within the thread
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"), index=True)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    source: Mapped[Source | None] = relationship(back_populates="items")
    snapshots: Mapped[list["Snapshot"]] = relationship(back_populates="item", cascade="all, delete-orphan")


class Snapshot(Base):
    """Raw evidence of what was fetched: compressed bytes, their SHA-256, status and headers."""

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    captured_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sha256: Mapped[str] = mapped_column(String(64))  # of the uncompressed body
    size: Mapped[int] = mapped_column(BigInteger)
    compression: Mapped[str] = mapped_column(String(10), default="gzip")
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    file_path: Mapped[str | None] = mapped_column(Text)  # when stored outside the database
    pinned: Mapped[bool] = mapped_column(default=False)  # flagged evidence is never purged

    item: Mapped[Item] = relationship(back_populates="snapshots")


class FetchState(Base):
    """Conditional-GET validators per URL (feeds, sitemaps, listing pages)."""

    __tablename__ = "fetch_state"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[int | None] = mapped_column(Integer)


class CrawlRun(Base):
    """One crawl of one source: what it found and how it ended."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")  # running, ok, failed
    new: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
