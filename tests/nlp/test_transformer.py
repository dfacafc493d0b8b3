"""The transformers backend runs for real on a tiny BERT the test builds and saves locally (nothing downloaded)."""

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from config.settings import NlpSettings  # noqa: E402
from nlp import Analyzer  # noqa: E402
from nlp.classifier import load_classifier  # noqa: E402
from nlp.transformer import TransformersClassifier  # noqa: E402
from tests.nlp.conftest import build_tiny_bert  # noqa: E402

RECORDS = [{"text": t, "label": l} for t, l in [
    ("biển rất đẹp quá", "positive"), ("khách sạn tốt vui", "positive"), ("dịch vụ tốt đẹp", "positive"),
    ("đường kẹt xe tệ quá", "negative"), ("dịch vụ xấu tệ", "negative"), ("buồn quá xe kẹt", "negative"),
    ("bình thường", "neutral"), ("nha trang bình thường", "neutral"), ("khách sạn bình thường", "neutral"),
]] * 4


@pytest.fixture
def checkpoint(tmp_path):
    return build_tiny_bert(tmp_path / "tiny", ["NEG", "NEU", "POS"])


def test_label_map_and_probabilities(checkpoint):
    model = TransformersClassifier("sentiment", checkpoint, {"NEG": "negative", "NEU": "neutral", "POS": "positive"})
    assert model.labels == ["negative", "neutral", "positive"]
    proba = model.predict_proba(RECORDS[:5])
    assert proba.shape == (5, 3) and np.allclose(proba.sum(axis=1), 1.0)


def test_unmapped_labels_are_refused(checkpoint):
    with pytest.raises(ValueError, match="transformers_labels"):
        TransformersClassifier("sentiment", checkpoint)


def test_missing_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="not available locally"):
        TransformersClassifier("sentiment", tmp_path / "nowhere")


def test_fine_tuning_learns_and_round_trips(checkpoint, tmp_path):
    model = TransformersClassifier("sentiment", checkpoint, {"NEG": "negative", "NEU": "neutral", "POS": "positive"},
                                   epochs=30, learning_rate=3e-3)
    model.fit(RECORDS)
    proba = model.predict_proba(RECORDS[:9])
    predicted = [model.labels[i] for i in proba.argmax(1)]
    assert sum(p == r["label"] for p, r in zip(predicted, RECORDS[:9])) >= 7
    model.save(tmp_path / "saved")
    loaded = load_classifier(tmp_path / "saved")
    assert np.allclose(loaded.predict_proba(RECORDS[:9]), proba, atol=1e-5)


def test_analyzer_uses_the_transformers_backend(checkpoint, profile):
    settings = NlpSettings(sentiment_backend="transformers", transformers_model=str(checkpoint),
                           transformers_labels={"NEG": "negative", "NEU": "neutral", "POS": "positive"},
                           uncertain_margin=0.5)
    analyzer = Analyzer.load(profile, settings)
    annotation = analyzer.analyze("biển Nha Trang rất đẹp")
    assert set(annotation.sentiment_scores) == {"negative", "neutral", "positive"}
    assert annotation.sentiment_uncertain  # an untrained head is close to uniform: shown as uncertain
    assert analyzer.versions["sentiment"] == f"transformers:{checkpoint}"
