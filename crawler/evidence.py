"""Evidence: the raw response an item came from, and its retention.

Every stored item keeps what was fetched (gzip-compressed bytes, SHA-256, capture time, status, headers; see
`storage.items.Capture`). After `crawl.evidence_retention_days` the bytes of old captures are purged, but the
record (hash, time, status, headers, size) stays, and evidence of anything flagged or pinned is never purged."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from storage.items import Capture
from storage.models import Flag, Item, Snapshot, utcnow

SECRET_PARAMS = frozenset({"access_token", "key", "api_key", "apikey", "token", "client_secret", "appsecret_proof"})
PURGE_BATCH = 500


def scrub_url(url: str) -> str:
    """The URL without credentials (API tokens must never end up in stored evidence)."""
    parts = urlsplit(url)
    query = [(k, "***" if k.lower() in SECRET_PARAMS else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


def headers_of(headers: Any) -> dict[str, str]:
    """Scrapy's Headers (bytes, multi-valued) as a plain dict of strings."""
    out = {}
    for key, values in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        out[name] = ", ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values)
    return out


def capture_of(response: Any) -> Capture:
    """Evidence of a fetched page."""
    return Capture(url=scrub_url(response.url), status=response.status, headers=headers_of(response.headers),
                   body=response.body)


def capture_of_record(response: Any, record: dict[str, Any]) -> Capture:
    """Evidence of one record of an API answer: the record as the API gave it, with the (scrubbed) call."""
    body = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Capture(url=scrub_url(response.url), status=response.status, headers=headers_of(response.headers),
                   body=body)


def _protected_items():
    flagged_items = select(Flag.item_id).where(Flag.item_id.is_not(None))
    flagged_stories = select(Flag.story_id).where(Flag.story_id.is_not(None))
    return select(Item.id).where(or_(Item.id.in_(flagged_items), Item.story_id.in_(flagged_stories)))


def purge_evidence(session: Session, retention_days: int, now: dt.datetime | None = None) -> int:
    """Drop the raw bytes of captures older than the retention; return how many captures were purged."""
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    purgeable = (select(Snapshot.id, Snapshot.file_path)
                 .where(Snapshot.captured_at < cutoff, Snapshot.pinned.is_(False),
                        or_(Snapshot.body.is_not(None), Snapshot.file_path.is_not(None)),
                        Snapshot.item_id.not_in(_protected_items()))
                 .limit(PURGE_BATCH))
    purged = 0
    while True:
        rows = session.execute(purgeable).all()
        if not rows:
            return purged
        for _id, file_path in rows:
            if file_path:
                Path(file_path).unlink(missing_ok=True)
        session.execute(update(Snapshot).where(Snapshot.id.in_([r[0] for r in rows]))
                        .values(body=None, file_path=None))
        session.flush()
        purged += len(rows)
