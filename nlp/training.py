"""Training, evaluation and prediction from JSON Lines files (`text`, `label`, optional metadata keys).

These are the functions behind `diembao nlp train|evaluate|predict`; they read and write files only."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from config.settings import NlpSettings
from nlp import linear, topics  # noqa: F401  (register their backends)
from nlp.classifier import (TASKS, TextClassifier, load_classifier, read_manifest, register_trainer,
                            task as task_spec, trainer_for)
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


@dataclass
class LiveModel:
    """The model the analyzer uses for one task, what it is called in `analyses.model_version`, and its folder
    (None for a transformers checkpoint named in the settings)."""

    model: TextClassifier
    version: str
    directory: Path | None


def configured_model(task: str, nlp_settings: NlpSettings) -> LiveModel | None:
    """The configured model of `task` (the transformers checkpoint for sentiment when that backend is chosen, else
    `nlp.models_dir/<task>`, else the shipped one), or None when there is none."""
    if task == "sentiment" and nlp_settings.sentiment_backend == "transformers":
        if not nlp_settings.transformers_model:
            raise ValueError("nlp.sentiment_backend is 'transformers' but nlp.transformers_model is not set")
        from nlp.transformer import TransformersClassifier
        checkpoint = nlp_settings.transformers_model
        return LiveModel(TransformersClassifier(task, checkpoint, nlp_settings.transformers_labels),
                         f"transformers:{checkpoint}", None)
    directory = default_model_dir(task, nlp_settings.models_dir)
    if not (directory / "model.json").is_file():
        return None
    return saved_model(task, directory)


def saved_model(task: str, directory: Path) -> LiveModel:
    """A model saved in `directory`, checked to be one for `task`."""
    model = load_model(task, directory)
    manifest = read_manifest(directory)
    return LiveModel(model, f"{manifest['backend']}:{manifest.get('version', '0')}", Path(directory))


def check_task(model, task: str, directory: Path) -> None:
    if model.task != task:
        raise DataError(f"{directory}: mô hình dành cho tác vụ {model.task!r}, không phải {task!r}")


def _amend_manifest(directory: Path, **fields: Any) -> None:
    manifest = read_manifest(directory)
    manifest.update(fields)
    (directory / "model.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def train(task: str, records: list[dict], out: Path, dev: list[dict] | None = None,
          training_data: dict[str, Any] | None = None):
    """Train the task's registered classifier, save it in `out`, and evaluate on `dev` when given.
    `training_data` (where the records came from, e.g. the reviewed items) is kept in the model's manifest."""
    task_spec(task)
    model = trainer_for(task)(task)
    model.fit(records)
    model.save(out)
    if training_data is not None:
        _amend_manifest(Path(out), training_data=training_data)
    if dev is not None:
        report = evaluate(task, dev, model)
        _amend_manifest(Path(out), dev={k: report[k] for k in ("examples", "accuracy", "macro_f1", "weighted_f1")})
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
