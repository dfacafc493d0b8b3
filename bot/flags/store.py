"""Storing raised flags: one per subject and kind (Flag.dedupe_key), with its first workflow event and audit entry.

Keys: items are flagged once per kind ("harmful:item:42"; an officer reopens a closed flag rather than getting a
second one), stories once per kind ("volume_spike:story:7"), sources once per silent spell
("silent_source:source:3:20250620T0800"), so a source that recovers and goes silent again is flagged again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from config.settings import AlertRule, Settings
from config.vocabulary import OPEN_FLAG_STATUSES, SEVERITY_ORDER
from storage.audit import record
from storage.models import Flag, FlagEvent, Snapshot, utcnow

SYSTEM = "system"


@dataclass
class Candidate:
    """A flag the detectors want raised."""

    kind: str
    key: str  # the subject part of the dedupe key: "item:42", "story:7", "source:3:20250620T0800"
    severity: str
    score: float | None
    reasons: list[str]
    item_id: int | None = None
    story_id: int | None = None
    source_id: int | None = None
    claim_id: int | None = None
    claim_similarity: float | None = None

    @property
    def dedupe_key(self) -> str:
        return f"{self.kind}:{self.key}"


def rule_for(settings: Settings, kind: str) -> AlertRule | None:
    """The enabled alert rule of `kind` (the first one when several are configured), or None."""
    return next((r for r in settings.alerts if r.kind == kind and r.enabled), None)


def raise_severity(severity: str, steps: int = 1) -> str:
    index = min(max(SEVERITY_ORDER.index(severity) + steps, 0), len(SEVERITY_ORDER) - 1)
    return SEVERITY_ORDER[index]


def store(session: Session, candidate: Candidate) -> Flag | None:
    """Create the flag unless one with the same key exists; an open one is refreshed when the new score is higher
    (new reasons, same workflow state). Returns the new flag, or None when it already existed."""
    existing = session.scalar(select(Flag).where(Flag.dedupe_key == candidate.dedupe_key))
    if existing is not None:
        _refresh(existing, candidate)
        return None
    now = utcnow()
    flag = Flag(kind=candidate.kind, severity=candidate.severity, score=candidate.score, reasons=candidate.reasons,
                item_id=candidate.item_id, story_id=candidate.story_id, source_id=candidate.source_id,
                claim_id=candidate.claim_id, claim_similarity=candidate.claim_similarity, status="moi",
                dedupe_key=candidate.dedupe_key, created_at=now, updated_at=now)
    try:
        with session.begin_nested():
            session.add(flag)
            session.flush()
    except IntegrityError:  # another process raised the same flag first
        return None
    if flag.item_id is not None:  # flagged evidence is never purged by the retention
        for snapshot in session.scalars(select(Snapshot).where(Snapshot.item_id == flag.item_id)):
            snapshot.pinned = True
    session.add(FlagEvent(flag_id=flag.id, at=now, actor=SYSTEM, from_status=None, to_status="moi",
                          note="Hệ thống tự động phát hiện."))
    record(session, SYSTEM, "flag.raise", "flag", flag.id, kind=flag.kind, severity=flag.severity, score=flag.score,
           key=flag.dedupe_key)
    session.flush()
    return flag


def _refresh(flag: Flag, candidate: Candidate) -> None:
    if flag.status not in OPEN_FLAG_STATUSES:
        return
    if candidate.score is not None and (flag.score is None or candidate.score > flag.score):
        flag.score = candidate.score
        flag.reasons = candidate.reasons
        if SEVERITY_ORDER.index(candidate.severity) > SEVERITY_ORDER.index(flag.severity):
            flag.severity = candidate.severity
        if candidate.claim_id is not None:
            flag.claim_id, flag.claim_similarity = candidate.claim_id, candidate.claim_similarity
        flag.updated_at = utcnow()
