"""Evaluation figures: per-class precision, recall, F1 and support, accuracy, macro- and weighted-F1, the confusion
matrix, and ROC-AUC for binary tasks; the multi-label variant for topics."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support, roc_auc_score


def _per_class(y_true, y_pred, labels: list[str]) -> dict[str, dict]:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return {label: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4),
                    "support": int(s[i])} for i, label in enumerate(labels)}


def single_label(y_true: list[str], proba: np.ndarray, labels: list[str],
                 positive_label: str | None = None) -> dict:
    """Figures for a single-label task from the gold labels and the predicted probabilities."""
    names = np.asarray(labels)
    y_pred = names[proba.argmax(1)].tolist() if len(proba) else []
    every = labels + sorted(set(y_true) - set(labels))
    result = {
        "examples": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=every, average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(y_true, y_pred, labels=every, average="weighted", zero_division=0)), 4),
        "per_class": _per_class(y_true, y_pred, every),
        "confusion": {"labels": every,
                      "matrix": confusion_matrix(y_true, y_pred, labels=every).tolist()},  # rows: gold
    }
    if len(labels) == 2:
        positive = positive_label or labels[1]
        if positive not in labels:
            raise ValueError(f"positive label {positive!r} is not one of {labels}")
        truth = [y == positive for y in y_true]
        if len(set(truth)) == 2:
            result["roc_auc"] = round(float(roc_auc_score(truth, proba[:, labels.index(positive)])), 4)
        else:
            result["roc_auc"] = None  # undefined with one class only
        result["positive_label"] = positive
    return result


def multi_label(y_true: list[list[str]], decided: np.ndarray, labels: list[str]) -> dict:
    """Figures for topics: per-topic figures, subset accuracy, macro/weighted F1, one 2×2 matrix per topic."""
    truth = np.asarray([[label in gold for label in labels] for gold in y_true], dtype=int)
    decided = decided.astype(int)
    p, r, f, s = precision_recall_fscore_support(truth, decided, zero_division=0)
    per_class = {label: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                         "f1": round(float(f[i]), 4), "support": int(s[i])} for i, label in enumerate(labels)}
    confusion = {label: confusion_matrix(truth[:, i], decided[:, i], labels=[0, 1]).tolist()
                 for i, label in enumerate(labels)}
    return {
        "examples": len(y_true),
        "accuracy": round(float(accuracy_score(truth, decided)), 4),  # exact set of topics
        "macro_f1": round(float(f1_score(truth, decided, average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(truth, decided, average="weighted", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(truth, decided, average="micro", zero_division=0)), 4),
        "per_class": per_class,
        "confusion": confusion,  # per topic: [[tn, fp], [fn, tp]]
    }
