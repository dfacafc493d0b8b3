"""Keep the `sources` table in step with the configured sources file (health counters are kept)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.sources import SourceConfig
from storage.models import Source


def sync_sources(session: Session, configs: list[SourceConfig]) -> dict[str, Source]:
    """Create or update one row per configured source; sources no longer configured are disabled, not deleted."""
    rows = {s.name: s for s in session.scalars(select(Source))}
    for cfg in configs:
        row = rows.get(cfg.name) or Source(name=cfg.name)
        row.kind, row.type, row.url, row.title = cfg.kind, cfg.type, cfg.url, cfg.title
        row.enabled = cfg.enabled
        row.interval_minutes = cfg.interval_minutes
        row.config = cfg.model_dump(mode="json")
        session.add(row)
        rows[cfg.name] = row
    configured = {cfg.name for cfg in configs}
    for name, row in rows.items():
        if name not in configured:
            row.enabled = False
    session.flush()
    return rows
