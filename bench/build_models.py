"""Rebuild the shipped default models in nlp/models/<task>/ and their MODEL_CARD.md.

Each model is trained with the project's own command (`diembao nlp train`) on the training part of the project's
corpus only; the card reports `diembao nlp evaluate` on the corpus's held-out fifth (never seen in training) and on
the shared real dev sets when ../shared/datasets is present (measurement only; nothing from them is shipped).

    .venv/bin/python bench/build_models.py [--tasks sentiment,toxicity,topic]

The misinformation model has its own builder with its own card: `python -m nlp.misinfo_model`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.dataset import HELDOUT_PERCENT, split  # noqa: E402
from nlp.training import SHIPPED_MODELS, write_jsonl  # noqa: E402

SHARED = ROOT.parent / "shared" / "datasets"
REAL_DEV = {"sentiment": [("UIT-VSFC dev (student feedback, out of domain)", SHARED / "uit_vsfc" / "dev.jsonl")],
            "toxicity": [("ViHSD dev (Facebook/YouTube comments)", SHARED / "vihsd" / "dev.jsonl")],
            "topic": []}
PURPOSE = {
    "sentiment": "Sắc thái (tiêu cực / trung lập / tích cực) of press and social texts about the province. Labels "
                 "`negative`, `neutral`, `positive`; the analyzer marks a prediction *uncertain* when the top two "
                 "probabilities are closer than `nlp.uncertain_margin`.",
    "toxicity": "Harmful content (*thông tin xấu độc*): `CLEAN`, `OFFENSIVE` (insults, profanity), `HATE` (attacks "
                "on a group or calls for harm).",
    "topic": "Topics (multi-label) of the default taxonomy (`config/topics.yaml`); one probability per topic with "
             "a threshold tuned on out-of-fold predictions of the training data.",
}


def cli(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"diembao {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def evaluate(task: str, data: Path) -> dict:
    return json.loads(cli("nlp", "evaluate", "--task", task, "--data", str(data), "--json").strip().splitlines()[-1])


def table(report: dict) -> str:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, row in report["per_class"].items():
        lines.append(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    head = (f"{report['examples']} examples: accuracy {report['accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f}, "
            f"weighted-F1 {report['weighted_f1']:.3f}")
    if report.get("roc_auc") is not None:
        head += f", ROC-AUC ({report['positive_label']}) {report['roc_auc']:.3f}"
    if "micro_f1" in report:
        head += f", micro-F1 {report['micro_f1']:.3f}"
    return head + "\n\n" + "\n".join(lines)


def confusion(report: dict) -> str:
    matrix = report["confusion"]
    if "matrix" not in matrix:
        return ""
    lines = ["| gold \\ predicted | " + " | ".join(matrix["labels"]) + " |",
             "|---|" + "---|" * len(matrix["labels"])]
    lines += [f"| {label} | " + " | ".join(map(str, row)) + " |" for label, row in zip(matrix["labels"], matrix["matrix"])]
    return "\n\nConfusion matrix (rows: gold):\n\n" + "\n".join(lines)


def build(task: str, work: Path) -> None:
    train, heldout = split(task)
    train_file, heldout_file = work / f"{task}.train.jsonl", work / f"{task}.heldout.jsonl"
    write_jsonl(train_file, train)
    write_jsonl(heldout_file, heldout)
    out = SHIPPED_MODELS / task
    started = time.monotonic()
    print(cli("nlp", "train", "--task", task, "--data", str(train_file), "--out", str(out)), end="")
    seconds = time.monotonic() - started
    manifest = json.loads((out / "model.json").read_text(encoding="utf-8"))
    held = evaluate(task, heldout_file)
    sections = [f"# Model card: `{task}` (shipped default)", "", PURPOSE[task], "",
                "## Training", "",
                f"- Data: the project's own corpus (`nlp/corpus/`, see `DATASHEET.md`), the {100 - HELDOUT_PERCENT}% "
                f"not held out: {len(train)} examples.",
                f"- Command: `diembao nlp train --task {task} --data {task}.train.jsonl --out nlp/models/{task}` "
                f"(rebuilt by `bench/build_models.py`; {seconds:.0f} s on this machine).",
                f"- Backend `{manifest['backend']}`; training summary: `{json.dumps(manifest['training'], ensure_ascii=False)}`",
                f"- Size on disk: {sum(f.stat().st_size for f in out.iterdir()) / 1e6:.2f} MB.", "",
                "## Held-out part of the corpus (never seen in training)", "",
                f"The {HELDOUT_PERCENT}% of the corpus chosen by a hash of each example's id.", "",
                table(held) + confusion(held)]
    genres = sorted({r["genre"] for r in heldout})
    if task != "topic":
        rows = []
        for genre in genres:
            part = work / f"{task}.heldout.{genre}.jsonl"
            write_jsonl(part, [r for r in heldout if r["genre"] == genre])
            report = evaluate(task, part)
            rows.append(f"| {genre} | {report['examples']} | {report['accuracy']:.3f} | {report['macro_f1']:.3f} |")
        sections += ["", "By genre:", "", "| genre | examples | accuracy | macro-F1 |", "|---|---|---|---|", *rows]
    sections += ["", "## Shared real data (other people's data, measurement only)", ""]
    if not REAL_DEV[task]:
        sections.append("No public data set with this taxonomy is available; only the held-out figures apply.")
    for name, path in REAL_DEV[task]:
        if path.is_file():
            sections += [f"### {name}", "", table(evaluate(task, path)), ""]
        else:
            sections.append(f"{name}: not measured ({path} absent).")
    sections += ["", "## Limits", "",
                 f"- Trained on {len(train):,} examples written for the project: expect lower figures on real traffic, "
                 "above all on genres and slang the corpus lacks. Retrain with reviewers' labels (`nlp train`).",
                 "- The shared real sets differ in domain and labelling guidelines from the corpus; their figures "
                 "show how far the shipped model travels, not how it was tuned (it never saw them).", ""]
    (out / "MODEL_CARD.md").write_text("\n".join(sections), encoding="utf-8")
    print(f"{task}: held-out macro-F1 {held['macro_f1']:.3f}, card written to {out / 'MODEL_CARD.md'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", default="sentiment,toxicity,topic")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "corpus")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for task in args.tasks.split(","):
        build(task, args.work)


if __name__ == "__main__":
    main()
