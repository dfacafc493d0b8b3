"""Build the shipped misinformation model from the project's own corpus, with an honest model card.

    .venv/bin/python -m nlp.misinfo_model [--out nlp/models/misinfo] [--reintel ../shared/datasets/reintel/train.jsonl]

The corpus examples with a `misinfo` label (press, forum and social posts written for the project) are split 80/20
(stratified, fixed seed); the model trained on the 80% is measured on the 20% it never saw, and 5-fold stratified
cross-validation gives the spread. The shipped model is then trained on all of them. When the research-only ReINTEL
data is present, the shipped model is also measured on it (real posts, out of domain, never trained on)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from nlp.misinfo import DEFAULT_MODEL_DIR, LABELS, MisinfoClassifier

CORPUS_DIR = Path(__file__).parent / "corpus"
SEED = 20250615


def corpus_records(folder: Path = CORPUS_DIR) -> list[dict]:
    """Every corpus example with a misinformation label, as classifier records."""
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line) if line.strip() else {}
            if row.get("misinfo") in LABELS:
                records.append({"text": row["text"], "label": row["misinfo"], "genre": row.get("genre"),
                                "id": row.get("id"), "file": path.name})
    return records


def _unreliable(model: MisinfoClassifier, records: list[dict]) -> np.ndarray:
    return model.predict_proba(records)[:, model.labels.index("unreliable")]


def measure(model: MisinfoClassifier, records: list[dict]) -> dict:
    """ROC-AUC, per-class precision/recall/F1/support at the 0.5 cut, and the confusion matrix."""
    y = np.array([LABELS.index(r["label"]) for r in records])
    p = _unreliable(model, records)
    predicted = (p >= 0.5).astype(int)
    precision, recall, f1, support = precision_recall_fscore_support(y, predicted, labels=[0, 1], zero_division=0)
    return {
        "roc_auc": float(roc_auc_score(y, p)),
        "per_class": {label: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                              "support": int(support[i])} for i, label in enumerate(LABELS)},
        "accuracy": float((predicted == y).mean()),
        "confusion": confusion_matrix(y, predicted, labels=[0, 1]).tolist(),
    }


def cross_validated_auc(records: list[dict], folds: int = 5) -> list[float]:
    y = np.array([LABELS.index(r["label"]) for r in records])
    aucs = []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(records, y):
        model = MisinfoClassifier(seed=SEED).fit([records[i] for i in train])
        aucs.append(float(roc_auc_score(y[test], _unreliable(model, [records[i] for i in test]))))
    return aucs


def _table(result: dict) -> str:
    lines = ["| class | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, m in result["per_class"].items():
        lines.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    (tn, fp), (fn, tp) = result["confusion"]
    lines += ["", f"ROC-AUC {result['roc_auc']:.4f}; accuracy {result['accuracy']:.3f}; confusion (rows true "
              f"reliable/unreliable, columns predicted): [[{tn}, {fp}], [{fn}, {tp}]]"]
    return "\n".join(lines)


def model_card(records: list[dict], held_out: dict, cv: list[float], reintel: dict | None) -> str:
    counts = {label: sum(r["label"] == label for r in records) for label in LABELS}
    genres: dict[str, int] = {}
    files: dict[str, int] = {}
    for r in records:
        genres[r["genre"]] = genres.get(r["genre"], 0) + 1
        files[r["file"]] = files.get(r["file"], 0) + 1
    reintel_part = ("Not measured: the research-only ReINTEL data was not present when this card was written."
                    if reintel is None else
                    f"Measured on ReINTEL train ({reintel['records']} real Facebook posts, research-only, never "
                    f"trained on; text only, as the shipped model has no engagement data to learn from):\n\n"
                    f"{_table(reintel['result'])}")
    return f"""# Model card: misinformation (task `misinfo`), shipped default

Built {dt.date.today().isoformat()} by `python -m nlp.misinfo_model`; class `nlp.misinfo.MisinfoClassifier`;
labels `reliable` / `unreliable` (shown as "Đáng tin cậy" / "Nghi vấn sai sự thật").

## What it is
A text stage (word 1–2-gram and character 2–5-gram TF-IDF into a logistic regression, probabilities made out of
fold) stacked with gradient-boosted trees over that probability, the shape of the text (length, links, capitals,
exclamation marks, line breaks, hashtags) and rumour signs (calls to share, sensational wording, hearsay, "they are
hiding it", look-alike government links, unsourced claims about officials, disasters, health or money). The same
class also uses engagement, timing and the account's history when the training records carry them; the project's
corpus carries none, so this model learnt from the text alone.

In the product this probability is one input of the misinformation score (`bot/misinfo/score.py`), beside the
registry of checked claims, the source tier and engagement velocity.

## Training data
The project's own corpus (`nlp/corpus/*.jsonl`, written for the project; see its datasheet): {len(records)} examples
with a misinformation label, {counts['reliable']} reliable and {counts['unreliable']} unreliable; genres:
{', '.join(f'{g} {n}' for g, n in sorted(genres.items()))}; files: {', '.join(f'{f} {n}' for f, n in sorted(files.items()))}
(`misinfo_additions.jsonl` holds rumours, refutations and official notices written for this task). No
research-only data was used.

## Results on held-out parts of the corpus
Stratified 80/20 split (seed {SEED}): trained on {held_out['train']} examples, measured on the {held_out['test']}
it never saw, cut at 0.5:

{_table(held_out['result'])}

5-fold stratified cross-validation ROC-AUC: {np.mean(cv):.4f} ± {np.std(cv):.4f} (folds: {', '.join(f'{a:.3f}' for a in cv)}).

The corpus is small and written by one team: these figures say the model separates the corpus's rumours from its
ordinary posts, not that it will do as well on real posts.

## On real posts (out of domain)
{reintel_part}

For real data, retrain on reviewers' decisions (`diembao reviews export --task misinfo`, then the NLP training
command) and measure the installed model on them.

## Limits
- Short texts and texts that merely report a rumour to refute it can look like rumours.
- The probability is not calibrated against real prevalence: the corpus over-represents rumours.
- The research experiment on ReINTEL (grouped by author, with engagement and timing) is in `bench/misinfo_reintel.py`;
  that model is never shipped.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--reintel", type=Path,
                        default=Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "reintel"
                        / "train.jsonl")
    args = parser.parse_args()
    records = corpus_records()
    y = [r["label"] for r in records]
    train, test = train_test_split(records, test_size=0.2, stratify=y, random_state=SEED)
    held_out = {"train": len(train), "test": len(test),
                "result": measure(MisinfoClassifier(seed=SEED).fit(train), test)}
    print("held-out:", json.dumps(held_out["result"], indent=None))
    cv = cross_validated_auc(records)
    print("5-fold ROC-AUC:", [round(a, 4) for a in cv])
    model = MisinfoClassifier(seed=SEED).fit(records)
    reintel = None
    if args.reintel.is_file():
        real = [json.loads(line) for line in args.reintel.open(encoding="utf-8") if line.strip()]
        text_only = [{"text": r.get("text") or "", "label": r["label"]} for r in real]
        reintel = {"records": len(real), "result": measure(model, text_only)}
        print("ReINTEL (out of domain):", json.dumps(reintel["result"]))
    model.save(args.out)
    (args.out / "MODEL_CARD.md").write_text(model_card(records, held_out, cv, reintel), encoding="utf-8")
    print(f"saved to {args.out}")


if __name__ == "__main__":
    main()
