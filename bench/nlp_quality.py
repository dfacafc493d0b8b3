"""Quality on the shared real data sets: a plain TF-IDF + logistic regression baseline beside the project's
pipeline, both trained on the train split and measured on the dev split in the same run.

The pipeline is trained by `nlp.training.train`, the function behind `diembao nlp train`, so this equals
`diembao nlp train --task sentiment --data ../shared/datasets/uit_vsfc/train.jsonl --out DIR` followed by
`diembao nlp evaluate --task sentiment --data ../shared/datasets/uit_vsfc/dev.jsonl --model DIR` (and the same for
ViHSD with --task toxicity). Its choices (C, decision weights) are tuned by cross-validation on train only; dev is
only measured. The models are written to var/ and never shipped.

    .venv/bin/python bench/nlp_quality.py [--sets uit_vsfc,vihsd]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from nlp.training import evaluate, read_jsonl, train  # noqa: E402

SHARED = ROOT.parent / "shared" / "datasets"
SETS = {"uit_vsfc": ("sentiment", "weighted_f1", 0.91), "vihsd": ("toxicity", "macro_f1", 0.67)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="uit_vsfc,vihsd")
    args = parser.parse_args()
    for name in args.sets.split(","):
        task, target_metric, target = SETS[name]
        train_file, dev_file = SHARED / name / "train.jsonl", SHARED / name / "dev.jsonl"
        if not train_file.is_file():
            print(f"{name}: {train_file} absent, skipped")
            continue
        train_records, dev_records = read_jsonl(train_file), read_jsonl(dev_file)
        gold = [r["label"] for r in dev_records]

        started = time.perf_counter()
        baseline = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=2000))
        baseline.fit([r["text"] for r in train_records], [r["label"] for r in train_records])
        predicted = baseline.predict([r["text"] for r in dev_records])
        base = {"weighted_f1": f1_score(gold, predicted, average="weighted"),
                "macro_f1": f1_score(gold, predicted, average="macro")}
        base_seconds = time.perf_counter() - started

        started = time.perf_counter()
        model, _ = train(task, train_records, ROOT / "var" / "bench" / f"{name}-{task}")
        report = evaluate(task, dev_records, model)
        seconds = time.perf_counter() - started

        print(f"{name} ({task}; train {len(train_records)}, dev {len(dev_records)})")
        print(f"  baseline TF-IDF + LR : weighted-F1 {base['weighted_f1']:.4f}  macro-F1 {base['macro_f1']:.4f}"
              f"  ({base_seconds:.0f} s)")
        print(f"  diembao nlp train    : weighted-F1 {report['weighted_f1']:.4f}  macro-F1 {report['macro_f1']:.4f}"
              f"  ({seconds:.0f} s; C={model.summary['C']}, decision weights {model.summary['decision_weights']})")
        print(f"  target {target_metric} >= {target}: {'met' if report[target_metric] >= target else 'NOT met'}")
        for label, row in report["per_class"].items():
            print(f"    {label:<10} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}  n={row['support']}")


if __name__ == "__main__":
    main()
