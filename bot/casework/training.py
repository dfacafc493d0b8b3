"""Training and evaluation records from what reviewers decided (for `nlp train|evaluate --from-reviews`).

One record per item: the item's text and metadata, and the reviewers' decision, either the latest label given
(`policy="latest"`) or the majority of the reviewers' latest labels, ties going to the most recent
(`policy="majority"`). Review labels are mapped to the shipped models' label strings: the misinformation verdicts
tin giả / tin sai sự thật become "unreliable", tin xác thực "reliable", and "chưa đủ cơ sở" (not enough to decide)
is left out. Topic reviews are multi-label: the record's label is the list of topics the latest reviewer of the
item gave.

Before training or measuring on them, `check_for_training` and `check_for_evaluation` say in Vietnamese when there
are too few decisions to do either honestly."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import item_record
from config.vocabulary import MISINFO, REVIEW_TASKS, SENTIMENTS, TOXICITY
from storage.models import Item, Review

TASK_NAMES = {"sentiment": "Sắc thái", "toxicity": "Xấu độc", "misinfo": "Tin sai sự thật", "relevance": "Liên quan",
              "topic": "Chủ đề"}
MIN_TRAIN_PER_LABEL = 6  # the shipped backends cross-validate within every label
MIN_EVALUATE = 10  # below this, a single item moves accuracy by more than 10 points
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


class TooFewReviews(ValueError):
    """Not enough reviewer decisions for what was asked; the message (Vietnamese) says what is missing."""


def label_counts(records: list[dict[str, Any]]) -> Counter:
    """Items per label (per topic for topic records)."""
    return Counter(label for r in records for label in (r["label"] if isinstance(r["label"], list) else [r["label"]]))


def counts_text(records: list[dict[str, Any]]) -> str:
    """ "Tiêu cực: 7, Trung lập: 2" (model labels shown in Vietnamese where the vocabulary names them)."""
    names = {**SENTIMENTS, **TOXICITY, **MISINFO}
    return ", ".join(f"{names.get(label, label)}: {n}" for label, n in label_counts(records).most_common())


def _none_yet(task: str) -> TooFewReviews:
    undecided = " (nhãn “chưa đủ cơ sở” không tính)" if task == "misinfo" else ""
    return TooFewReviews(f"Chưa có tin nào được người duyệt gán nhãn “{TASK_NAMES.get(task, task)}”{undecided}. "
                         "Hãy rà soát thêm trên Telegram (/review) hoặc bằng lệnh diembao flags.")


def check_for_training(records: list[dict[str, Any]], task: str, with_other_data: bool) -> None:
    """At least one decision; without other training data, two labels with MIN_TRAIN_PER_LABEL items each."""
    if not records:
        raise _none_yet(task)
    counts = label_counts(records)
    enough = [label for label, n in counts.items() if n >= MIN_TRAIN_PER_LABEL]
    if with_other_data or len(enough) >= 2:
        return
    have = counts_text(records)
    raise TooFewReviews(f"Chưa đủ nhãn của người duyệt để huấn luyện “{TASK_NAMES.get(task, task)}”: cần ít nhất hai "
                        f"nhãn, mỗi nhãn từ {MIN_TRAIN_PER_LABEL} tin trở lên; hiện có {len(records)} tin ({have}). "
                        "Hãy rà soát thêm, hoặc thêm --data TỆP.jsonl để huấn luyện cùng dữ liệu sẵn có.")


def check_for_evaluation(records: list[dict[str, Any]], task: str, left_out: int = 0) -> None:
    """At least MIN_EVALUATE decisions (`left_out`: reviewed items set aside because the model learnt them)."""
    if not records and not left_out:
        raise _none_yet(task)
    if len(records) < MIN_EVALUATE:
        aside = f" ({left_out} tin khác đã dùng để huấn luyện chính mô hình này nên không tính)" if left_out else ""
        raise TooFewReviews(f"Mới có {len(records)} tin người duyệt đã kết luận về “{TASK_NAMES.get(task, task)}”"
                            f"{aside}; cần ít nhất {MIN_EVALUATE} tin để số liệu đánh giá có ý nghĩa. Hãy rà soát "
                            "thêm rồi chạy lại.")


def provenance(records: list[dict[str, Any]], policy: str) -> dict[str, Any]:
    """What a model trained on reviews keeps in its manifest: which items, so they are never used to measure it."""
    return {"reviews": {"items": len(records), "policy": policy, "item_ids": sorted(r["item_id"] for r in records),
                        "last_reviewed_at": max((r["reviewed_at"] for r in records), default=None)}}


def trained_items(manifest: dict[str, Any]) -> set[int]:
    """The reviewed items a model was trained on, from its manifest (none for other models)."""
    return set(((manifest.get("training_data") or {}).get("reviews") or {}).get("item_ids") or [])
