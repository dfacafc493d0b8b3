"""Items stored before a claim was registered. Officers usually register a checked claim after the rumour has
spread: the relevant items of the last `misinfo.recheck_days` days that were analysed before it are matched again,
and those whose claims now include it are scored again (`raise_flags`: a flag raised or refreshed, the claim kept
on the analysis). The last claim re-checked is kept in the `claims_recheck` heartbeat, so a restart neither skips
a claim nor re-checks one twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.flags.items import raise_flags
from bot.misinfo import MisinfoAssessor
from config import Profile, Settings
from storage.audit import beat
from storage.models import Analysis, Claim, Flag, Heartbeat, Item, utcnow
from storage.queries import is_latest_analysis, item_time

COMPONENT = "claims_recheck"
CHUNK = 500


def recheck_new_claims(session: Session, settings: Settings, profile: Profile, assessor: MisinfoAssessor,
                       now: dt.datetime | None = None) -> list[Flag]:
    """Score again the recent items that repeat or rebut a claim registered since the last call; returns the flags
    created."""
    now = now or utcnow()
    heartbeat = session.get(Heartbeat, COMPONENT)
    done = int((heartbeat.details or {}).get("last_claim_id", 0)) if heartbeat is not None else 0
    claims = dict(session.execute(select(Claim.id, Claim.created_at).where(Claim.id > done)).tuples().all())
    if not claims:
        return []
    since = now - dt.timedelta(days=settings.misinfo.recheck_days)
    fresh = {claim_id for claim_id, created in claims.items() if created >= since}  # older ones met every such item
    created: list[Flag] = []
    if fresh:
        newest = max(claims[claim_id] for claim_id in fresh)
        ids = session.scalars(select(Item.id).join(Analysis, is_latest_analysis(Item.id))
                              .where(Analysis.relevant.is_(True), Analysis.created_at < newest, item_time() >= since)
                              .order_by(Item.id)).all()
        for start in range(0, len(ids), CHUNK):
            items = list(session.scalars(select(Item).where(Item.id.in_(ids[start:start + CHUNK]))))
            matches = {item_id: found for item_id, found in assessor.claim_matches(session, items).items()
                       if any(match.claim.id in fresh for match in found)}
            if matches:
                created += raise_flags(session, list(matches), settings, profile, assessor, claim_matches=matches)
    beat(session, COMPONENT, last_claim_id=max(claims), rechecked=len(created))
    return created
