"""The shipped backend: word and character TF-IDF, a linear SVM with balanced class weights, sigmoid calibration,
and per-class decision weights tuned on out-of-fold predictions of the training data (never on a dev set)."""

from __future__ import annotations

import time
from collections import Counter

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.svm import LinearSVC

from nlp.classifier import SavedState, register_backend, task as task_spec
from nlp.features import TextFeatures

C_GRID = (0.1, 0.3, 1.0)
CALIBRATION_FOLDS = 3
MIN_PER_LABEL = 6  # enough for cross-validation with calibration inside every fold
WEIGHT_GRID = np.exp(np.linspace(-1.5, 1.5, 31))


def label_order(task: str, seen: list[str]) -> list[str]:
    """The task's own label order first (negative, neutral, positive), then any other label in the data."""
    known = [label for label in task_spec(task).labels if label in seen]
    return known + sorted(set(seen) - set(known))


def tune_weights(proba: np.ndarray, y: np.ndarray, labels: list[str], average: str) -> np.ndarray:
    """Per-class multipliers of the probabilities that maximise the F1 `average` (coordinate search)."""
    names = np.asarray(labels)
    weights = np.ones(len(labels))
    best = f1_score(y, names[proba.argmax(1)], average=average)
    for _ in range(3):
        for k in range(len(labels)):
            for value in WEIGHT_GRID:
                trial = weights.copy()
                trial[k] = value
                score = f1_score(y, names[(proba * trial).argmax(1)], average=average)
                if score > best + 1e-9:
                    best, weights = score, trial
    return weights


class LinearTextClassifier(SavedState):
    """Single-label classifier for sentiment, toxicity and (text-only) misinformation."""

    backend = "linear"
    STATE_FILE = "linear.joblib"
    STATE = ("features", "model", "weights")

    def __init__(self, task: str, folds: int = 5, c_grid: tuple[float, ...] = C_GRID, tune: bool = True):
        self.task = task
        self.labels: list[str] = []
        self.folds = folds
        self.c_grid = c_grid
        self.tune = tune
        self.features = TextFeatures()
        self.model: CalibratedClassifierCV | None = None
        self.weights: np.ndarray | None = None
        self.summary: dict = {}

    def _estimator(self, c: float, folds: int) -> CalibratedClassifierCV:
        """A linear SVM per calibration fold, each with its sigmoid; their probabilities are averaged."""
        return CalibratedClassifierCV(LinearSVC(C=c, class_weight="balanced"), cv=min(CALIBRATION_FOLDS, folds),
                                      method="sigmoid")

    def fit(self, records: list[dict]) -> None:
        y = np.asarray([str(r["label"]) for r in records])
        counts = Counter(y.tolist())
        if len(counts) < 2:
            raise ValueError(f"tác vụ {self.task}: cần ít nhất hai nhãn để huấn luyện, dữ liệu chỉ có {sorted(counts)}")
        if min(counts.values()) < MIN_PER_LABEL:
            thin = sorted(k for k, v in counts.items() if v < MIN_PER_LABEL)
            raise ValueError(f"tác vụ {self.task}: mỗi nhãn cần ít nhất {MIN_PER_LABEL} mẫu; quá ít mẫu cho {thin}")
        self.labels = label_order(self.task, list(counts))
        folds = max(2, min(self.folds, min(counts.values())))
        started = time.monotonic()
        x = self.features.fit_transform(records)
        average = task_spec(self.task).objective
        best_c, best_score, best_oof = self.c_grid[0], -1.0, None
        if self.tune:
            splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
            for c in self.c_grid:
                oof = cross_val_predict(self._estimator(c, folds), x, y, cv=splitter,
                                        method="predict_proba")
                oof = oof[:, [sorted(self.labels).index(label) for label in self.labels]]
                score = f1_score(y, np.asarray(self.labels)[oof.argmax(1)], average=average)
                if score > best_score:
                    best_c, best_score, best_oof = c, score, oof
            self.weights = tune_weights(best_oof, y, self.labels, average)
            tuned = f1_score(y, np.asarray(self.labels)[(best_oof * self.weights).argmax(1)], average=average)
        else:
            self.weights, tuned = np.ones(len(self.labels)), None
        self.model = self._estimator(best_c, folds).fit(x, y)
        self.summary = {"examples": len(records), "label_counts": dict(counts), "C": best_c,
                        "cv_folds": folds if self.tune else 0, "cv_objective": f"{average}_f1",
                        "cv_score": round(best_score, 4) if self.tune else None,
                        "cv_score_tuned": round(tuned, 4) if tuned is not None else None,
                        "decision_weights": dict(zip(self.labels, map(float, self.weights.round(3)))),
                        "features": x.shape[1], "train_seconds": round(time.monotonic() - started, 1)}

    def predict_proba(self, records: list[dict]) -> np.ndarray:
        if self.model is None:
            raise RuntimeError(f"task {self.task}: the model is not trained")
        if not records:
            return np.zeros((0, len(self.labels)))
        proba = self.model.predict_proba(self.features.transform(records))
        order = [list(self.model.classes_).index(label) for label in self.labels]
        weighted = proba[:, order] * self.weights
        return weighted / weighted.sum(axis=1, keepdims=True)


register_backend(LinearTextClassifier.backend, LinearTextClassifier)
