import pytest
from sklearn.metrics import cohen_kappa_score

from bot.casework import add_review
from bot.casework.agreement import agreement, cohen_kappa
from storage import ItemData, upsert_item


def test_kappa_known_values():
    # 10 items: agree on 8; by chance 0.5 (each gives "negative" half the time) -> kappa (0.8 - 0.5) / 0.5 = 0.6
    a = ["negative"] * 5 + ["neutral"] * 5
    b = ["negative"] * 4 + ["neutral"] + ["negative"] + ["neutral"] * 4
    assert cohen_kappa(a, b) == pytest.approx(0.6)
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)
    assert cohen_kappa(["neutral"] * 4, ["neutral"] * 4) is None  # one label only: undefined
    with pytest.raises(ValueError):
        cohen_kappa(["a"], [])


def _items(session, n):
    ids = []
    for i in range(n):
        url = f"https://tin.example/{i}"
        ids.append(upsert_item(session, ItemData(url=url, canonical_url=url, source_type="social",
                                                 text=f"Bài viết số {i} về tình hình địa phương"))[0])
    return ids


def test_agreement_per_task_uses_each_reviewers_latest_label(database):
    with database.session() as s:
        ids = _items(s, 10)
        a = ["negative"] * 5 + ["neutral"] * 5
        b = ["negative"] * 4 + ["neutral"] + ["negative"] + ["neutral"] * 4
        for item_id, la, lb in zip(ids, a, b):
            add_review(s, item_id, "sentiment", "positive" if item_id == ids[0] else la, "tg:1")
            add_review(s, item_id, "sentiment", lb, "tg:2")
        add_review(s, ids[0], "sentiment", "negative", "tg:1")  # tg:1 changed their mind on the first item
        for item_id in ids[:6]:
            add_review(s, item_id, "misinfo", "tin_gia", "tg:1")
            add_review(s, item_id, "misinfo", "tin_gia" if item_id != ids[5] else "xac_thuc", "tg:3")
        add_review(s, ids[0], "sentiment", "neutral", "tg:3")  # one item in common with each: below min_items
        pairs = agreement(s, min_items=5)
    by_task = {(p.task, p.reviewer_a, p.reviewer_b): p for p in pairs}
    assert set(by_task) == {("sentiment", "tg:1", "tg:2"), ("misinfo", "tg:1", "tg:3")}
    sentiment = by_task[("sentiment", "tg:1", "tg:2")]
    assert (sentiment.items, sentiment.observed) == (10, 0.8)
    assert sentiment.kappa == pytest.approx(cohen_kappa_score(a, b))
    misinfo = by_task[("misinfo", "tg:1", "tg:3")]
    assert misinfo.items == 6 and misinfo.observed == pytest.approx(5 / 6) and misinfo.kappa == pytest.approx(0.0)


def test_agreement_command(run_cli, database):
    with database.session() as s:
        ids = _items(s, 6)
        for i, item_id in enumerate(ids):
            add_review(s, item_id, "toxicity", "CLEAN" if i % 2 else "OFFENSIVE", "tg:1")
            add_review(s, item_id, "toxicity", "CLEAN" if i % 2 else "OFFENSIVE", "tg:2")
    result = run_cli("reviews", "agreement")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Xấu độc: tg:1 – tg:2: 6 tin chung, trùng 100%, kappa 1"
    none = run_cli("reviews", "agreement", "--task", "sentiment")
    assert "Chưa có cặp người duyệt nào" in none.stdout
