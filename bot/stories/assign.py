"""`assign_stories`: put newly analysed items into stories (sự việc), incrementally, as they arrive.

Items are taken in the order they appeared; each joins the best active story (see `matcher`) or starts a new one.
Items about other provinces (latest analysis says not relevant) get no story; a comment follows the story of the
post or article it answers, and a reply in a forum thread the story of the thread. An item that repeats or rebuts a
registered claim joins the story of that claim, however it is worded: a rumour, its retellings and the official
denial are one event. Already assigned items keep their story, so calling again changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from bot.stories.active import ActiveStories
from bot.stories.features import LEAD_CHARS, ItemFeatures, features
from bot.stories.matcher import WINDOW, StoryIndex
from bot.stories.refresh import refresh_stories
from nlp.similarity import signature_values
from storage.models import Analysis, Item, Story
from storage.queries import is_latest_analysis, item_time

CHUNK = 500


@dataclass
class Assignment:
    """What one call did: item id -> story id for every item placed, and how many stories it started."""

    stories: dict[int, int] = field(default_factory=dict)
    new_stories: int = 0
    skipped: int = 0  # not relevant to the province, a comment on an item without a story, or already placed


def _load(session: Session, item_ids: list[int]) -> list[ItemFeatures]:
    parent = aliased(Item)
    out = []
    for start in range(0, len(item_ids), CHUNK):
        chunk = item_ids[start:start + CHUNK]
        rows = session.execute(
            select(Item.id, item_time(), Item.kind, Item.source_type, Item.platform, Item.title,
                   func.substr(Item.text, 1, LEAD_CHARS), Item.parent_id, parent.story_id, Analysis.relevant,
                   Analysis.topics, Analysis.places, Item.thread, Item.position)
            .outerjoin(parent, parent.id == Item.parent_id)
            .outerjoin(Analysis, is_latest_analysis(Item.id))
            .where(Item.id.in_(chunk), Item.story_id.is_(None)))
        out.extend(features(*row) for row in rows)
    out.sort(key=lambda f: (f.at, f.item_id))
    return out


def _thread_stories(session: Session, items: list[ItemFeatures]) -> dict[str, int]:
    """The story of each forum thread the replies belong to: the story of its earliest placed post."""
    threads = sorted({i.thread for i in items if i.reply})
    found: dict[str, int] = {}
    for start in range(0, len(threads), CHUNK):
        rows = session.execute(select(Item.thread, Item.story_id)
                               .where(Item.thread.in_(threads[start:start + CHUNK]), Item.platform == "forum",
                                      Item.story_id.is_not(None))
                               .order_by(Item.position, Item.id))
        for thread, story_id in rows:
            found.setdefault(thread, story_id)
    return found


def _claim_stories(session: Session, claims: dict[int, int]) -> dict[int, tuple[object, dt.datetime]]:
    """The story of each claim (that of the latest placed item whose latest analysis matched it) and when that
    story last had an item."""
    claim_ids = sorted(set(claims.values()))
    found: dict[int, tuple[object, dt.datetime]] = {}
    for start in range(0, len(claim_ids), CHUNK):
        rows = session.execute(select(Analysis.claim_id, Item.story_id, Story.last_seen).select_from(Item)
                               .join(Analysis, is_latest_analysis(Item.id))
                               .join(Story, Story.id == Item.story_id)
                               .where(Analysis.claim_id.in_(claim_ids[start:start + CHUNK]))
                               .order_by(item_time().desc(), Item.id.desc()))
        for claim_id, story_id, last_seen in rows:
            found.setdefault(claim_id, (story_id, last_seen))
    return found


def _stories_of(session: Session, item_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(item_ids), CHUNK):
        found.update(session.scalars(select(Item.story_id).distinct().where(
            Item.id.in_(item_ids[start:start + CHUNK]), Item.story_id.is_not(None))))
    return found


def assign_stories(session: Session, item_ids: Iterable[int], *, active: ActiveStories | None = None,
                   claims: dict[int, int] | None = None) -> Assignment:
    """Place the given items into stories and bring the figures of their stories up to date, also for items placed
    earlier and analysed again (in the caller's transaction; nothing is committed here). A long-running caller
    passes the same `active` to every call; `claims` maps item ids to the registered claim each matches."""
    ids = sorted(set(item_ids))
    result = Assignment()
    items = _load(session, ids)
    result.skipped = len(ids) - len(items)
    placed: dict[int, object] = {}
    active = active or ActiveStories()
    index = active.sync(session, items[0].at, items[-1].at) if items else None
    threads: dict[str, object] = _thread_stories(session, items)
    claims = claims or {}
    claim_stories = _claim_stories(session, claims) if claims else {}
    for n, item in enumerate(items):
        if item.relevant is False:
            result.skipped += 1
        elif item.kind == "comment":  # a reaction, not a report: it follows what it answers
            parent_story = item.parent_story_id or placed.get(item.parent_id)
            if parent_story is None:
                result.skipped += 1
            else:
                placed[item.item_id] = parent_story
        elif item.reply and item.thread in threads:  # a reply in a forum thread belongs to the thread's story
            placed[item.item_id] = threads[item.thread]
        else:
            claim = claims.get(item.item_id)
            key, last_seen = claim_stories.get(claim, (None, None))
            joined = key is not None and item.at - last_seen <= WINDOW  # as long as any story stays open
            if not joined:
                match = index.match(item)
                if match is None:
                    key = ("new", n)
                    index.start(key, item)
                else:
                    key = match.key
                    index.join(key, item)
            placed[item.item_id] = key
            if item.thread:
                threads.setdefault(item.thread, key)
            if claim is not None:
                claim_stories[claim] = (key, max(item.at, last_seen) if joined else item.at)
    signatures: dict[int, list[int]] = {}
    if placed:
        placed = _store(session, index, placed, result)
        session.execute(update(Item), [{"id": i, "story_id": s} for i, s in placed.items()])
        for item_id, story_id in placed.items():  # bulk updates by key leave loaded objects as they were
            loaded = session.identity_map.get(identity_key(Item, item_id))
            if loaded is not None:
                set_committed_value(loaded, "story_id", story_id)
    earlier = _stories_of(session, [i for i in ids if i not in placed])  # re-analysed: their figures may change
    if placed or earlier:
        signatures = refresh_stories(session, set(placed.values()) | earlier)
    if index is not None:
        active.settle(session, set(placed.values()), signatures)
    result.stories = {i: int(s) for i, s in placed.items()}
    return result


def _store(session: Session, index: StoryIndex, placed: dict[int, object], result: Assignment) -> dict[int, object]:
    """Insert the new stories, save the matching state of the touched ones, and return placements by story id."""
    touched = set(placed.values())
    new_keys = [k for k in touched if isinstance(k, tuple)]
    created = {}
    for key in new_keys:
        story = index.stories[key]
        created[key] = Story(title="", first_seen=story.first_seen, last_seen=story.last_seen,
                             signature=signature_values(story.signature), terms=dict(story.terms),
                             topics=[t for t, _ in story.topics.most_common()],
                             places=[p for p, _ in story.places.most_common()])
    session.add_all(created.values())
    session.flush()
    for key, row in created.items():
        index.rekey(key, row.id)
    result.new_stories = len(created)
    grown = [{"id": k, "terms": dict(index.stories[k].terms)} for k in touched
             if not isinstance(k, tuple) and k in index.stories]
    if grown:
        session.execute(update(Story), grown)
    return {item_id: (created[key].id if isinstance(key, tuple) else key) for item_id, key in placed.items()}
