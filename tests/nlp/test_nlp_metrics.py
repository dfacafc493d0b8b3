import numpy as np
import pytest

from nlp.metrics import multi_label, single_label


def test_single_label_figures():
    labels = ["negative", "neutral", "positive"]
    gold = ["negative", "negative", "neutral", "positive"]
    proba = np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.1, 0.2, 0.7]])
    report = single_label(gold, proba, labels)
    assert report["accuracy"] == 0.75
    assert report["per_class"]["negative"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert report["confusion"]["matrix"] == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert "roc_auc" not in report


def test_binary_roc_auc_uses_the_positive_label():
    gold = ["reliable", "unreliable", "unreliable", "reliable"]
    proba = np.array([[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.7, 0.3]])
    report = single_label(gold, proba, ["reliable", "unreliable"], positive_label="unreliable")
    assert report["roc_auc"] == 1.0
    assert single_label(gold, proba, ["reliable", "unreliable"], positive_label="reliable")["roc_auc"] == 1.0
    with pytest.raises(ValueError, match="positive label"):
        single_label(gold, proba, ["reliable", "unreliable"], positive_label="fake")


def test_multi_label_figures():
    report = multi_label([["land"], ["land", "traffic"], []], np.array([[1, 0], [1, 0], [0, 1]]), ["land", "traffic"])
    assert report["accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["per_class"]["land"]["f1"] == 1.0
    assert report["confusion"]["traffic"] == [[1, 1], [1, 0]]
