"""Training and evaluation records from what reviewers decided (for `nlp train|evaluate --from-reviews`).

One record per item: the item's text and metadata, and the reviewers' decision, either the latest label given
(`policy="latest"`) or the majority of the reviewers' latest labels, ties going to the most recent
(`policy="majority"`). Review labels are mapped to the shipped models' label strings: the misinformation verdicts
tin giả / tin sai sự thật become "unreliable", tin xác thực "reliable", and "chưa đủ cơ sở" (not enough to decide)
is left out. Topic reviews are multi-label: the record's label is the list of topics the latest reviewer of the
item gave."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import item_record
from config.vocabulary import REVIEW_TASKS
from storage.models import Item, Review

TO_MODEL_LABELS: dict[str, dict[str, str | None]] = {
    "misinfo": {"tin_gia": "unreliable", "sai_su_that": "unreliable", "xac_thuc": "reliable", "chua_du_co_so": None},
}
POLICIES = ("latest", "majority")


def _decide(reviews: list[Review], policy: str) -> str:
    """The decision on one item from its reviews (oldest first)."""
    if policy == "latest":
        return reviews[-1].label
    last_word: dict[str, Review] = {}
    for review in reviews:
        last_word[review.reviewer] = review
    counts = Counter(r.label for r in last_word.values())
    top = max(counts.values())
    tied = {label for label, n in counts.items() if n == top}
    return next(r.label for r in reversed(reviews) if r.label in tied)


def _topic_decision(reviews: list[Review]) -> list[str]:
    latest_reviewer = reviews[-1].reviewer
    return sorted({r.label for r in reviews if r.reviewer == latest_reviewer})


def review_records(session: Session, task: str, policy: str = "latest", since: dt.datetime | None = None,
                   ) -> list[dict[str, Any]]:
    """Records with "text", "label" and the item's metadata for every item reviewers labelled for `task`."""
    if task not in (*REVIEW_TASKS, "topic"):
        raise ValueError(f"loại nhãn {task!r} không tồn tại; các loại: {', '.join([*REVIEW_TASKS, 'topic'])}")
    if policy not in POLICIES:
        raise ValueError(f"cách chọn nhãn {policy!r} không hợp lệ; dùng: {', '.join(POLICIES)}")
    query = select(Review).where(Review.task == task).order_by(Review.id)
    if since is not None:
        query = query.where(Review.created_at >= since)
    by_item: dict[int, list[Review]] = defaultdict(list)
    for review in session.scalars(query):
        by_item[review.item_id].append(review)
    mapping = TO_MODEL_LABELS.get(task, {})
    records = []
    items = {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(list(by_item))))} if by_item else {}
    for item_id in sorted(by_item):
        reviews, item = by_item[item_id], items.get(item_id)
        if item is None:
            continue
        if task == "topic":
            label: Any = _topic_decision(reviews)
        else:
            decided = _decide(reviews, policy)
            label = mapping.get(decided, decided)
            if label is None:
                continue
        record = item_record(item)
        record.update(label=label, item_id=item.id, reviewers=len({r.reviewer for r in reviews}),
                      reviewed_at=reviews[-1].created_at.isoformat())
        records.append(record)
    return records


def write_records(records: list[dict[str, Any]], path: Path) -> Path:
    """JSON Lines, one record per line, UTF-8 (what `nlp train --data` reads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
