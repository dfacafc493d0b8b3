"""ReINTEL (VLSP 2020) experiment: 5-fold cross-validation grouped by author on ../shared/datasets/reintel/train.jsonl.

Printed per fold and on average: ROC-AUC of the plain baseline (word 1–2-gram TF-IDF + logistic regression, text
only), of our model's text stage alone, and of our full model (nlp.misinfo.MisinfoClassifier: text stage stacked
with engagement, timing, text shape, rumour signs and the account's label-free history). Folds never share an
author, so nothing about an account's posts in the test fold is learnt in training. The dataset is research-only:
nothing trained here is saved or shipped.

Then the product's misinformation score (bot.misinfo.assess: the full model's out-of-fold probability, the
unverified-page tier, rebuttal wording) on the same posts, beside the same score with the wording signs added again
on top of the classifier that already weighed them: ROC-AUC, Brier score (how far the score is from a
probability), and precision and recall at the flag threshold.

    .venv/bin/python bench/misinfo_reintel.py [--data ../shared/datasets/reintel/train.jsonl] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import GroupKFold

from bot.misinfo.score import assess, signal_reasons
from config.settings import MisinfoSettings
from nlp.misinfo import MisinfoClassifier
from nlp.rebuttal import rebuttal
from nlp.signals import detect
from storage.models import Item

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "reintel" / "train.jsonl"


def baseline(train: list[dict], test: list[dict]) -> np.ndarray:
    """The usual reference: TF-IDF of word 1–2-grams into a logistic regression, text only."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform([r["text"] or "" for r in train])
    model = LogisticRegression(max_iter=2000, class_weight="balanced")
    model.fit(matrix, [r["label"] for r in train])
    column = list(model.classes_).index("unreliable")
    return model.predict_proba(vectorizer.transform([r["text"] or "" for r in test]))[:, column]


def product_scores(records: list[dict], probabilities: np.ndarray) -> dict[str, np.ndarray]:
    """The product's score of each post (a social page), and the same with the wording signs counted twice."""
    once, twice = [], []
    for record, probability in zip(records, probabilities):
        text = record["text"] or ""
        signals = detect(text)
        assessment = assess(Item(source_type="social", text=text), classifier_probability=float(probability),
                            claim_matches=[], signals=signals, rebuttal=rebuttal(text))
        again = sum(r.weight for r in signal_reasons(signals, counted=True))
        odds = min(max(assessment.score, 1e-4), 1 - 1e-4)
        once.append(assessment.score)
        twice.append(1 / (1 + np.exp(-(np.log(odds / (1 - odds)) + again))))
    return {"score": np.array(once), "score, signs twice": np.array(twice)}


def report_scores(y: np.ndarray, scores: dict[str, np.ndarray], threshold: float) -> None:
    print(f"Misinformation score (pooled out-of-fold), flag threshold {threshold:.2f}:")
    for name, score in scores.items():
        flagged = score >= threshold
        hits = int((flagged & (y == 1)).sum())
        precision = hits / flagged.sum() if flagged.sum() else float("nan")
        print(f"  {name:<19} ROC-AUC {roc_auc_score(y, score):.4f}; Brier {brier_score_loss(y, score):.4f}; "
              f"mean score {score.mean():.3f} (share unreliable {y.mean():.3f}); flagged {int(flagged.sum())}, "
              f"precision {precision:.3f}, recall {hits / y.sum():.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"ReINTEL not found at {args.data}: nothing to measure.")
        sys.exit(0)
    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    y = np.array([r["label"] == "unreliable" for r in records], dtype=int)
    groups = [r["user_name_hash"] for r in records]
    print(f"ReINTEL train: {len(records)} posts ({y.sum()} unreliable), {len(set(groups))} authors; "
          f"{args.folds}-fold cross-validation grouped by author")
    scores: dict[str, list[float]] = {"baseline": [], "text stage": [], "full model": []}
    pooled = {name: np.zeros(len(records)) for name in scores}
    started = time.perf_counter()
    for fold, (train_idx, test_idx) in enumerate(GroupKFold(args.folds).split(records, y, groups), start=1):
        train = [records[i] for i in train_idx]
        test = [records[i] for i in test_idx]
        model = MisinfoClassifier().fit(train)
        found = {
            "baseline": baseline(train, test),
            "text stage": model.predict_text_proba(test),
            "full model": model.predict_proba(test)[:, model.labels.index("unreliable")],
        }
        for name, p in found.items():
            scores[name].append(roc_auc_score(y[test_idx], p))
            pooled[name][test_idx] = p
        print(f"fold {fold}: " + ", ".join(f"{name} {s[-1]:.4f}" for name, s in scores.items()), flush=True)
    print(f"ROC-AUC, mean of {args.folds} folds (pooled out-of-fold):")
    for name, s in scores.items():
        print(f"  {name:<11} {np.mean(s):.4f} ± {np.std(s):.4f} ({roc_auc_score(y, pooled[name]):.4f})")
    print(f"full model minus baseline: {np.mean(scores['full model']) - np.mean(scores['baseline']):+.4f}; "
          f"{time.perf_counter() - started:.0f} s")
    report_scores(y, product_scores(records, pooled["full model"]), MisinfoSettings().flag_threshold)


if __name__ == "__main__":
    main()
