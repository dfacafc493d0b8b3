"""Agreement between reviewers: Cohen's kappa for every pair of reviewers on the items both labelled, per task.

Each reviewer's latest label on an item counts (a reviewer who changed their mind is read at their last word).
Kappa corrects raw agreement for the agreement expected by chance; it is undefined when both reviewers used one and
the same label throughout (nothing to tell apart), and then reported as None."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Review

SINGLE_LABEL_TASKS = ("sentiment", "toxicity", "misinfo", "relevance")


@dataclass(frozen=True)
class PairAgreement:
    task: str
    reviewer_a: str
    reviewer_b: str
    items: int  # labelled by both
    observed: float  # share of those items with the same label
    kappa: float | None


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two equally long label lists; None when it is undefined."""
    if len(a) != len(b):
        raise ValueError("two label lists of the same length are needed")
    if not a or len(set(a) | set(b)) < 2:
        return None
    from sklearn.metrics import cohen_kappa_score  # here: scikit-learn takes a second to import

    kappa = float(cohen_kappa_score(a, b))
    return None if math.isnan(kappa) else kappa


def latest_labels(session: Session, task: str) -> dict[str, dict[int, str]]:
    """reviewer -> item -> that reviewer's latest label for `task`."""
    labels: dict[str, dict[int, str]] = defaultdict(dict)
    rows = session.execute(select(Review.reviewer, Review.item_id, Review.label).where(Review.task == task)
                           .order_by(Review.id))
    for reviewer, item_id, label in rows:
        labels[reviewer][item_id] = label
    return labels


def agreement(session: Session, tasks: tuple[str, ...] = SINGLE_LABEL_TASKS, min_items: int = 1) -> list[PairAgreement]:
    """Kappa for every pair of reviewers with at least `min_items` items in common, per task."""
    found = []
    for task in tasks:
        by_reviewer = latest_labels(session, task)
        for a, b in itertools.combinations(sorted(by_reviewer), 2):
            common = sorted(set(by_reviewer[a]) & set(by_reviewer[b]))
            if len(common) < min_items:
                continue
            left = [by_reviewer[a][i] for i in common]
            right = [by_reviewer[b][i] for i in common]
            observed = sum(x == y for x, y in zip(left, right)) / len(common)
            found.append(PairAgreement(task, a, b, len(common), observed, cohen_kappa(left, right)))
    return found
