"""The project's own labelled corpus (`nlp/corpus/*.jsonl`, written for diembao) as training records per task,
with a fixed held-out part that no shipped model is trained on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

CORPUS_DIR = Path(__file__).parent / "corpus"
HELDOUT_PERCENT = 20
FIELDS = {"sentiment": "sentiment", "toxicity": "toxicity", "misinfo": "misinfo", "topic": "topics"}


def corpus(directory: Path = CORPUS_DIR) -> list[dict]:
    rows = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def is_heldout(row: dict) -> bool:
    """A stable fifth of the corpus, chosen by a hash of the example's id."""
    return int(hashlib.sha1(row["id"].encode()).hexdigest()[:8], 16) % 100 < HELDOUT_PERCENT


def task_records(task: str, rows: list[dict]) -> list[dict]:
    """Records with `text` and `label` for `task` (topics: the list of topic keys), other fields kept."""
    field = FIELDS[task]
    out = []
    for row in rows:
        if row.get(field) is None:
            continue
        out.append({"id": row["id"], "text": row["text"], "label": row[field], "genre": row["genre"]})
    return out


def split(task: str, rows: list[dict] | None = None) -> tuple[list[dict], list[dict]]:
    records = task_records(task, corpus() if rows is None else rows)
    return [r for r in records if not is_heldout(r)], [r for r in records if is_heldout(r)]
