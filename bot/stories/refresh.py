"""A story's figures, recomputed from its items: representative title, first and last seen, item and outlet
counts, platform mix, sentiment mix, topics. Recomputing (rather than adding up) keeps them right when items are
re-analysed or moved."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.stories.features import LEAD_CHARS, PRESS_TYPES, label_keys, mix_key, opening
from nlp.similarity import shingles, signature, signature_values
from storage.models import Analysis, Item, Source, Story
from storage.queries import item_time, latest_analysis_id

CHUNK = 500
TITLE_CHARS = 160
TOP_TOPICS = 5
TOP_PLACES = 5
# Which item speaks for a story: a press article before a portal page, a forum thread or a social post.
PRIORITY = {"central_press": 0, "provincial_press": 0, "portal": 1, "forum": 2, "social": 3, "tip": 4}


@dataclass
class _Row:
    item_id: int
    story_id: int
    kind: str
    source_type: str
    platform: str | None
    outlet: str | None
    at: dt.datetime
    title: str | None
    lead: str | None
    sentiment: str | None
    topics: list | None
    places: list | None

    def rank(self) -> tuple:
        return (self.kind == "comment", PRIORITY.get(self.source_type, 5), not self.title, self.at, self.item_id)


def snippet(title: str | None, lead: str | None) -> str:
    """The title, or the first words of the text when there is none (social posts)."""
    text = " ".join((title or lead or "").split())
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def refresh_stories(session: Session, story_ids: Iterable[int]) -> None:
    ids = sorted(set(story_ids))
    rows: dict[int, list[_Row]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        query = (select(Item.id, Item.story_id, Item.kind, Item.source_type, Item.platform,
                        func.coalesce(Item.outlet, Source.name), item_time(), Item.title,
                        func.substr(Item.text, 1, LEAD_CHARS), Analysis.sentiment, Analysis.topics,
                        Analysis.places)
                 .outerjoin(Source, Source.id == Item.source_id)
                 .outerjoin(Analysis, Analysis.id == latest_analysis_id(Item.id))
                 .where(Item.story_id.in_(chunk)))
        for row in session.execute(query):
            rows.setdefault(row[1], []).append(_Row(*row))
    current = {}
    for start in range(0, len(ids), CHUNK):
        current.update(session.execute(select(Story.id, Story.representative_item_id)
                                       .where(Story.id.in_(ids[start:start + CHUNK]))).all())
    changes = []
    for story_id in ids:
        members = rows.get(story_id)
        if not members:
            changes.append({"id": story_id, "item_count": 0, "outlet_count": 0, "platforms": {},
                            "sentiments": {}, "topics": [], "places": []})
            continue
        lead = min(members, key=_Row.rank)
        topics = Counter(t for r in members for t in label_keys(r.topics))
        places = Counter(p for r in members for p in label_keys(r.places))
        change = {
            "id": story_id,
            "title": snippet(lead.title, lead.lead),
            "representative_item_id": lead.item_id,
            "first_seen": min(r.at for r in members),
            "last_seen": max(r.at for r in members),
            "item_count": len(members),
            "outlet_count": len({r.outlet for r in members if r.source_type in PRESS_TYPES and r.outlet}),
            "platforms": dict(Counter(mix_key(r.source_type, r.platform) for r in members)),
            "sentiments": dict(Counter(r.sentiment for r in members if r.sentiment)),
            "topics": [t for t, _ in topics.most_common(TOP_TOPICS)],
            "places": [p for p, _ in places.most_common(TOP_PLACES)],
        }
        if current.get(story_id) != lead.item_id:
            change["signature"] = signature_values(signature(shingles(opening(lead.title, lead.lead))))
        changes.append(change)
    if changes:
        session.execute(update(Story), changes)
