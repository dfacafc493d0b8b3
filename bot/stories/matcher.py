"""The in-memory index of active stories and the rule that decides whether an item joins one of them.

An item joins the best story within the time window when either
- its opening text is a near-duplicate of the story's representative (estimated character 4-gram Jaccard at least
  NEAR_DUPLICATE: syndicated copies, reposts, lightly edited shares), or
- it shares the story's rare word pairs: idf-weighted cosine against the story's word-pair counts at least
  TOPICAL, TOPICAL_SAME_PLACE when it points to one of the story's places, TOPICAL_OTHER_TOPIC when their topics
  differ, raised for every FRESHNESS the story has been quiet; never when the two point to different places
  (the analysis gives places and topics).
Otherwise it starts a new story."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from datasketch import MinHash

from bot.stories.features import ItemFeatures
from nlp.similarity import SimilarityIndex, TermWeights

NEAR_DUPLICATE = 0.7
TOPICAL = 0.12
TOPICAL_SAME_PLACE = 0.07
TOPICAL_OTHER_TOPIC = 0.45  # both carry topics and none is shared (topic labels are noisy: a higher bar)
WINDOW = dt.timedelta(days=3)
FRESHNESS = dt.timedelta(hours=12)  # the bar rises by its own height every 12 hours the story stays quiet
MAX_TERMS = 200  # word pairs kept per story (the most used)
COMMON_POSTING = 300  # a word pair used by more active stories than this proposes no candidates
SHORT_TEXT = 12  # word pairs: below this a single shared pair makes a story a candidate


@dataclass
class ActiveStory:
    key: Hashable
    first_seen: dt.datetime
    last_seen: dt.datetime
    signature: MinHash = field(repr=False)
    terms: Counter[str] = field(default_factory=Counter, repr=False)
    topics: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    size: int = 1  # items whose word pairs are counted in `terms`
    norm: float = 0.0

    def covers(self, at: dt.datetime, window: dt.timedelta) -> bool:
        return self.first_seen - window <= at <= self.last_seen + window


def required_cosine(item: ItemFeatures, story: ActiveStory) -> float:
    """How much topical similarity joining takes: less when the item points to a place the story is about, more
    when their topics differ, more again the longer the story has been quiet; never across different places."""
    if item.places and story.places and not item.places & story.places.keys():
        return math.inf  # an event happens somewhere: reports about different places are different events
    if item.topics and story.topics and not item.topics & story.topics.keys():
        base = TOPICAL_OTHER_TOPIC
    elif item.places and story.places:
        base = TOPICAL_SAME_PLACE
    else:
        base = TOPICAL
    gap = max(item.at - story.last_seen, story.first_seen - item.at, dt.timedelta(0))
    return base * (1 + gap / FRESHNESS)


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float
    jaccard: float
    cosine: float


class StoryIndex:
    """Active stories by near-duplicate signature (LSH) and by word pair (postings), with word-pair document
    frequencies over the background corpus plus every item of the active stories: a phrase many reports use
    (boilerplate of police press releases, say) weighs little however the reports are grouped."""

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
        story.terms.update(item.terms)
        story.size += 1
        self.weights.add_counts(dict.fromkeys(item.terms, 1), 1)
        for term in item.terms:
            self._postings[term].add(key)
        if len(story.terms) > MAX_TERMS:
            for term, n in story.terms.most_common()[MAX_TERMS:]:
                del story.terms[term]
                self.weights.remove_counts({term: n}, 0)
                self._drop_posting(term, key)
        story.topics.update(item.topics)
        story.places.update(item.places)
        story.first_seen, story.last_seen = min(story.first_seen, item.at), max(story.last_seen, item.at)
        story.norm = self.weights.norm(story.terms)
        return story

    def resign(self, key: Hashable, signature: MinHash) -> None:
        """Replace a story's near-duplicate signature (its representative changed)."""
        story = self.stories[key]
        story.signature = signature
        self._lsh.add(key, signature)

    def discard(self, key: Hashable) -> None:
        story = self.stories.pop(key, None)
        if story is not None:
            self._unindex_terms(story)
            self._lsh.remove(key)

    def rekey(self, old: Hashable, new: Hashable) -> None:
        story = self.stories.pop(old)
        self._unindex_terms(story)
        self._lsh.remove(old)
        story.key = new
        self.add(story)

    def match(self, item: ItemFeatures) -> Match | None:
        near = set(self._lsh.candidates(item.signature))
        best: Match | None = None
        weighed = None
        for key in sorted(near | self._sharing(item), key=str):
            story = self.stories[key]
            if not story.covers(item.at, self.window):
                continue
            jaccard = item.signature.jaccard(story.signature) if key in near else 0.0
            if jaccard >= NEAR_DUPLICATE:
                candidate = Match(key, 1.0 + jaccard, jaccard, 0.0)
            else:
                required = required_cosine(item, story)
                if required == math.inf:
                    continue
                weighed = weighed or self.weights.weigh(item.terms)
                cosine = self.weights.cosine(weighed, story.terms, story.norm)
                if cosine < required:
                    continue
                candidate = Match(key, cosine, jaccard, cosine)
            if best is None or candidate.score > best.score:
                best = candidate
        return best

    def _sharing(self, item: ItemFeatures) -> set[Hashable]:
        """Stories sharing word pairs with the item: at least two, or one when the item is short (a one-line post
        can only share a phrase or two)."""
        hits: Counter[Hashable] = Counter()
        for term in item.terms:
            posting = self._postings.get(term)
            if posting and len(posting) <= COMMON_POSTING:
                hits.update(posting)
        least = 1 if len(item.terms) < SHORT_TEXT else 2
        return {key for key, n in hits.items() if n >= least}

    def _index_terms(self, story: ActiveStory) -> None:
        self.weights.add_counts(story.terms, story.size)
        for term in story.terms:
            self._postings[term].add(story.key)
        story.norm = self.weights.norm(story.terms)

    def _unindex_terms(self, story: ActiveStory) -> None:
        self.weights.remove_counts(story.terms, story.size)
        for term in story.terms:
            self._drop_posting(term, story.key)

    def _drop_posting(self, term: str, key: Hashable) -> None:
        posting = self._postings.get(term)
        if posting is not None:
            posting.discard(key)
            if not posting:
                del self._postings[term]

