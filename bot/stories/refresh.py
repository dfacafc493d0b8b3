"""A story's figures, recomputed from its items by SQL aggregates: representative title, first and last seen, item
and outlet counts, platform mix, sentiment mix, topics, places. Recomputing (rather than adding up) keeps them right
when items are re-analysed or moved; aggregating in the database keeps it cheap for stories of thousands of items."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import case, distinct, func, select, true, update
from sqlalchemy.orm import Session

from bot.stories.features import LEAD_CHARS, NON_SOCIAL_TYPES, PRESS_TYPES, element_key, opening
from nlp.similarity import shingles, signature, signature_values
from storage.models import Analysis, Item, Source, Story
from storage.queries import is_latest_analysis, item_time, json_elements, outlet_name

CHUNK = 500
TITLE_CHARS = 160
TOP_LABELS = 5
# Which item speaks for a story: a press article before a portal page, a forum thread or a social post.
PRIORITY = {"central_press": 0, "provincial_press": 0, "portal": 1, "forum": 2, "social": 3, "tip": 4}


def snippet(title: str | None, lead: str | None) -> str:
    """The title, or the first words of the text when there is none (social posts)."""
    text = " ".join((title or lead or "").split())
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _members(chunk: list[int], *columns):
    return (select(Item.story_id, *columns).select_from(Item)
            .outerjoin(Analysis, is_latest_analysis(Item.id))
            .where(Item.story_id.in_(chunk)))


def _figures(session: Session, chunk: list[int]) -> dict[int, dict]:
    press_outlet = case((Item.source_type.in_(PRESS_TYPES), outlet_name()))
    figures: dict[int, dict] = {}
    for story_id, n, first, last, outlets in session.execute(
            _members(chunk, func.count(), func.min(item_time()), func.max(item_time()), func.count(distinct(press_outlet)))
            .outerjoin(Source, Source.id == Item.source_id).group_by(Item.story_id)):
        figures[story_id] = {"id": story_id, "item_count": n, "first_seen": first, "last_seen": last,
                             "outlet_count": outlets, "platforms": {}, "sentiments": {}}
    mix = case((Item.source_type.in_(NON_SOCIAL_TYPES), Item.source_type),
               else_=func.lower(func.coalesce(Item.platform, Item.source_type)))
    for story_id, key, n in session.execute(_members(chunk, mix, func.count()).group_by(Item.story_id, mix)):
        figures[story_id]["platforms"][key] = n
    for story_id, sentiment, n in session.execute(
            _members(chunk, Analysis.sentiment, func.count()).where(Analysis.sentiment.is_not(None))
            .group_by(Item.story_id, Analysis.sentiment)):
        figures[story_id]["sentiments"][sentiment] = n
    for name, column in (("topics", Analysis.topics), ("places", Analysis.places)):
        elements = json_elements(session, column)
        counts: defaultdict[int, Counter[str]] = defaultdict(Counter)
        for story_id, value, n in session.execute(
                _members(chunk, elements.c.value, func.count()).join(elements, true())
                .group_by(Item.story_id, elements.c.value)):
            key = element_key(value)
            if key:
                counts[story_id][key] += n
        for story_id, row in figures.items():
            row[name] = [k for k, _ in sorted(counts[story_id].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LABELS]]
    return figures


def _representatives(session: Session, chunk: list[int]) -> dict[int, tuple]:
    """Per story, the item that speaks for it: not a comment, the best source type, with a title, the earliest."""
    rank = func.row_number().over(partition_by=Item.story_id, order_by=(
        case((Item.kind == "comment", 1), else_=0), case(PRIORITY, value=Item.source_type, else_=5),
        case((Item.title.is_(None), 1), else_=0), item_time(), Item.id)).label("rank")
    ranked = select(Item.story_id, Item.id, Item.title, func.substr(Item.text, 1, LEAD_CHARS).label("lead"), rank) \
        .where(Item.story_id.in_(chunk)).subquery()
    query = select(ranked.c.story_id, ranked.c.id, ranked.c.title, ranked.c.lead).where(ranked.c.rank == 1)
    return {story_id: (item_id, title, lead) for story_id, item_id, title, lead in session.execute(query)}


def refresh_stories(session: Session, story_ids: Iterable[int]) -> dict[int, list[int]]:
    """Recompute the stories' figures; returns the new signatures of those whose representative changed."""
    ids = sorted(set(story_ids))
    changes: list[dict] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        figures = _figures(session, chunk)
        heads = _representatives(session, chunk)
        current = dict(session.execute(select(Story.id, Story.representative_item_id)
                                       .where(Story.id.in_(chunk))).all())
        for story_id in chunk:
            if story_id not in figures:  # every item moved away
                changes.append({"id": story_id, "item_count": 0, "outlet_count": 0, "platforms": {},
                                "sentiments": {}, "topics": [], "places": []})
                continue
            change = figures[story_id]
            item_id, title, lead = heads[story_id]
            change.update(title=snippet(title, lead), representative_item_id=item_id)
            if current.get(story_id) != item_id:
                change["signature"] = signature_values(signature(shingles(opening(title, lead))))
            changes.append(change)
    if changes:
        session.execute(update(Story), changes)
    return {c["id"]: c["signature"] for c in changes if "signature" in c}
