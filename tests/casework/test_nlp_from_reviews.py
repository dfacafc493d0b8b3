"""`diembao nlp train|evaluate --from-reviews`: models trained on, and measured against, what reviewers decided in
the configured database; never measured on the items they learnt from; clear refusals when reviews are too few."""

from __future__ import annotations

import json
from itertools import islice

import pytest

from bot.casework import add_review
from bot.casework.training import MIN_EVALUATE, MIN_TRAIN_PER_LABEL
from config.settings import NlpSettings
from nlp.dataset import split
from nlp.training import configured_model
from storage import ItemData, upsert_item

LABELS = ("negative", "neutral", "positive")


def _by_label(records: list[dict], per_label: int) -> list[dict]:
    out = []
    for label in LABELS:
        out += list(islice((r for r in records if r["label"] == label), per_label))
    return out


@pytest.fixture(scope="module")
def corpus():
    """Sentiment examples of the project's corpus: reviewers 'decide' their labels. Training items come from the
    corpus's training part, measured items from its held-out part (which no shipped model saw)."""
    train, held = split("sentiment")
    return _by_label(train, 8), _by_label(held, 5)


def _review(database, records: list[dict], task: str = "sentiment", start: int = 0) -> list[int]:
    ids = []
    with database.session() as s:
        for n, record in enumerate(records, start):
            url = f"https://mxh.example/{task}/{n}"
            item_id, _ = upsert_item(s, ItemData(url=url, canonical_url=url, source_type="social", kind="post",
                                                 text=record["text"]))
            add_review(s, item_id, task, record["label"], "tg:7")
            ids.append(item_id)
    return ids


def test_too_few_reviews_are_refused_clearly(run_cli, database, corpus, tmp_path):
    empty = run_cli("nlp", "train", "--task", "sentiment", "--from-reviews", "--out", tmp_path / "m")
    assert empty.exit_code == 2 and "Chưa có tin nào được người duyệt gán nhãn “Sắc thái”" in empty.stderr
    train, _ = corpus
    _review(database, [r for r in train if r["label"] == "negative"][:MIN_TRAIN_PER_LABEL] + train[-2:])
    thin = run_cli("nlp", "train", "--task", "sentiment", "--from-reviews", "--out", tmp_path / "m")
    assert thin.exit_code == 2 and not (tmp_path / "m").exists()
    assert (f"cần ít nhất hai nhãn, mỗi nhãn từ {MIN_TRAIN_PER_LABEL} tin trở lên; hiện có 8 tin (Tiêu cực: 6, "
            "Tích cực: 2)") in thin.stderr
    few = run_cli("nlp", "evaluate", "--task", "sentiment", "--from-reviews")
    assert few.exit_code == 2 and f"Mới có 8 tin người duyệt đã kết luận về “Sắc thái”; cần ít nhất {MIN_EVALUATE}" \
        in few.stderr
    neither = run_cli("nlp", "evaluate", "--task", "sentiment")
    assert neither.exit_code == 2 and "--data TỆP.jsonl hoặc --from-reviews" in neither.stderr


def test_the_live_model_is_measured_on_reviewers_decisions(run_cli, database, corpus):
    _, held = corpus
    _review(database, held)
    result = run_cli("nlp", "evaluate", "--task", "sentiment", "--from-reviews", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["examples"] == len(held) == 15
    assert {k: v["support"] for k, v in report["per_class"].items()} == {label: 5 for label in LABELS}
    # the same figure computed straight from the shipped model, outside the command
    live = configured_model("sentiment", NlpSettings())
    predicted = live.model.predict_proba(held).argmax(1)
    expected = sum(live.model.labels[p] == r["label"] for p, r in zip(predicted, held)) / len(held)
    assert report["accuracy"] == pytest.approx(expected, abs=1e-4)  # the report rounds to 4 places
    assert report["reviews"] == {"items": 15, "left_out": 0, "policy": "latest", "model": live.version}
    table = run_cli("nlp", "evaluate", "--task", "sentiment", "--from-reviews")
    assert f"Mô hình {live.version}" in table.stdout and "đối chiếu với 15 tin người duyệt" in table.stdout
    assert "Ma trận nhầm lẫn" in table.stdout


def test_a_model_trained_on_reviews_is_never_measured_on_them(run_cli, database, corpus, tmp_path, monkeypatch):
    train, held = corpus
    trained_ids = _review(database, train)
    models = tmp_path / "models"
    result = run_cli("nlp", "train", "--task", "sentiment", "--from-reviews", "--out", models / "sentiment")
    assert result.exit_code == 0, result.stderr
    assert "Nhãn của người duyệt (cách chọn: latest): 24 tin" in result.stdout
    assert "Huấn luyện sentiment trên 24 mẫu từ nhãn của người duyệt" in result.stdout
    manifest = json.loads((models / "sentiment" / "model.json").read_text(encoding="utf-8"))
    assert manifest["training_data"]["reviews"]["item_ids"] == sorted(trained_ids)

    monkeypatch.setenv("DIEMBAO_NLP__MODELS_DIR", str(models))  # the operator makes it the live model
    only_seen = run_cli("nlp", "evaluate", "--task", "sentiment", "--from-reviews")
    assert only_seen.exit_code == 2 and "Mới có 0 tin" in only_seen.stderr
    assert "24 tin khác đã dùng để huấn luyện chính mô hình này" in only_seen.stderr

    _review(database, held, start=100)  # decisions taken after the model was trained
    result = run_cli("nlp", "evaluate", "--task", "sentiment", "--from-reviews", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["examples"] == 15 and report["reviews"]["left_out"] == 24
    assert report["reviews"]["model"] == configured_model("sentiment", NlpSettings(models_dir=models)).version


def test_reviews_add_to_a_training_file_and_misinformation_verdicts_map(run_cli, database, corpus, tmp_path):
    from nlp.training import write_jsonl

    train, held = corpus
    write_jsonl(tmp_path / "base.jsonl", train)
    _review(database, held[:3])
    result = run_cli("nlp", "train", "--task", "sentiment", "--data", tmp_path / "base.jsonl", "--from-reviews",
                     "--out", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    assert f"Huấn luyện sentiment trên 27 mẫu từ {tmp_path / 'base.jsonl'} và nhãn của người duyệt" in result.stdout

    misinfo_train, misinfo_held = split("misinfo")
    verdicts = {"unreliable": "tin_gia", "reliable": "xac_thuc"}
    picked = misinfo_held[:12]
    _review(database, [{**r, "label": verdicts[r["label"]]} for r in picked], task="misinfo")
    _review(database, [{**misinfo_held[12], "label": "chua_du_co_so"}], task="misinfo", start=50)  # no decision
    result = run_cli("nlp", "evaluate", "--task", "misinfo", "--from-reviews", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    wanted = {label: sum(r["label"] == label for r in picked) for label in ("reliable", "unreliable")}
    assert report["examples"] == 12 and {k: v["support"] for k, v in report["per_class"].items()} == wanted
    assert report["positive_label"] == "unreliable" and 0.0 <= report["roc_auc"] <= 1.0
