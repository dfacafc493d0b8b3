"""The in-memory index of active stories and the rule that decides whether an item joins one of them.

An item joins the best story within the time window when either
- its opening text is a near-duplicate of the story's representative (estimated character 4-gram Jaccard at least
  NEAR_DUPLICATE: syndicated copies, reposts, lightly edited shares), or
- it shares the story's rare word pairs: idf-weighted cosine against the story's word-pair counts at least
  TOPICAL, TOPICAL_SAME_PLACE when it points to one of the story's places, TOPICAL_OTHER_TOPIC when their topics
  differ, raised for every FRESHNESS the story has been quiet; never when the two point to different places
  (the analysis gives places and topics). Word pairs are weighed by how many active stories (not items) use them,
  so a commune's name or a topic's stock phrase, used by many events of a busy week, weighs little.
- The bar is NAMED times lower, and rises only every NAMED_FRESHNESS, when the two share distinctive word pairs
  (used by at most DISTINCT_STORIES active stories and rare in the background corpus), one of them inside a proper
  name: different outlets word one event differently but name the same reservoir, pass or project.
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
TOPICAL = 0.3
TOPICAL_SAME_PLACE = 0.25
TOPICAL_OTHER_TOPIC = 0.6  # both carry topics and none is shared (topic labels are noisy: a higher bar)
NAMED = 0.2  # the bars are this much lower when the two share a distinctive name and another distinctive word pair
DISTINCT_STORIES = 2  # a distinctive word pair is used by at most this many active stories...
DISTINCT_DF = 30  # ...and by at most this many texts of the background corpus and active stories together
WINDOW = dt.timedelta(days=3)
FRESHNESS = dt.timedelta(hours=12)  # the bar rises by its own height every 12 hours the story stays quiet
NAMED_FRESHNESS = dt.timedelta(hours=48)  # ...or every 48 hours when the two share a distinctive name
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


def required_cosine(item: ItemFeatures, story: ActiveStory, named: bool = False) -> float:
    """How much topical similarity joining takes: less when the item points to a place the story is about, more
    when their topics differ, more again the longer the story has been quiet; never across different places. With
    `named` (the two share a distinctive name) the bar is lower and rises more slowly: a story about one named
    thing, a reservoir or a pass, goes on for days."""
    if item.places and story.places and not item.places & story.places.keys():
        return math.inf  # an event happens somewhere: reports about different places are different events
    if item.topics and story.topics and not item.topics & story.topics.keys():
        base = TOPICAL_OTHER_TOPIC
    elif item.places and story.places:
        base = TOPICAL_SAME_PLACE
    else:
        base = TOPICAL
    gap = max(item.at - story.last_seen, story.first_seen - item.at, dt.timedelta(0))
    if named:
        return base * NAMED * (1 + gap / NAMED_FRESHNESS)
    return base * (1 + gap / FRESHNESS)


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float
    jaccard: float
    cosine: float


class StoryIndex:
    """Active stories by near-duplicate signature (LSH) and by word pair (postings), with word-pair document
    frequencies over the background corpus plus the active stories, each counted once: a phrase many stories use
    (boilerplate of police press releases, a busy commune's name) weighs little, while the name a big story's many
    reports repeat stays distinctive."""

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
        fresh = dict.fromkeys(item.terms - story.terms.keys(), 1)
        story.terms.update(item.terms)
        story.size += 1
        self.weights.add_counts(fresh, 0)
        for term in fresh:
            self._postings[term].add(key)
        if len(story.terms) > MAX_TERMS:
            for term, _ in story.terms.most_common()[MAX_TERMS:]:
                del story.terms[term]
                self.weights.remove_counts({term: 1}, 0)
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
        distinct = self._distinctive(item)
        for key in sorted(near | self._sharing(item), key=str):
            story = self.stories[key]
            if not story.covers(item.at, self.window):
                continue
            jaccard = item.signature.jaccard(story.signature) if key in near else 0.0
            if jaccard >= NEAR_DUPLICATE:
                candidate = Match(key, 1.0 + jaccard, jaccard, 0.0)
            else:
                shared = distinct & story.terms.keys()
                required = required_cosine(item, story, len(shared) > 1 and not item.names.isdisjoint(shared))
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

    def _distinctive(self, item: ItemFeatures) -> set[str]:
        """The item's word pairs that few active stories and few background texts use. Shared with a story, and one
        of them inside a proper name (a reservoir, a mountain pass, a project), they are evidence of one event that
        a commune's or a topic's stock words, shared by many stories of a crowded week, are not."""
        rare = math.log((self.weights.documents + 1) / (DISTINCT_DF + 1))
        return {t for t in item.terms
                if 0 < len(self._postings.get(t, ())) <= DISTINCT_STORIES and self.weights.idf(t) >= rare}

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
        self.weights.add_counts(dict.fromkeys(story.terms, 1), 1)
        for term in story.terms:
            self._postings[term].add(story.key)
        story.norm = self.weights.norm(story.terms)

    def _unindex_terms(self, story: ActiveStory) -> None:
        self.weights.remove_counts(dict.fromkeys(story.terms, 1), 1)
        for term in story.terms:
            self._drop_posting(term, story.key)

    def _drop_posting(self, term: str, key: Hashable) -> None:
        posting = self._postings.get(term)
        if posting is not None:
            posting.discard(key)
            if not posting:
                del self._postings[term]

