"""Items stored before a claim was registered. Officers usually register a checked claim after the rumour has
spread: the relevant items of the last `misinfo.recheck_days` days that were analysed before it are matched again,
and those whose claims now include it are scored again (`raise_flags`: a flag raised or refreshed, the claim kept
on the analysis). Each chunk of items is its own transaction, so a large re-check never holds the database for
long; the last claim re-checked is recorded in the `claims_recheck` heartbeat only when all chunks are done, so a
restart neither skips a claim nor leaves one half done (scoring an item again changes nothing that was kept)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.flags.items import raise_flags
from bot.misinfo import MisinfoAssessor
from config import Profile, Settings
from storage import Database
from storage.audit import beat
from storage.models import Analysis, Claim, Heartbeat, Item, utcnow
from storage.queries import is_latest_analysis, item_time

COMPONENT = "claims_recheck"
CHUNK = 200


def recheck_new_claims(database: Database, settings: Settings, profile: Profile, assessor: MisinfoAssessor,
                       now: dt.datetime | None = None) -> int:
    """Score again the recent items that repeat or rebut a claim registered since the last call; returns how many
    flags were created."""
    now = now or utcnow()
    since = now - dt.timedelta(days=settings.misinfo.recheck_days)
    with database.session() as session:
        heartbeat = session.get(Heartbeat, COMPONENT)
        done = int((heartbeat.details or {}).get("last_claim_id", 0)) if heartbeat is not None else 0
        claims = dict(session.execute(select(Claim.id, Claim.created_at).where(Claim.id > done)).tuples().all())
        if not claims:
            return 0
        fresh = {claim_id for claim_id, created in claims.items() if created >= since}  # older ones met every item
        ids = [] if not fresh else session.scalars(
            select(Item.id).join(Analysis, is_latest_analysis(Item.id))
            .where(Analysis.relevant.is_(True), item_time() >= since,
                   Analysis.created_at < max(claims[claim_id] for claim_id in fresh))
            .order_by(Item.id)).all()
    created = 0
    for start in range(0, len(ids), CHUNK):
        with database.session() as session:
            items = list(session.scalars(select(Item).where(Item.id.in_(ids[start:start + CHUNK]))))
            matches = {item_id: found for item_id, found in assessor.claim_matches(session, items).items()
                       if any(match.claim.id in fresh for match in found)}
            if matches:
                created += len(raise_flags(session, list(matches), settings, profile, assessor,
                                           claim_matches=matches))
    with database.session() as session:
        beat(session, COMPONENT, last_claim_id=max(claims), rechecked=created)
    return created
