"""Word-level similarity of texts and checked claims, for rumours retold in other words.

A retold rumour keeps the claim's distinctive words (place names, "vỡ đập", "phóng xạ") in another order, with
other filler words, often without diacritics, so character runs barely overlap while the words do. Each text is
reduced to the set of its syllables folded without diacritics, everyday variants written one way ("chích" →
"tiêm", "KCN" → "khu công nghiệp"); a syllable weighs its inverse document frequency over the project's corpus
of provincial press and social texts, so "người", "ở" and "Khánh Hòa" count little and "Đá Bàn", "phóng xạ" much.
The similarity is the TF-IDF cosine of the two sets (binary term frequencies).

`WordIndex` finds, without comparing every claim, the claims some window of a text may retell: an inverted index
from the less common syllables to the claims that use them, summed over the whole text in one numpy pass."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable
from functools import lru_cache

import numpy as np

from nlp.dataset import corpus
from nlp.normalize import plain

COMMON_SHARE = 0.05  # syllables in more than this share of the corpus texts are not indexed (still weighed)
# Everyday variants of the same words, folded without diacritics, written one way: regional words ("chích" for
# "tiêm", "lợn" for "heo"), colloquial verbs ("cúp điện"), and abbreviations people type (KCN, CSGT, SXH, ko, mn).
# Only forms that stay unambiguous without diacritics ("lợn" alone would also be "lớn").
VARIANTS = {
    "di tan": "so tan", "ha luu": "ha du", "cup dien": "cat dien", "ngat dien": "cat dien", "chich": "tiem",
    "vaccine": "vac xin", "vacxin": "vac xin", "sxh": "sot xuat huyet", "thit lon": "thit heo", "ta lon": "ta heo",
    "fb": "facebook", "kcn": "khu cong nghiep", "csgt": "canh sat giao thong", "ubnd": "uy ban nhan dan",
    "tp": "thanh pho", "ldpt": "lao dong pho thong", "sdt": "so dien thoai", "ko": "khong", "hok": "khong",
    "khum": "khong", "mn": "moi nguoi", "mng": "moi nguoi", "dc": "duoc",
}
_VARIANT = re.compile(r"\b(" + "|".join(sorted(map(re.escape, VARIANTS), key=len, reverse=True)) + r")\b")


class SyllableWeights:
    """Squared inverse document frequency of each syllable over a background collection of texts."""

    def __init__(self, texts: Iterable[str]):
        counts: dict[str, int] = {}
        documents = 0
        for text in texts:
            documents += 1
            for word in set(words(plain(text))):
                counts[word] = counts.get(word, 0) + 1
        self.squared = {w: math.log((documents + 1) / (n + 1)) ** 2 for w, n in counts.items()}
        self.unseen = math.log(documents + 1) ** 2
        self.common_below = math.log(1 / COMMON_SHARE) ** 2  # squared weights under this: common syllables

    def weigh(self, syllables: Iterable[str]) -> dict[str, float]:
        return {w: self.squared.get(w, self.unseen) for w in syllables}


@lru_cache(maxsize=1)
def corpus_weights() -> SyllableWeights:
    """Syllable weights over the project's own corpus (nlp/corpus), computed once per process."""
    return SyllableWeights(row["text"] for row in corpus())


def words(folded: str) -> list[str]:
    """The syllables of text already passed through `plain`, variants written one way."""
    return _VARIANT.sub(lambda m: VARIANTS[m.group(1)], folded).split()


def norm(weighed: dict[str, float]) -> float:
    return math.sqrt(sum(weighed.values()))


