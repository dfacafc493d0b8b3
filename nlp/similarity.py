"""Near-duplicate and paraphrase similarity: character n-gram shingles, MinHash signatures and an LSH index.

Used to match items against debunked claims and to group items into stories; pure, no storage."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from nlp.normalize import fold, plain, strip_diacritics

NUM_PERM = 128
SHINGLE = 4


def shingles(text: str, size: int = SHINGLE, *, punctuation: bool = True) -> set[str]:
    """Character n-grams of the folded text without diacritics, so spelling variants still overlap; with
    `punctuation=False` punctuation is ignored too, so "!!!" and quoting marks do not change the overlap."""
    folded = strip_diacritics(fold(text)) if punctuation else plain(text)
    if len(folded) <= size:
        return {folded} if folded else set()
    return {folded[i:i + size] for i in range(len(folded) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(small: set[str], large: set[str]) -> float:
    """Share of `small`'s shingles found in `large`: a short claim quoted inside a long post scores high."""
    if not small:
        return 0.0
    return len(small & large) / len(small)


def cosine(a: set[str], b: set[str]) -> float:
    """Overlap of two shingle sets relative to both sizes (Ochiai): 1 for the same text, tolerant of a window
    somewhat longer or shorter than the text it is compared with."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """MinHash permutations are the same for every signature (seed 1): made once, not for each text."""
    return MinHash(num_perm=num_perm).permutations


def signature(grams: Iterable[str], num_perm: int = NUM_PERM) -> MinHash:
    minhash = MinHash(num_perm=num_perm, permutations=_permutations(num_perm))
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return minhash


def signature_values(minhash: MinHash) -> list[int]:
    """The signature as plain integers (to store in a JSON column)."""
    return [int(v) for v in minhash.hashvalues]


def from_values(values: list[int]) -> MinHash:
    return MinHash(num_perm=len(values), hashvalues=np.asarray(values, dtype=np.uint64))


class SimilarityIndex:
    """An LSH index over MinHash signatures: candidates above roughly `threshold` Jaccard, in sublinear time."""

    def __init__(self, threshold: float = 0.5, num_perm: int = NUM_PERM):
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._keys: set[Hashable] = set()

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._keys

    def add(self, key: Hashable, minhash: MinHash) -> None:
        if key in self._keys:
            self._lsh.remove(key)
        self._lsh.insert(key, minhash)
        self._keys.add(key)

    def remove(self, key: Hashable) -> None:
        if key in self._keys:
            self._lsh.remove(key)
            self._keys.discard(key)

    def candidates(self, minhash: MinHash) -> list[Hashable]:
        return list(self._lsh.query(minhash))


# Topical similarity: reports of one event by different outlets share few character runs but the same rare
# word pairs ("đèo Khánh Lê", "sạt lở"); weighting the pairs by inverse document frequency keeps the province's
# own name and everyday phrases from pulling unrelated reports together.

_WORD = re.compile(r"[a-z0-9]+")
_PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”'‘’…|/\\–—-]+|\s-\s")


def word_pairs(text: str) -> set[str]:
    """Adjacent-syllable pairs within each phrase of the folded text without diacritics
    ("Đèo Khánh Lê, Nha Trang" → {"deo khanh", "khanh le", "nha trang"}); pairs never span punctuation."""
    pairs: set[str] = set()
    for phrase in _PHRASE_BREAK.split(strip_diacritics(fold(text))):
        words = _WORD.findall(phrase)
        pairs.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return pairs


class TermWeights:
    """Document frequencies of terms over a background collection plus whatever is added later (single texts or
    groups of texts with per-term counts); `idf` weights a term by how rare it is, so shared rare terms count and
    shared common ones barely do."""

    def __init__(self) -> None:
        self.documents = 0
        self._df: Counter[str] = Counter()

    def copy(self) -> "TermWeights":
        twin = TermWeights()
        twin.documents, twin._df = self.documents, Counter(self._df)
        return twin

    def add(self, terms: Iterable[str]) -> None:
        """Count one more document using `terms`."""
        self.documents += 1
        self._df.update(set(terms))

    def add_counts(self, counts: Mapping[str, int], documents: int) -> None:
        """Count `documents` more documents, of which counts[term] use each term (e.g. a group of texts)."""
        self.documents += documents
        self._df.update(counts)

    def remove_counts(self, counts: Mapping[str, int], documents: int) -> None:
        self.documents = max(0, self.documents - documents)
        self._df.subtract(counts)

    def idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (max(0, self._df.get(term, 0)) + 1)) + 1e-6

    def weigh(self, terms: Iterable[str]) -> dict[str, float]:
        """A text's vector: the squared idf of each of its terms (compute once, compare with many centroids)."""
        return {t: self.idf(t) ** 2 for t in set(terms)}

    def cosine(self, weighed: Mapping[str, float], centroid: Mapping[str, float],
               centroid_norm: float | None = None) -> float:
        """Cosine between a text's binary term vector (as `weigh` gives it) and a weighted centroid (term -> how
        many of its texts use it), both scaled by idf."""
        dot = sum(w * centroid[t] for t, w in weighed.items() if t in centroid)
        if dot == 0.0:
            return 0.0
        norm_text = math.sqrt(sum(weighed.values()))
        if centroid_norm is None:
            centroid_norm = self.norm(centroid)
        return dot / (norm_text * centroid_norm) if norm_text and centroid_norm else 0.0

    def norm(self, centroid: Mapping[str, float]) -> float:
        return math.sqrt(sum((self.idf(t) * w) ** 2 for t, w in centroid.items()))
