"""Training, evaluation and prediction from JSON Lines files (`text`, `label`, optional metadata keys).

These are the functions behind `diembao nlp train|evaluate|predict`; they read and write files only."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from nlp import linear, topics  # noqa: F401  (register their backends)
from nlp.classifier import TASKS, load_classifier, read_manifest, register_trainer, task as task_spec, trainer_for
from nlp.linear import LinearTextClassifier
from nlp.metrics import multi_label, single_label
from nlp.misinfo import MisinfoClassifier
from nlp.topics import TopicClassifier, topic_labels

SHIPPED_MODELS = Path(__file__).parent / "models"

for _name in ("sentiment", "toxicity"):
    register_trainer(_name, LinearTextClassifier)
register_trainer("topic", TopicClassifier)
register_trainer("misinfo", MisinfoClassifier)


class DataError(ValueError):
    """A JSON Lines file that cannot be used, with the file and line named."""


def read_jsonl(path: str | Path, need_label: bool = True) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: không tìm thấy tệp")
    records = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}, dòng {number}: không phải JSON hợp lệ ({exc.msg})") from None
            if not isinstance(record, dict):
                raise DataError(f"{path}, dòng {number}: mỗi dòng phải là một đối tượng JSON")
            if not isinstance(record.get("text"), str):
                raise DataError(f"{path}, dòng {number}: thiếu trường văn bản 'text'")
            if need_label and record.get("label") in (None, ""):
                raise DataError(f"{path}, dòng {number}: thiếu trường nhãn 'label'")
            records.append(record)
    if not records:
        raise DataError(f"{path}: không có dòng dữ liệu nào")
    return records


def write_jsonl(path: str | Path, records: Iterable[dict]) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def default_model_dir(task: str, models_dir: Path | None = None) -> Path:
    """The configured models folder's model for `task` when it has one, else the shipped one."""
    if models_dir is not None and (Path(models_dir) / task / "model.json").is_file():
        return Path(models_dir) / task
    return SHIPPED_MODELS / task


def check_task(model, task: str, directory: Path) -> None:
    if model.task != task:
        raise DataError(f"{directory}: mô hình dành cho tác vụ {model.task!r}, không phải {task!r}")


def train(task: str, records: list[dict], out: Path, dev: list[dict] | None = None):
    """Train the task's registered classifier, save it in `out`, and evaluate on `dev` when given."""
    task_spec(task)
    model = trainer_for(task)(task)
    model.fit(records)
    model.save(out)
    if dev is not None:
        report = evaluate(task, dev, model)
        manifest_path = Path(out) / "model.json"
        manifest = read_manifest(Path(out))
        manifest["dev"] = {k: report[k] for k in ("examples", "accuracy", "macro_f1", "weighted_f1")}
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return model, report
    return model, None


def evaluate(task: str, records: list[dict], model, positive_label: str | None = None) -> dict:
    proba = model.predict_proba(records)
    if TASKS[task].multi_label:
        return multi_label([topic_labels(r) for r in records], model.decide(proba), model.labels)
    return single_label([str(r["label"]) for r in records], proba, model.labels,
                        positive_label or TASKS[task].positive_label)


def predict(task: str, records: list[dict], model) -> list[dict]:
    """The records with `label` (a list of topics for the topic task) and `scores` added."""
    proba = model.predict_proba(records)
    out = []
    for record, row in zip(records, proba):
        scores = {label: round(float(p), 4) for label, p in zip(model.labels, row)}
        if TASKS[task].multi_label:
            label = [model.labels[k] for k in np.flatnonzero(model.decide(row[None, :])[0])]
        else:
            label = model.labels[int(row.argmax())]
        out.append({**record, "label": label, "scores": scores})
    return out


def load_model(task: str, directory: Path):
    model = load_classifier(directory)
    check_task(model, task, directory)
    return model
