"""Matching new items against the registry of checked claims (pure: no storage, no network).

A claim is usually one or two sentences; an item may quote it inside a long post, paraphrase it, or drop the
diacritics. The item is cut into windows of one and two consecutive sentences (and the whole text when short);
each window's MinHash signature is looked up in an LSH index over the claims, so the work per item does not grow
with the registry, and every candidate is then scored exactly: the cosine (Ochiai) overlap of the character
4-gram sets of the claim and the best window. A score at or above `match_threshold` is a match, at or above
`suggest_threshold` a suggestion for a reviewer; claims dated further than `window_days` from the item are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from nlp.normalize import plain
from nlp.similarity import NUM_PERM, SHINGLE, SimilarityIndex, cosine, shingles, signature

MATCH = "match"
SUGGEST = "suggest"
MAX_SENTENCES = 80  # windows per item; a rumour is quoted early in a post or an article
SHORT_TEXT = 400  # texts up to this length are also compared as a whole
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\n+")


@dataclass(frozen=True)
class ClaimMatch:
    """A registered claim an item repeats: `level` is "match" or "suggest"."""

    claim_id: Hashable
    similarity: float
    level: str


def _grams(text: str) -> set[str]:
    return shingles(text, punctuation=False)


def _plain_grams(folded: str) -> set[str]:
    """Shingles of text already passed through `plain` (what the index keeps of each claim), without folding it
    again: the same set as `_grams` of the original text."""
    if len(folded) <= SHINGLE:
        return {folded} if folded else set()
    return {folded[i:i + SHINGLE] for i in range(len(folded) - SHINGLE + 1)}


def best_window(claim_grams: set[str], parts: list[set[str]], whole: set[str], floor: float) -> float:
    """The claim's best cosine over the windows, or 0 as soon as it is clear none can reach `floor`: no window
    shares more with the claim than the whole item does, which bounds each window's cosine from above."""
    shared = len(claim_grams & whole)
    size = len(claim_grams)
    best = 0.0
    for grams in parts:
        if min(shared, len(grams)) / (size * len(grams)) ** 0.5 < max(floor, best):
            continue
        best = max(best, cosine(claim_grams, grams))
    return best


def windows(text: str) -> list[str]:
    """The parts of `text` compared with claims: each sentence, each pair of neighbouring sentences, and the
    whole text when it is short."""
    sentences = [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if len(plain(s)) >= 12]
    sentences = sentences[:MAX_SENTENCES]
    found = list(sentences)
    found += [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
    if len(text) <= SHORT_TEXT or not sentences:
        found.append(text)
    return list(dict.fromkeys(w for w in found if w.strip()))


def candidate_threshold(suggest_threshold: float) -> float:
    """The LSH (Jaccard) threshold that keeps every window whose cosine with a claim may reach the suggestion
    threshold, even when the window is twice as long as the claim. Jaccard of two equal-size sets with cosine c is
    c / (2 - c); the factor leaves room for unequal sizes and MinHash error."""
    return max(0.1, suggest_threshold / (2 - suggest_threshold) * 0.65)


class ClaimMatcher:
    """An index of claims answering "which checked claims does this text repeat, and how closely?"."""

    def __init__(self, suggest_threshold: float = 0.55, match_threshold: float = 0.8, window_days: int = 365,
                 num_perm: int = NUM_PERM):
        if not 0 < suggest_threshold <= match_threshold <= 1:
            raise ValueError("need 0 < suggest_threshold <= match_threshold <= 1")
        self.suggest_threshold = suggest_threshold
        self.match_threshold = match_threshold
        self.window = dt.timedelta(days=window_days)
        self.num_perm = num_perm
        self._index = SimilarityIndex(threshold=candidate_threshold(suggest_threshold), num_perm=num_perm)
        self._claims: dict[Hashable, tuple[str, dt.date | None]] = {}  # id -> (plain text, date)

    def __len__(self) -> int:
        return len(self._claims)

    def __contains__(self, claim_id: Hashable) -> bool:
        return claim_id in self._claims

    def add(self, claim_id: Hashable, text: str, claim_date: dt.date | None = None) -> None:
        """Index a claim (again, if the id is already there)."""
        grams = _grams(text)
        if not grams:
            raise ValueError(f"claim {claim_id!r} has no text to match")
        self._index.add(claim_id, signature(grams, self.num_perm))
        self._claims[claim_id] = (plain(text), claim_date)

    def add_many(self, claims: Iterable[tuple[Hashable, str, dt.date | None]]) -> None:
        for claim_id, text, claim_date in claims:
            self.add(claim_id, text, claim_date)

    def remove(self, claim_id: Hashable) -> None:
        self._index.remove(claim_id)
        self._claims.pop(claim_id, None)

    def _in_window(self, claim_date: dt.date | None, at: dt.date | None) -> bool:
        return claim_date is None or at is None or abs(at - claim_date) <= self.window

    def match(self, text: str, at: dt.datetime | dt.date | None = None, limit: int = 5) -> list[ClaimMatch]:
        """Claims that `text` repeats, best first: at most `limit`, each at or above the suggestion threshold and
        dated within the window of `at` (the item's publication time; no date means no time limit)."""
        day = at.date() if isinstance(at, dt.datetime) else at
        parts = [g for g in (_grams(w) for w in windows(text)) if g]
        whole = set().union(*parts)
        candidates: set[Hashable] = set()
        for grams in parts:
            candidates.update(self._index.candidates(signature(grams, self.num_perm)))
        found = []
        for claim_id in candidates:
            folded, claim_date = self._claims[claim_id]
            if not self._in_window(claim_date, day):
                continue
            best = best_window(_plain_grams(folded), parts, whole, self.suggest_threshold)
            if best >= self.suggest_threshold:
                level = MATCH if best >= self.match_threshold else SUGGEST
                found.append(ClaimMatch(claim_id, round(best, 4), level))
        found.sort(key=lambda m: (-m.similarity, str(m.claim_id)))
        return found[:limit]


def brute_force_match(claims: dict[Hashable, str], text: str, threshold: float) -> list[tuple[Hashable, float]]:
    """Every claim compared with every window, no index: the reference the benchmark and tests measure against."""
    parts = [g for g in (_grams(w) for w in windows(text)) if g]
    found = []
    for claim_id, claim_text in claims.items():
        claim_grams = _grams(claim_text)
        best = max((cosine(claim_grams, grams) for grams in parts), default=0.0)
        if best >= threshold:
            found.append((claim_id, round(best, 4)))
    return sorted(found, key=lambda m: -m[1])
