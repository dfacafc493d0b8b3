"""`diembao nlp train|evaluate|predict|analyze` through the real command line."""

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from nlp.training import write_jsonl

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory, small_split):
    directory = tmp_path_factory.mktemp("cli")
    train, held = small_split("toxicity", train_per_label=40, heldout=120)
    write_jsonl(directory / "train.jsonl", train)
    write_jsonl(directory / "dev.jsonl", held)
    return directory


@pytest.fixture(scope="module")
def trained(files):
    result = runner.invoke(app, ["nlp", "train", "--task", "toxicity", "--data", str(files / "train.jsonl"),
                                 "--dev", str(files / "dev.jsonl"), "--out", str(files / "model")])
    assert result.exit_code == 0, result.output
    return files / "model", result.output


def test_train_reports_cross_validation_and_dev(trained):
    directory, output = trained
    assert "Kiểm định chéo" in output and "Trên tập dev" in output
    manifest = json.loads((directory / "model.json").read_text())
    assert manifest["labels"] == ["CLEAN", "OFFENSIVE", "HATE"] and manifest["dev"]["examples"] == 120


def test_evaluate_json_has_the_documented_keys(trained, files):
    directory, _ = trained
    result = runner.invoke(app, ["nlp", "evaluate", "--task", "toxicity", "--data", str(files / "dev.jsonl"),
                                 "--model", str(directory), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"accuracy", "macro_f1", "weighted_f1", "per_class", "confusion"} <= set(report)
    assert set(report["per_class"]) == {"CLEAN", "OFFENSIVE", "HATE"}
    assert sum(row["support"] for row in report["per_class"].values()) == 120
    table = runner.invoke(app, ["nlp", "evaluate", "--task", "toxicity", "--data", str(files / "dev.jsonl"),
                                "--model", str(directory)])
    assert "Ma trận nhầm lẫn" in table.output and "HATE" in table.output


def test_binary_evaluate_has_roc_auc(tmp_path, small_split):
    train, held = small_split("misinfo", train_per_label=40, heldout=80)
    write_jsonl(tmp_path / "train.jsonl", train)
    write_jsonl(tmp_path / "dev.jsonl", held)
    assert runner.invoke(app, ["nlp", "train", "--task", "misinfo", "--data", str(tmp_path / "train.jsonl"),
                               "--out", str(tmp_path / "m")]).exit_code == 0
    result = runner.invoke(app, ["nlp", "evaluate", "--task", "misinfo", "--data", str(tmp_path / "dev.jsonl"),
                                 "--model", str(tmp_path / "m"), "--positive-label", "unreliable", "--json"])
    report = json.loads(result.output)
    assert 0.5 < report["roc_auc"] <= 1.0


def test_predict_adds_label_and_scores(trained, tmp_path):
    directory, _ = trained
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "bọn mày toàn lũ súc vật"}, {"id": 2, "text": "Trời đẹp"}])
    result = runner.invoke(app, ["nlp", "predict", "--task", "toxicity", "--input", str(tmp_path / "in.jsonl"),
                                 "--output", str(tmp_path / "out.jsonl"), "--model", str(directory)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == [1, 2]
    assert all(r["label"] in ("CLEAN", "OFFENSIVE", "HATE") and set(r["scores"]) == {"CLEAN", "OFFENSIVE", "HATE"}
               for r in rows)


def test_bad_input_is_named(tmp_path, trained):
    (tmp_path / "bad.jsonl").write_text('{"text": "ok", "label": "CLEAN"}\n{"text": "thiếu ngoặc"\n')
    result = runner.invoke(app, ["nlp", "train", "--task", "toxicity", "--data", str(tmp_path / "bad.jsonl"),
                                 "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "dòng 2" in result.output and "JSON" in result.output
    result = runner.invoke(app, ["nlp", "evaluate", "--task", "sentiment", "--data", str(tmp_path / "bad.jsonl"),
                                 "--model", str(trained[0])])
    assert result.exit_code == 2
    result = runner.invoke(app, ["nlp", "train", "--task", "weather", "--data", "x", "--out", "y"])
    assert result.exit_code == 2 and "weather" in result.output


def test_task_mismatch_is_refused(trained, files):
    result = runner.invoke(app, ["nlp", "evaluate", "--task", "sentiment", "--data", str(files / "dev.jsonl"),
                                 "--model", str(trained[0])])
    assert result.exit_code == 2 and "toxicity" in result.output


def test_analyze_prints_every_annotation_with_reasons():
    result = runner.invoke(app, ["nlp", "analyze", "Sạt lở trên đèo Khánh Lê, xe khách mắc kẹt nhiều giờ"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Liên quan tỉnh Khánh Hòa: có" in out and "«đèo Khánh Lê»" in out and "Khánh Vĩnh" in out
    assert "Sắc thái: tiêu cực" in out and "Nội dung xấu độc:" in out and "Chủ đề" in out
    as_json = json.loads(runner.invoke(app, ["nlp", "analyze", "Nha Trang đẹp quá", "--json"]).output)
    assert as_json["relevant"] and as_json["model_version"].startswith("nlp1/")
