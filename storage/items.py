"""Idempotent item writes: one canonical URL, one item; the same content never becomes a second item."""

from __future__ import annotations

import datetime as dt
import enum
import gzip
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Item, Snapshot, utcnow

MIN_DISTINCT_TEXT = 20  # shorter texts are hashed together with their URL so they never collide


class Outcome(str, enum.Enum):
    NEW = "new"
    UPDATED = "updated"
    DUPLICATE = "duplicate"


@dataclass
class Capture:
    """The raw response an item was extracted from (evidence)."""

    url: str
    status: int
    headers: dict[str, Any]
    body: bytes
    captured_at: dt.datetime = field(default_factory=utcnow)


@dataclass
class ItemData:
    url: str
    canonical_url: str
    source_type: str
    text: str = ""
    title: str | None = None
    kind: str = "article"
    platform: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    author: str | None = None
    author_id: str | None = None
    language: str | None = None
    published_at: dt.datetime | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    views: int | None = None
    parent_url: str | None = None
    thread: str | None = None
    position: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    capture: Capture | None = None


def fit_columns(data: ItemData) -> ItemData:
    """Trim text to the widths of the item columns (a hostile page must not make a write fail). The canonical URL
    is never trimmed: it is an identity, and a caller must reject an over-long one instead."""
    for column in Item.__table__.columns:
        length = getattr(column.type, "length", None)
        value = getattr(data, column.name, None) if length and column.name != "canonical_url" else None
        if isinstance(value, str) and len(value) > length:
            setattr(data, column.name, value[:length - 1] + "…")
    return data


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip().lower()


def content_hash(data: ItemData) -> str:
    """SHA-256 of what makes an item the same item: for articles title and text; for posts and comments also the
    author and the thread they belong to (two people writing "đẹp quá" are two items)."""
    parts = [data.kind, _norm(data.title), _norm(data.text)]
    if data.kind != "article":
        parts += [_norm(data.author_id or data.author), _norm(data.thread or data.parent_url)]
    if len(_norm(data.text)) < MIN_DISTINCT_TEXT:
        parts.append(data.canonical_url)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def snapshot_of(capture: Capture) -> Snapshot:
    return Snapshot(
        url=capture.url,
        captured_at=capture.captured_at,
        status=capture.status,
        headers={str(k): str(v) for k, v in capture.headers.items()},
        sha256=hashlib.sha256(capture.body).hexdigest(),
        size=len(capture.body),
        compression="gzip",
        body=gzip.compress(capture.body, mtime=0),
    )


_CONTENT = ("url", "title", "text", "author", "author_id", "language", "published_at", "outlet", "platform",
            "external_id", "thread", "position")
_ENGAGEMENT = ("likes", "comments", "shares", "views")


def _row(data: ItemData, source_id: int | None, digest: str, parent_id: int | None) -> dict[str, Any]:
    row = {name: getattr(data, name) for name in _CONTENT + _ENGAGEMENT}
    row.update(canonical_url=data.canonical_url, source_type=data.source_type, kind=data.kind, extra=data.extra,
               source_id=source_id, content_hash=digest, parent_id=parent_id, fetched_at=utcnow(),
               previous_hashes=[], created_at=utcnow())
    return row


_INSERTS: dict[str, Any] = {}


def _insert(session: Session, row: dict[str, Any]) -> int | None:
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    stmt = _INSERTS.get(dialect)
    if stmt is None:  # built once per dialect so that SQLAlchemy compiles it once, not once per item
        stmt = _INSERTS[dialect] = insert(Item).on_conflict_do_nothing().returning(Item.id)
    return session.execute(stmt, row).scalar_one_or_none()


def upsert_item(session: Session, data: ItemData, source_id: int | None = None) -> tuple[int, Outcome]:
    """Store `data`; return the item id and whether it was new, updated (content changed) or a duplicate.

    Safe under concurrent writers: the insert is a single atomic statement guarded by the unique canonical URL and
    content hash; the loser of a race reads the winner's row."""
    digest = content_hash(data)
    parent_id = None
    if data.parent_url:
        parent_id = session.scalar(select(Item.id).where(Item.canonical_url == data.parent_url))
    new_id = _insert(session, _row(data, source_id, digest, parent_id))
    if new_id is not None:
        if data.capture:
            session.add(_with_item(snapshot_of(data.capture), new_id))
        return new_id, Outcome.NEW

    query = select(Item).where(Item.canonical_url == data.canonical_url)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    existing = session.scalars(query).first()
    if existing is None:  # same content already stored under another URL
        dup_id = session.scalar(select(Item.id).where(Item.content_hash == digest))
        return dup_id, Outcome.DUPLICATE
    for name in _ENGAGEMENT:
        value = getattr(data, name)
        if value is not None:
            setattr(existing, name, value)
    if existing.content_hash == digest:
        session.flush()
        return existing.id, Outcome.DUPLICATE
    if session.scalar(select(Item.id).where(Item.content_hash == digest, Item.id != existing.id)) is not None:
        session.flush()  # the new content is a copy of another stored item: keep this one as it was
        return existing.id, Outcome.DUPLICATE
    existing.previous_hashes = [*existing.previous_hashes, existing.content_hash]
    existing.content_hash = digest
    for name in _CONTENT:
        value = getattr(data, name)
        if value is not None:
            setattr(existing, name, value)
    existing.updated_at = utcnow()
    existing.fetched_at = utcnow()
    if data.capture:
        session.add(_with_item(snapshot_of(data.capture), existing.id))
    session.flush()
    return existing.id, Outcome.UPDATED


def _with_item(snapshot: Snapshot, item_id: int) -> Snapshot:
    snapshot.item_id = item_id
    return snapshot


def fetched_times(session: Session, canonical_urls: list[str]) -> dict[str, dt.datetime]:
    """When each of these canonical URLs was last fetched, for those already stored."""
    found: dict[str, dt.datetime] = {}
    for start in range(0, len(canonical_urls), 500):
        chunk = canonical_urls[start:start + 500]
        found.update(session.execute(
            select(Item.canonical_url, Item.fetched_at).where(Item.canonical_url.in_(chunk))).tuples().all())
    return found


def stored_urls(session: Session, canonical_urls: list[str]) -> set[str]:
    """Which of these canonical URLs are already stored (so the crawler can skip fetching them)."""
    return set(fetched_times(session, canonical_urls))
