"""The active stories (those within the time window of the items being placed), kept in memory between calls.

A long-running analysis loop keeps one `ActiveStories` and passes it to every `assign_stories` call: each call then
re-reads only the stories whose item count or last report changed since (another process may have added items, or
the caller's transaction may have been rolled back), instead of rebuilding the whole index."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.stories.features import background_weights
from bot.stories.matcher import WINDOW, ActiveStory, StoryIndex
from nlp.similarity import from_values
from storage.models import Story

CHUNK = 500


class ActiveStories:
    def __init__(self, window: dt.timedelta = WINDOW):
        self.window = window
        self._reset()

    def _reset(self) -> None:
        self.index = StoryIndex(background_weights(), self.window)
        self._state: dict[int, tuple] = {}  # story id -> (last_seen, item_count) as stored
        self._settled = True

    def sync(self, session: Session, start: dt.datetime, end: dt.datetime) -> StoryIndex:
        """Bring the index up to date for items that appeared between `start` and `end`; the caller then changes
        it and calls `settle` (a call that failed in between leaves the index to be rebuilt next time)."""
        if not self._settled:
            self._reset()
        self._settled = False
        current = {story_id: (last_seen, count) for story_id, last_seen, count in session.execute(
            select(Story.id, Story.last_seen, Story.item_count)
            .where(Story.last_seen >= start - self.window, Story.first_seen <= end + self.window))}
        for key in [k for k in self.index.stories if k not in current]:
            self.index.discard(key)
            self._state.pop(key, None)
        changed = sorted(k for k, state in current.items() if self._state.get(k) != state)
        for offset in range(0, len(changed), CHUNK):
            self._read(session, changed[offset:offset + CHUNK])
        self._state.update((k, current[k]) for k in changed)
        return self.index

    def settle(self, session: Session, story_ids: Iterable[int], signatures: dict[int, list[int]]) -> None:
        """Record how the touched stories now stand in the database, and the new signatures of those whose
        representative changed. If the caller's transaction is rolled back, the stored state will differ from the
        recorded one and the next sync reads those stories again."""
        ids = sorted(set(story_ids))
        for offset in range(0, len(ids), CHUNK):
            for story_id, last_seen, count in session.execute(
                    select(Story.id, Story.last_seen, Story.item_count)
                    .where(Story.id.in_(ids[offset:offset + CHUNK]))):
                self._state[story_id] = (last_seen, count)
        for story_id, values in signatures.items():
            if story_id in self.index.stories:
                self.index.resign(story_id, from_values(values))
        self._settled = True

    def _read(self, session: Session, story_ids: list[int]) -> None:
        rows = session.execute(
            select(Story.id, Story.first_seen, Story.last_seen, Story.signature, Story.terms, Story.topics,
                   Story.places, Story.item_count).where(Story.id.in_(story_ids)))
        for story_id, first_seen, last_seen, values, terms, topics, places, size in rows:
            self.index.discard(story_id)
            if values:
                self.index.add(ActiveStory(key=story_id, first_seen=first_seen, last_seen=last_seen,
                                           signature=from_values(values), terms=Counter(terms or {}),
                                           topics=Counter(topics or []), places=Counter(places or []),
                                           size=max(1, size)))