class WordIndex:
    """Claims as weighted syllable sets, with an inverted index over their less common syllables.

    A window of a text counts as retelling a claim only when it carries at least COVERAGE of the claim's weight,
    at least MIN_SHARED of its less common syllables, and the shared syllables make at least WINDOW_COVERAGE of
    the window's own weight: two place names and a verb shared with a claim are a post on the same subject, and a
    long sentence that happens to use the claim's words is about something else. Its score is then the TF-IDF
    cosine. The three floors were chosen on the dev split of tests/misinfo/fixtures/claim_pairs.yaml against
    100,000 generated distractor claims (bench/claims_bench.py's, with other unrelated texts than it measures)."""

    COVERAGE = 0.55
    WINDOW_COVERAGE = 0.5
    MIN_SHARED = 4
    MAX_CANDIDATES = 30  # per text, the claims most covered by the text's syllables

    def __init__(self, floor: float, weights: SyllableWeights | None = None):
        self.floor = floor
        self.weights = weights or corpus_weights()
        self._keys: list[Hashable | None] = []  # row -> claim id, None once removed
        self._rows: dict[Hashable, int] = {}
        self._claims: list[tuple[dict[str, float], float]] = []  # row -> (weighed syllables, norm)
        self._need: list[float] = []  # row -> indexed weight a text must share to reach the floor and the coverage
        self._indexed: list[float] = []  # row -> the claim's weight in indexed (less common) syllables
        self._postings: dict[str, list[int]] = {}
        self._arrays: dict[str, np.ndarray] = {}
        self._arrays_of_rows: tuple[np.ndarray, np.ndarray] | None = None  # need, indexed

    def add(self, key: Hashable, folded: str) -> None:
        """Index a claim by its text already passed through `plain` (again, if the key is already there)."""
        self.remove(key)
        weighed = self.weights.weigh(words(folded))
        row = len(self._keys)
        self._keys.append(key)
        self._rows[key] = row
        claim_norm = norm(weighed)
        self._claims.append((weighed, claim_norm))
        common = sum(w for w in weighed.values() if w < self.weights.common_below)
        # A window's cosine is at most the square root of its shared weight over the claim's norm, and it shares
        # no more than the whole text; the common syllables the index leaves out are counted as if shared.
        self._need.append(max(self.floor ** 2, self.COVERAGE) * claim_norm ** 2 - common)
        self._indexed.append(max(claim_norm ** 2 - common, 1e-9))
        for word, weight in weighed.items():
            if weight >= self.weights.common_below:
                self._postings.setdefault(word, []).append(row)
                self._arrays.pop(word, None)
        self._arrays_of_rows = None

    def remove(self, key: Hashable) -> None:
        row = self._rows.pop(key, None)
        if row is not None:
            self._keys[row] = None
            self._need[row] = math.inf
            self._arrays_of_rows = None

    def score(self, key: Hashable, parts: list[tuple[set[str], float]]) -> float:
        """The claim's best cosine over the windows (syllable set, norm) that retell it, 0 if none reaches the
        floor. A window whose norm is far from the claim's is skipped: the cosine is at most the ratio of the
        smaller norm to the larger."""
        claim, claim_norm = self._claims[self._rows[key]]
        best = 0.0
        for found, part_norm in parts:
            if not part_norm or min(claim_norm, part_norm) / max(claim_norm, part_norm) < max(self.floor, best):
                continue
            shared = [(word, weight) for word, weight in claim.items() if word in found]
            weight = sum(w for _, w in shared)
            if (weight >= self.COVERAGE * claim_norm ** 2 and weight >= self.WINDOW_COVERAGE * part_norm ** 2
                    and sum(w >= self.weights.common_below for _, w in shared) >= self.MIN_SHARED):
                best = max(best, weight / (claim_norm * part_norm))
        return best

    def _posting(self, word: str) -> np.ndarray:
        array = self._arrays.get(word)
        if array is None:
            array = self._arrays[word] = np.asarray(self._postings[word], dtype=np.int64)
        return array

    def candidates(self, found: Iterable[str]) -> list[Hashable]:
        """The claims that some window of a text using the syllables `found` may retell: sharing at least
        MIN_SHARED indexed syllables and enough weight with the whole text. Of those, the MAX_CANDIDATES whose
        indexed weight the text covers most (only long articles have more)."""
        present = [w for w in set(found) if w in self._postings]
        if not present:
            return []
        if self._arrays_of_rows is None:
            self._arrays_of_rows = (np.asarray(self._need), np.asarray(self._indexed))
        need, indexed = self._arrays_of_rows
        arrays = [self._posting(w) for w in present]
        rows = np.concatenate(arrays)
        size = len(self._keys)
        hits = np.bincount(rows, minlength=size)
        shared = np.bincount(rows, weights=np.repeat([self.weights.squared.get(w, self.weights.unseen)
                                                      for w in present], [len(a) for a in arrays]), minlength=size)
        eligible = np.flatnonzero((hits >= self.MIN_SHARED) & (shared >= need))
        if len(eligible) > self.MAX_CANDIDATES:
            covered = shared[eligible] / indexed[eligible]
            eligible = eligible[np.argpartition(-covered, self.MAX_CANDIDATES)[:self.MAX_CANDIDATES]]
        return [self._keys[row] for row in eligible]
