"""Features for the linear models: TF-IDF over segmented words (1–3 grams, with emoji signals) and over character
n-grams of the text without diacritics, so "vinh hy dep qua" and "Vĩnh Hy đẹp quá" share most of their features."""

from __future__ import annotations

import copy
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp.normalize import emoji_signals, normalize_social, strip_diacritics
from nlp.segment import Segmenter

MAX_CHARS = 4000  # classifiers read the title and the first 4,000 characters


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    return Segmenter()


def record_text(record: dict) -> str:
    title = record.get("title")
    text = str(record.get("text") or "")
    return (f"{title}. {text}" if title else text)[:MAX_CHARS]


def word_doc(words: list[str], text: str) -> str:
    return " ".join([*(w.lower().replace(" ", "_") for w in words), *emoji_signals(text)])


def prepare(record: dict, segmenter: Segmenter | None = None) -> dict:
    """The documents the vectorizers read, computed once per text and shared by every model: the words (from
    `record["words"]` when the caller already segmented), the word document and the character document."""
    text = record_text(record)
    normalized = normalize_social(text)
    words = record.get("words")
    if words is None:
        words = (segmenter or default_segmenter()).words(normalized, normalize=False)
    return {"words": words, "normalized": normalized, "word_doc": word_doc(words, text),
            "char_doc": strip_diacritics(normalized.lower())}


def _split(doc: str) -> list[str]:
    return doc.split()


class TextFeatures:
    """Fit on training records, then turn any records into one sparse matrix."""

    def __init__(self, word_ngrams: tuple[int, int] = (1, 3), char_ngrams: tuple[int, int] = (1, 5),
                 char_min_df: int = 2, max_features: int | None = None):
        self.words = TfidfVectorizer(tokenizer=_split, token_pattern=None, lowercase=False, ngram_range=word_ngrams,
                                     sublinear_tf=True, max_features=max_features, dtype=np.float32)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True,
                                     min_df=char_min_df, max_features=max_features, dtype=np.float32)

    @staticmethod
    def docs(records: list[dict]) -> tuple[list[str], list[str]]:
        prepared = [record.get("docs") or prepare(record) for record in records]
        return [p["word_doc"] for p in prepared], [p["char_doc"] for p in prepared]

    def fit_transform(self, records: list[dict]) -> csr_matrix:
        word_docs, char_docs = self.docs(records)
        if len(records) < 2 * self.chars.min_df:  # tiny data: keep every n-gram
            self.chars.min_df = 1
        return hstack([self.words.fit_transform(word_docs), self.chars.fit_transform(char_docs)]).tocsr()

    def transform(self, records: list[dict]) -> csr_matrix:
        prepared = [record.get("docs") or prepare(record) for record in records]
        return hstack([_transform(self.words, "word_doc", prepared),
                       _transform(self.chars, "char_doc", prepared)]).tocsr()


def _transform(vectorizer: TfidfVectorizer, field: str, prepared: list[dict]) -> csr_matrix:
    """`vectorizer.transform` of the prepared documents; the n-grams of each document are computed once and kept
    in its prepared dict, so the models of one analysis (same analyzer settings) share them."""
    key = ("ngrams", field, vectorizer.analyzer, vectorizer.ngram_range)
    analyze = None
    for p in prepared:
        if key not in p:
            analyze = analyze or vectorizer.build_analyzer()
            p[key] = analyze(p[field])
    reader = copy.copy(vectorizer)
    reader.analyzer = _identity
    return reader.transform([p[key] for p in prepared])


def _identity(ngrams: list[str]) -> list[str]:
    return ngrams
