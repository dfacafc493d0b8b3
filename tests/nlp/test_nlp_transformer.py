"""The transformers backend runs for real on a tiny BERT the test builds and saves locally (nothing downloaded)."""

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from config.settings import NlpSettings  # noqa: E402
from nlp import Analyzer  # noqa: E402
from nlp.classifier import load_classifier  # noqa: E402
from nlp.transformer import TransformersClassifier  # noqa: E402

RECORDS = [{"text": t, "label": l} for t, l in [
    ("biển rất đẹp quá", "positive"), ("khách sạn tốt vui", "positive"), ("dịch vụ tốt đẹp", "positive"),
    ("đường kẹt xe tệ quá", "negative"), ("dịch vụ xấu tệ", "negative"), ("buồn quá xe kẹt", "negative"),
    ("bình thường", "neutral"), ("nha trang bình thường", "neutral"), ("khách sạn bình thường", "neutral"),
]] * 4


@pytest.fixture
def checkpoint(tmp_path, tiny_bert):
    return tiny_bert(tmp_path / "tiny", ["NEG", "NEU", "POS"])


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


def gold_probability(model, records):
    proba = model.predict_proba(records)
    return float(np.mean([row[model.labels.index(r["label"])] for row, r in zip(proba, records)]))


def test_fine_tuning_learns_and_round_trips(checkpoint, tmp_path):
    model = TransformersClassifier("sentiment", checkpoint, {"NEG": "negative", "NEU": "neutral", "POS": "positive"},
                                   epochs=20, learning_rate=1e-2)
    before = gold_probability(model, RECORDS[:9])
    model.fit(RECORDS)
    after = gold_probability(model, RECORDS[:9])
    assert after > before + 0.2  # the gold labels became much more likely
    model.save(tmp_path / "saved")
    loaded = load_classifier(tmp_path / "saved")
    assert loaded.labels == model.labels
    assert np.allclose(loaded.predict_proba(RECORDS[:9]), model.predict_proba(RECORDS[:9]), atol=1e-5)


def test_analyzer_uses_the_transformers_backend(checkpoint, profile):
    settings = NlpSettings(sentiment_backend="transformers", transformers_model=str(checkpoint),
                           transformers_labels={"NEG": "negative", "NEU": "neutral", "POS": "positive"},
                           uncertain_margin=0.5)
    analyzer = Analyzer.load(profile, settings)
    annotation = analyzer.analyze("biển Nha Trang rất đẹp")
    assert set(annotation.sentiment_scores) == {"negative", "neutral", "positive"}
    assert annotation.sentiment_uncertain  # an untrained head is close to uniform: shown as uncertain
    assert analyzer.versions["sentiment"] == f"transformers:{checkpoint}"
