"""Audit log writes and component heartbeats."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from storage.models import AuditEntry, Heartbeat, utcnow


def record(session: Session, actor: str, action: str, target_type: str | None = None,
           target_id: object = None, /, **details: Any) -> AuditEntry:
    """Append who did what to which object; the audit log is never updated or deleted."""
    entry = AuditEntry(actor=actor, action=action, target_type=target_type,
                       target_id=None if target_id is None else str(target_id), details=details)
    session.add(entry)
    return entry


def beat(session: Session, component: str, error: str | None = None, **details: Any) -> None:
    """Record that `component` just succeeded (or failed with `error`)."""
    heartbeat = session.get(Heartbeat, component) or Heartbeat(component=component, details={})
    now = utcnow()
    if error is None:
        heartbeat.last_success_at = now
    else:
        heartbeat.last_error_at = now
        heartbeat.last_error = error
    heartbeat.details = {**(heartbeat.details or {}), **details}
    session.add(heartbeat)
