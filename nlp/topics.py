"""Topics (multi-label): one logistic regression per topic (balanced class weights) with a threshold tuned on
out-of-fold predictions, plus the profile taxonomy's keywords, so that a province's own topics work before any
training."""

from __future__ import annotations

import time
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier

from config.topics import Topic
from nlp.classifier import SavedState, register_backend
from nlp.features import TextFeatures
from nlp.gazetteer import key_of, unmarked
from nlp.normalize import normalize_social

THRESHOLDS = np.round(np.arange(0.1, 0.91, 0.05), 2)


def topic_labels(record: dict) -> list[str]:
    """A record's topics: a list, or a string with keys separated by commas or '|'."""
    value = record.get("label", record.get("topics"))
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace("|", ",").split(",") if part.strip()]
    return [str(v) for v in value]


class TopicClassifier(SavedState):
    """predict_proba gives one independent probability per topic; `decide` applies the tuned thresholds."""

    backend = "topics"
    STATE_FILE = "topics.joblib"
    STATE = ("features", "model", "thresholds")

    def __init__(self, task: str = "topic", folds: int = 5, min_examples: int = 3):
        self.task = task
        self.labels: list[str] = []
        self.folds = folds
        self.min_examples = min_examples
        self.features = TextFeatures(word_ngrams=(1, 2))
        self.model: OneVsRestClassifier | None = None
        self.thresholds: np.ndarray | None = None
        self.summary: dict = {}

    def _targets(self, records: list[dict]) -> np.ndarray:
        return np.asarray([[label in topic_labels(r) for label in self.labels] for r in records], dtype=int)

    def fit(self, records: list[dict]) -> None:
        counts = Counter(label for r in records for label in topic_labels(r))
        self.labels = sorted(k for k, v in counts.items() if v >= self.min_examples)
        if not self.labels:
            raise ValueError(f"tác vụ {self.task}: không chủ đề nào có từ {self.min_examples} mẫu trở lên")
        started = time.monotonic()
        x = self.features.fit_transform(records)
        y = self._targets(records)
        estimator = OneVsRestClassifier(LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear"))
        folds = max(2, min(self.folds, len(records) // 2))
        oof = cross_val_predict(estimator, x, y, cv=KFold(folds, shuffle=True, random_state=0),
                                method="predict_proba")
        self.thresholds = np.array([max(THRESHOLDS, key=lambda t: f1_score(y[:, k], oof[:, k] >= t,
                                                                            zero_division=0))
                                    for k in range(len(self.labels))])
        cv_f1 = f1_score(y, oof >= self.thresholds, average="macro", zero_division=0)
        self.model = estimator.fit(x, y)
        self.summary = {"examples": len(records), "label_counts": {k: counts[k] for k in self.labels},
                        "cv_folds": folds, "cv_macro_f1": round(float(cv_f1), 4),
                        "thresholds": dict(zip(self.labels, map(float, self.thresholds))),
                        "features": x.shape[1], "train_seconds": round(time.monotonic() - started, 1)}

    def predict_proba(self, records: list[dict]) -> np.ndarray:
        if self.model is None:
            raise RuntimeError("the topic model is not trained")
        if not records:
            return np.zeros((0, len(self.labels)))
        return self.model.predict_proba(self.features.transform(records))

    def decide(self, proba: np.ndarray) -> np.ndarray:
        return proba >= self.thresholds


class KeywordTopics:
    """The taxonomy's keywords found in a text (diacritic-insensitive, on word boundaries)."""

    def __init__(self, topics: list[Topic]):
        self.topics = topics
        self._keywords = [(t.key, kw, _padded(normalize_social(kw).lower()), _padded(key_of(kw)))
                          for t in topics for kw in t.keywords]

    def find(self, text: str) -> dict[str, list[str]]:
        """Without diacritics only when the text itself is written without them ("bao" is not "bão"). `text` may
        already be normalised (`normalize_social`)."""
        bare = unmarked(text)
        padded = _padded(key_of(text) if bare else text.lower())
        found: dict[str, list[str]] = {}
        for key, keyword, marked_needle, bare_needle in self._keywords:
            if (bare_needle if bare else marked_needle) in padded:
                found.setdefault(key, []).append(keyword)
        return found


def _padded(text: str) -> str:
    return " " + " ".join("".join(c if c.isalnum() else " " for c in text).split()) + " "


register_backend(TopicClassifier.backend, TopicClassifier)
