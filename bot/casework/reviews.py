"""Reviewers' labels: append-only, validated against the vocabulary, a replayed submission counted once."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from config.vocabulary import REVIEW_TASKS
from storage.audit import record
from storage.models import Item, Review, utcnow


class ReviewError(ValueError):
    """A label that cannot be stored; the message is for the reviewer."""


@event.listens_for(Review, "before_update")
def _append_only(_mapper, _connection, target: Review) -> None:
    raise ReviewError(f"Nhãn #{target.id} đã lưu không được sửa; hãy gán nhãn mới.")


@event.listens_for(Review, "before_delete")
def _never_deleted(_mapper, _connection, target: Review) -> None:
    raise ReviewError(f"Nhãn #{target.id} đã lưu không được xóa.")


def _check_label(task: str, label: str, topics: set[str] | None) -> None:
    if task == "topic":
        if topics is not None and label not in topics:
            raise ReviewError(f"Chủ đề {label!r} không có trong danh mục chủ đề của tỉnh.")
        return
    labels = REVIEW_TASKS.get(task)
    if labels is None:
        raise ReviewError(f"Loại nhãn {task!r} không tồn tại; các loại: {', '.join([*REVIEW_TASKS, 'topic'])}.")
    if label not in labels:
        raise ReviewError(f"Nhãn {label!r} không hợp lệ cho {task}; cần một trong: {', '.join(labels)}.")


def add_review(session: Session, item_id: int, task: str, label: str, reviewer: str, *, channel: str = "cli",
               flag_id: int | None = None, idempotency_key: str | None = None,
               topics: set[str] | None = None) -> tuple[Review, bool]:
    """Append a label; returns (review, created). The same `idempotency_key` (e.g. a Telegram callback id)
    returns the review stored the first time instead of counting twice."""
    _check_label(task, label, topics)
    if idempotency_key is not None:
        earlier = session.scalar(select(Review).where(Review.idempotency_key == idempotency_key))
        if earlier is not None:
            return earlier, False
    if session.get(Item, item_id) is None:
        raise ReviewError(f"Không có tin #{item_id}.")
    review = Review(item_id=item_id, flag_id=flag_id, task=task, label=label, reviewer=reviewer, channel=channel,
                    idempotency_key=idempotency_key, created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(review)
            session.flush()
    except IntegrityError:  # a concurrent replay with the same key won the race
        earlier = session.scalar(select(Review).where(Review.idempotency_key == idempotency_key))
        if earlier is None:
            raise
        return earlier, False
    record(session, reviewer, "review.add", "item", item_id, task=task, label=label, flag_id=flag_id,
           channel=channel)
    return review, True
