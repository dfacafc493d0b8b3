"""The in-memory index of active stories and the rule that decides whether an item joins one of them.

An item joins the best story within the time window when either
- its opening text is a near-duplicate of the story's representative (estimated character 4-gram Jaccard at least
  NEAR_DUPLICATE: syndicated copies, reposts, lightly edited shares), or
- it shares the story's rare word pairs: idf-weighted cosine against the story's word-pair counts at least
  TOPICAL, TOPICAL_SAME_PLACE when it points to one of the story's places, TOPICAL_ELSEWHERE when the two point
  to different places or carry different topics (the analysis gives places and topics).
Otherwise it starts a new story."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from datasketch import MinHash

from bot.stories.features import ItemFeatures
from nlp.similarity import SimilarityIndex, TermWeights

NEAR_DUPLICATE = 0.5
TOPICAL = 0.12
TOPICAL_SAME_PLACE = 0.07
TOPICAL_ELSEWHERE = 0.25  # both name places (or both carry topics) and none is shared
WINDOW = dt.timedelta(days=3)
MAX_TERMS = 200  # word pairs kept per story (the most used)
COMMON_POSTING = 300  # a word pair used by more active stories than this proposes no candidates


@dataclass
class ActiveStory:
    key: Hashable
    first_seen: dt.datetime
    last_seen: dt.datetime
    signature: MinHash = field(repr=False)
    terms: Counter[str] = field(default_factory=Counter, repr=False)
    topics: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    norm: float = 0.0

    def covers(self, at: dt.datetime, window: dt.timedelta) -> bool:
        return self.first_seen - window <= at <= self.last_seen + window


def required_cosine(item: ItemFeatures, story: ActiveStory) -> float:
    """How much topical similarity joining takes: less when the item points to a place the story is about,
    more when the two are about different places or different topics."""
    if item.topics and story.topics and not item.topics & story.topics.keys():
        return TOPICAL_ELSEWHERE
    if item.places and story.places:
        return TOPICAL_SAME_PLACE if item.places & story.places.keys() else TOPICAL_ELSEWHERE
    return TOPICAL


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float
    jaccard: float
    cosine: float


class StoryIndex:
    """Active stories by near-duplicate signature (LSH) and by word pair (postings), with word-pair document
    frequencies over the background corpus plus the active stories themselves."""

    def __init__(self, background: TermWeights, window: dt.timedelta = WINDOW):
        self.window = window
        self.weights = background.copy()
        self.stories: dict[Hashable, ActiveStory] = {}
        self._lsh = SimilarityIndex(threshold=NEAR_DUPLICATE)
        self._postings: defaultdict[str, set[Hashable]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self.stories)

    def add(self, story: ActiveStory) -> None:
        self.stories[story.key] = story
        self._lsh.add(story.key, story.signature)
        self._index_terms(story)

    def start(self, key: Hashable, item: ItemFeatures) -> ActiveStory:
        story = ActiveStory(key=key, first_seen=item.at, last_seen=item.at, signature=item.signature,
                            terms=Counter(item.terms), topics=Counter(item.topics), places=Counter(item.places))
        self.add(story)
        return story

    def join(self, key: Hashable, item: ItemFeatures) -> ActiveStory:
        story = self.stories[key]
        self._unindex_terms(story)
        story.terms.update(item.terms)
        if len(story.terms) > MAX_TERMS:
            story.terms = Counter(dict(story.terms.most_common(MAX_TERMS)))
        story.topics.update(item.topics)
        story.places.update(item.places)
        story.first_seen, story.last_seen = min(story.first_seen, item.at), max(story.last_seen, item.at)
        self._index_terms(story)
        return story

    def resign(self, key: Hashable, signature: MinHash) -> None:
        """Replace a story's near-duplicate signature (its representative changed)."""
        story = self.stories[key]
        story.signature = signature
        self._lsh.add(key, signature)

    def rekey(self, old: Hashable, new: Hashable) -> None:
        story = self.stories.pop(old)
        self._unindex_terms(story)
        self._lsh.remove(old)
        story.key = new
        self.add(story)

    def match(self, item: ItemFeatures) -> Match | None:
        best: Match | None = None
        for key in sorted(self._candidates(item), key=str):
            story = self.stories[key]
            if not story.covers(item.at, self.window):
                continue
            jaccard = item.signature.jaccard(story.signature)
            if jaccard >= NEAR_DUPLICATE:
                candidate = Match(key, 1.0 + jaccard, jaccard, 0.0)
            else:
                cosine = self.weights.cosine(item.terms, story.terms, story.norm)
                if cosine < required_cosine(item, story):
                    continue
                candidate = Match(key, cosine, jaccard, cosine)
            if best is None or candidate.score > best.score:
                best = candidate
        return best

    def _candidates(self, item: ItemFeatures) -> set[Hashable]:
        found = set(self._lsh.candidates(item.signature))
        for term in item.terms:
            posting = self._postings.get(term)
            if posting and len(posting) <= COMMON_POSTING:
                found |= posting
        return found

    def _index_terms(self, story: ActiveStory) -> None:
        self.weights.add(story.terms)
        for term in story.terms:
            self._postings[term].add(story.key)
        story.norm = self.weights.norm(story.terms)

    def _unindex_terms(self, story: ActiveStory) -> None:
        self.weights.remove(story.terms)
        for term in story.terms:
            posting = self._postings.get(term)
            if posting is not None:
                posting.discard(story.key)
                if not posting:
                    del self._postings[term]

