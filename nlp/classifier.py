"""The text-classifier protocol every task model follows, the task registry, and loading a saved model.

A saved model is a directory with `model.json` (task, backend, labels, version, training summary) beside the
backend's own files. Records are dicts with "text", "label" (for training) and optional metadata keys; a record
may also carry "words" (the segmentation the analyzer already computed) so that no text is segmented twice."""

from __future__ import annotations

import importlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import joblib
import numpy as np

MANIFEST = "model.json"


@runtime_checkable
class TextClassifier(Protocol):
    task: str
    labels: list[str]

    def fit(self, records: list[dict]) -> None: ...

    def predict_proba(self, records: list[dict]) -> np.ndarray: ...  # n × len(labels)

    def save(self, directory: Path) -> None: ...

    @classmethod
    def load(cls, directory: Path) -> "TextClassifier": ...


@dataclass(frozen=True)
class Task:
    name: str
    labels: tuple[str, ...]  # the shipped label strings; empty when the data decides (topics)
    multi_label: bool = False
    objective: str = "macro"  # the F1 average the decision is tuned for
    positive_label: str | None = None  # binary tasks: the class ROC-AUC is computed for


TASKS: dict[str, Task] = {
    "sentiment": Task("sentiment", ("negative", "neutral", "positive"), objective="weighted"),
    "toxicity": Task("toxicity", ("CLEAN", "OFFENSIVE", "HATE")),
    "misinfo": Task("misinfo", ("reliable", "unreliable"), positive_label="unreliable"),
    "topic": Task("topic", (), multi_label=True),
}

# task -> classifier class used by `nlp train`; backend name -> class used to load a saved model
_TRAINERS: dict[str, type] = {}
_BACKENDS: dict[str, type] = {}
_BACKEND_MODULES = {"linear": "nlp.linear", "topics": "nlp.topics", "transformers": "nlp.transformer",
                    "misinfo": "nlp.misinfo"}


def register_backend(name: str, cls: type) -> None:
    _BACKENDS[name] = cls


def register_trainer(task: str, cls: type) -> None:
    """The classifier `nlp train --task <task>` builds."""
    if task not in TASKS:
        raise KeyError(f"unknown task {task!r}")
    _TRAINERS[task] = cls


def trainer_for(task: str) -> type:
    if task not in _TRAINERS:
        raise KeyError(f"no classifier registered for task {task!r}; known: {sorted(_TRAINERS)}")
    return _TRAINERS[task]


def task(name: str) -> Task:
    if name not in TASKS:
        raise KeyError(f"unknown task {name!r}; known: {sorted(TASKS)}")
    return TASKS[name]


def write_manifest(directory: Path, **fields: Any) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST).write_text(json.dumps(fields, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_manifest(directory: Path) -> dict[str, Any]:
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{directory}: not a saved model (no {MANIFEST})")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: malformed JSON ({exc})") from None


class SavedState:
    """`save` and `load` for a classifier whose trained state is a few attributes (`STATE`) kept in one joblib file
    (`STATE_FILE`) beside the manifest; the class is built with its task, the labels come from the manifest."""

    STATE_FILE: str
    STATE: tuple[str, ...]

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        write_manifest(directory, task=self.task, backend=self.backend, labels=self.labels,
                       version=time.strftime("%Y%m%d%H%M%S"), training=self.summary)
        joblib.dump({name: getattr(self, name) for name in self.STATE}, directory / self.STATE_FILE, compress=3)

    @classmethod
    def load(cls, directory: Path):
        manifest = read_manifest(Path(directory))
        state = joblib.load(Path(directory) / cls.STATE_FILE)
        clf = cls(manifest["task"])
        clf.labels = list(manifest["labels"])
        for name in cls.STATE:
            setattr(clf, name, state[name])
        clf.summary = manifest.get("training", {})
        return clf


def load_classifier(directory: str | Path) -> TextClassifier:
    """Load a saved model of any backend from its directory."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    backend = manifest.get("backend")
    if backend not in _BACKENDS and backend in _BACKEND_MODULES:
        importlib.import_module(_BACKEND_MODULES[backend])  # registers itself
    if backend not in _BACKENDS:
        raise ValueError(f"{directory / MANIFEST}: unknown backend {backend!r}; known: {sorted(_BACKENDS)}")
    return _BACKENDS[backend].load(directory)


def model_version(directory: str | Path) -> str:
    """A short identifier of a saved model: task, backend and the version written at training time."""
    manifest = read_manifest(Path(directory))
    return f"{manifest['task']}:{manifest['backend']}:{manifest.get('version', '0')}"
