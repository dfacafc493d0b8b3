import datetime as dt
import json

import pytest

from bot.casework import add_review
from bot.casework.training import review_records
from storage import ItemData, upsert_item


def _item(session, n, **kw):
    url = f"https://tin.example/{n}"
    return upsert_item(session, ItemData(url=url, canonical_url=url, source_type="social", kind="post",
                                         text=f"Bài đăng số {n}: nghe nói sắp cắt điện", **kw))[0]


@pytest.fixture
def reviewed(database):
    with database.session() as s:
        a = _item(s, 1, title="Cắt điện?", likes=120, shares=40, author_id="fb:99",
                  published_at=dt.datetime(2025, 6, 14, 1, tzinfo=dt.timezone.utc))
        b, c, d = _item(s, 2), _item(s, 3), _item(s, 4)
        add_review(s, a, "misinfo", "tin_gia", "tg:1")
        add_review(s, a, "misinfo", "sai_su_that", "tg:2")
        add_review(s, b, "misinfo", "tin_gia", "tg:1")
        add_review(s, b, "misinfo", "tin_gia", "tg:2")
        add_review(s, b, "misinfo", "xac_thuc", "tg:3")  # outvoted, but the latest
        add_review(s, c, "misinfo", "chua_du_co_so", "tg:1")  # no decision: left out
        add_review(s, d, "sentiment", "negative", "tg:1")
        add_review(s, d, "topic", "energy", "tg:1")
        add_review(s, d, "topic", "land", "tg:2")
        add_review(s, d, "topic", "tourism", "tg:2")
        return a, b, c, d


def test_latest_and_majority_decisions(database, reviewed):
    a, b, _, _ = reviewed
    with database.session() as s:
        latest = {r["item_id"]: r for r in review_records(s, "misinfo", policy="latest")}
        majority = {r["item_id"]: r for r in review_records(s, "misinfo", policy="majority")}
    assert set(latest) == {a, b}
    assert latest[b]["label"] == "reliable" and majority[b]["label"] == "unreliable"
    assert latest[a]["label"] == majority[a]["label"] == "unreliable"
    record = latest[a]
    assert record["text"] == "Cắt điện?\nBài đăng số 1: nghe nói sắp cắt điện"
    assert (record["num_like_post"], record["num_share_post"], record["user_name_hash"]) == (120, 40, "fb:99")
    assert record["timestamp_post"] == dt.datetime(2025, 6, 14, 1, tzinfo=dt.timezone.utc).timestamp()
    assert record["reviewers"] == 2
    json.dumps(record)  # records are plain JSON


def test_majority_tie_goes_to_the_most_recent(database):
    with database.session() as s:
        x = _item(s, 9)
        add_review(s, x, "sentiment", "negative", "tg:1")
        add_review(s, x, "sentiment", "neutral", "tg:2")
        assert review_records(s, "sentiment", policy="majority")[0]["label"] == "neutral"
        add_review(s, x, "sentiment", "negative", "tg:2")  # tg:2 changes their mind: both now say negative
        assert review_records(s, "sentiment", policy="majority")[0]["label"] == "negative"


def test_other_tasks_and_bad_arguments(database, reviewed):
    *_, d = reviewed
    with database.session() as s:
        assert [(r["item_id"], r["label"]) for r in review_records(s, "sentiment")] == [(d, "negative")]
        assert [r["label"] for r in review_records(s, "topic")] == [["land", "tourism"]]
        with pytest.raises(ValueError, match="không tồn tại"):
            review_records(s, "mood")
        with pytest.raises(ValueError, match="không hợp lệ"):
            review_records(s, "sentiment", policy="loudest")


def test_export_command_writes_jsonl(run_cli, reviewed, tmp_path):
    out = tmp_path / "reviews" / "misinfo.jsonl"
    result = run_cli("reviews", "export", "--task", "misinfo", "--policy", "majority", "--out", out)
    assert result.exit_code == 0 and "Đã xuất 2 tin có nhãn Tin sai sự thật" in result.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["label"] for r in rows] == ["unreliable", "unreliable"]
    bad = run_cli("reviews", "export", "--task", "misinfo", "--out", out, "--since", "hôm qua")
    assert bad.exit_code == 1 and "không đọc được" in bad.stderr
