import pytest
from sqlalchemy import func, select

from bot.casework import ReviewError, add_review
from storage import ItemData, upsert_item
from storage.models import Review


def _item(session) -> int:
    item_id, _ = upsert_item(session, ItemData(url="https://baokhanhhoa.vn/x", canonical_url="https://baokhanhhoa.vn/x",
                                               source_type="provincial_press", title="Sạt lở đèo Khánh Lê",
                                               text="Mưa lớn gây sạt lở nhiều điểm trên đèo Khánh Lê."))
    return item_id


def test_labels_are_appended_never_overwritten(database):
    with database.session() as s:
        item = _item(s)
        first, created1 = add_review(s, item, "sentiment", "negative", "tg:1")
        second, created2 = add_review(s, item, "sentiment", "neutral", "tg:2")
        assert created1 and created2 and first.id != second.id
    with database.session() as s:
        labels = s.scalars(select(Review.label).where(Review.item_id == item).order_by(Review.id)).all()
        assert labels == ["negative", "neutral"]
        review = s.scalars(select(Review)).first()
        review.label = "positive"
        with pytest.raises(ReviewError, match="không được sửa"):
            s.flush()
        s.rollback()
    with database.session() as s:
        assert s.scalars(select(Review.label).order_by(Review.id)).all() == ["negative", "neutral"]


def test_replayed_submission_counts_once(database):
    with database.session() as s:
        item = _item(s)
        a, created_a = add_review(s, item, "misinfo", "tin_gia", "tg:1", channel="telegram", idempotency_key="cb:77")
        b, created_b = add_review(s, item, "misinfo", "tin_gia", "tg:1", channel="telegram", idempotency_key="cb:77")
        assert created_a and not created_b and a.id == b.id
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Review)) == 1


@pytest.mark.parametrize("task, label, message", [
    ("sentiment", "rat_xau", "không hợp lệ"),
    ("mood", "negative", "không tồn tại"),
    ("topic", "weather", "danh mục chủ đề"),
])
def test_invalid_labels_are_refused(database, task, label, message):
    with database.session() as s:
        item = _item(s)
        with pytest.raises(ReviewError, match=message):
            add_review(s, item, task, label, "cli", topics={"land", "tourism"})
        assert s.scalar(select(func.count()).select_from(Review)) == 0


def test_unknown_item(database):
    with database.session() as s, pytest.raises(ReviewError, match="Không có tin #404"):
        add_review(s, 404, "sentiment", "negative", "cli")
