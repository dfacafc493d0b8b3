"""The registry as a matcher: claims loaded from storage into nlp.claims.ClaimMatcher, kept in step as claims
are added, and item matches resolved to the stored claims."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import item_text
from config.settings import MisinfoSettings
from nlp.claims import ClaimMatch, ClaimMatcher
from storage.models import Claim, Item


@dataclass
class ItemClaimMatch:
    claim: Claim
    similarity: float
    level: str  # match, suggest


class ClaimIndex:
    """One per process: loads every claim once, then only the claims registered since the last refresh."""

    def __init__(self, settings: MisinfoSettings):
        self.settings = settings
        self.matcher = ClaimMatcher(settings.suggest_threshold, settings.match_threshold, settings.window_days)
        self._last_id = 0

    def refresh(self, session: Session) -> int:
        """Index the claims added since the last call; returns how many."""
        rows = session.execute(select(Claim.id, Claim.text, Claim.claim_date).where(Claim.id > self._last_id)
                               .order_by(Claim.id)).all()
        for claim_id, text, claim_date in rows:
            self.matcher.add(claim_id, text, claim_date)
            self._last_id = claim_id
        return len(rows)

    def match_item(self, session: Session, item: Item, limit: int = 3) -> list[ItemClaimMatch]:
        """The registered claims `item` repeats (title and text), best first."""
        self.refresh(session)
        found: list[ClaimMatch] = self.matcher.match(item_text(item), at=item.published_at or item.fetched_at, limit=limit)
        claims = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_([m.claim_id for m in found])))}
        return [ItemClaimMatch(claims[m.claim_id], m.similarity, m.level) for m in found if m.claim_id in claims]
