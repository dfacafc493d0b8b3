"""The shipped models on the shared real dev sets (other people's data, never trained on): floors well below the
figures in the model cards, to catch a broken pipeline. Skipped when ../shared/datasets is absent."""

import pytest

from nlp.training import default_model_dir, evaluate, load_model, read_jsonl

CASES = [("sentiment", "uit_vsfc/dev.jsonl", "weighted_f1", 0.45), ("toxicity", "vihsd/dev.jsonl", "macro_f1", 0.42)]


@pytest.mark.parametrize("task,name,metric,floor", CASES, ids=[c[0] for c in CASES])
def test_shipped_model_on_real_dev_data(task, name, metric, floor, shared_datasets):
    path = shared_datasets / name
    if not path.is_file():
        pytest.skip(f"{path} absent")
    report = evaluate(task, read_jsonl(path), load_model(task, default_model_dir(task)))
    assert report[metric] >= floor
