"""The `transformers` backend: any Hugging Face sequence-classification checkpoint from a local directory (or a hub
id already in the local cache; nothing is ever downloaded), with a mapping from the checkpoint's label names to
the task's labels (e.g. {"NEG": "negative", "NEU": "neutral", "POS": "positive"}).

`fit` fine-tunes the checkpoint on the records (AdamW, a few epochs) and `save` writes a directory that `load`
reads back. Needs the `transformers` extra (torch)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from nlp.classifier import read_manifest, register_backend, task as task_spec, write_manifest
from nlp.features import record_text


def _libraries():
    try:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as exc:  # the optional extra is not installed
        raise RuntimeError("the transformers backend needs the 'transformers' extra: pip install 'diembao[transformers]'"
                           ) from exc
    return torch, AutoTokenizer, AutoModelForSequenceClassification


class TransformersClassifier:
    backend = "transformers"

    def __init__(self, task: str, checkpoint: str | Path, label_map: dict[str, str] | None = None,
                 max_length: int = 256, batch_size: int = 16, epochs: int = 3, learning_rate: float = 5e-5):
        torch, tokenizer_cls, model_cls = _libraries()
        self.task = task
        self.checkpoint = str(checkpoint)
        self.max_length, self.batch_size = max_length, batch_size
        self.epochs, self.learning_rate = epochs, learning_rate
        try:
            self.tokenizer = tokenizer_cls.from_pretrained(self.checkpoint, local_files_only=True)
            self.model = model_cls.from_pretrained(self.checkpoint, local_files_only=True)
        except (OSError, ValueError) as exc:  # missing files, or not a valid local path nor hub id
            raise FileNotFoundError(f"transformers checkpoint {self.checkpoint!r} is not available locally "
                                    f"(point nlp.transformers_model at a local directory): {exc}") from None
        self.model.eval()
        names = [self.model.config.id2label[i] for i in range(self.model.config.num_labels)]
        self.label_map = dict(label_map or {})
        mapped = [self.label_map.get(name, name) for name in names]
        known = list(task_spec(task).labels)
        unknown = sorted(set(mapped) - set(known)) if known else []
        if unknown:
            raise ValueError(f"checkpoint labels {names} map to {mapped}, not to the task's labels {known}: set "
                             f"nlp.transformers_labels (checkpoint label -> task label) for {unknown}")
        self.labels = [label for label in known if label in mapped] if known else list(dict.fromkeys(mapped))
        self._columns = np.zeros((len(names), len(self.labels)))
        for i, label in enumerate(mapped):
            self._columns[i, self.labels.index(label)] = 1.0

    def predict_proba(self, records: list[dict]) -> np.ndarray:
        torch = _libraries()[0]
        out = []
        with torch.no_grad():
            for start in range(0, len(records), self.batch_size):
                texts = [record_text(r) for r in records[start:start + self.batch_size]]
                batch = self.tokenizer(texts, truncation=True, max_length=self.max_length, padding=True,
                                       return_tensors="pt")
                out.append(torch.softmax(self.model(**batch).logits, dim=-1).numpy())
        if not out:
            return np.zeros((0, len(self.labels)))
        return np.vstack(out) @ self._columns

    def fit(self, records: list[dict]) -> None:
        """Fine-tune on the records' labels (each label must be one the checkpoint's head maps to)."""
        torch = _libraries()[0]
        targets = {label: i for i, label in enumerate(
            self.label_map.get(self.model.config.id2label[k], self.model.config.id2label[k])
            for k in range(self.model.config.num_labels))}
        missing = sorted({str(r["label"]) for r in records} - set(targets))
        if missing:
            raise ValueError(f"labels {missing} are not outputs of checkpoint {self.checkpoint!r}")
        optimizer = torch.optim.AdamW(self.model.parameters(), lr=self.learning_rate)
        generator = np.random.default_rng(0)
        self.model.train()
        for _ in range(self.epochs):
            order = generator.permutation(len(records))
            for start in range(0, len(order), self.batch_size):
                chunk = [records[i] for i in order[start:start + self.batch_size]]
                batch = self.tokenizer([record_text(r) for r in chunk], truncation=True, max_length=self.max_length,
                                       padding=True, return_tensors="pt")
                labels = torch.tensor([targets[str(r["label"])] for r in chunk])
                loss = self.model(**batch, labels=labels).loss
                loss.backward()
                optimizer.step()
                optimizer.zero_grad()
        self.model.eval()

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        self.model.save_pretrained(directory)
        self.tokenizer.save_pretrained(directory)
        write_manifest(directory, task=self.task, backend=self.backend, labels=self.labels,
                       version=time.strftime("%Y%m%d%H%M%S"), label_map=self.label_map,
                       max_length=self.max_length)

    @classmethod
    def load(cls, directory: Path) -> "TransformersClassifier":
        manifest = read_manifest(Path(directory))
        return cls(manifest["task"], directory, manifest.get("label_map") or {},
                   max_length=manifest.get("max_length", 256))


register_backend(TransformersClassifier.backend, TransformersClassifier)
