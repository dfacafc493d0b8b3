import numpy as np
import pytest

from nlp.classifier import load_classifier, model_version
from nlp.linear import LinearTextClassifier
from nlp.metrics import single_label


@pytest.fixture(scope="module")
def trained(tmp_path_factory, small_split):
    train, held = small_split("sentiment", train_per_label=150)
    model = LinearTextClassifier("sentiment", c_grid=(0.3, 1.0))
    model.fit(train)
    directory = tmp_path_factory.mktemp("sentiment")
    model.save(directory)
    return model, held, directory


def test_learns_sentiment_from_a_small_slice_of_the_corpus(trained):
    model, held, _ = trained
    assert model.labels == ["negative", "neutral", "positive"]
    report = single_label([r["label"] for r in held], model.predict_proba(held), model.labels)
    assert report["macro_f1"] > 0.6  # chance is about 0.33 on three balanced classes


def test_probabilities_are_calibrated_rows(trained):
    model, held, _ = trained
    proba = model.predict_proba(held[:20])
    assert proba.shape == (20, 3)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert ((proba > 0) & (proba < 1)).all()


def test_save_and_load_give_the_same_predictions(trained):
    model, held, directory = trained
    loaded = load_classifier(directory)
    assert isinstance(loaded, LinearTextClassifier)
    assert np.allclose(loaded.predict_proba(held[:30]), model.predict_proba(held[:30]))
    assert model_version(directory).startswith("sentiment:linear:")


def test_precomputed_words_are_used(trained):
    model, _, _ = trained
    record = {"text": "Bãi biển sạch đẹp, du khách rất hài lòng"}
    with_words = {**record, "words": ["bãi biển", "sạch", "đẹp", ",", "du khách", "rất", "hài lòng"]}
    assert np.allclose(model.predict_proba([record]), model.predict_proba([with_words]), atol=0.05)


def test_too_few_examples_is_a_clear_error():
    model = LinearTextClassifier("toxicity")
    records = [{"text": f"văn bản {i}", "label": "CLEAN"} for i in range(10)] + [{"text": "đồ ngu", "label": "HATE"}]
    with pytest.raises(ValueError, match="ít nhất 6 mẫu.*HATE"):
        model.fit(records)
    with pytest.raises(ValueError, match="ít nhất hai nhãn"):
        model.fit(records[:10])


def test_smallest_trainable_data():
    records = [{"text": f"tin tốt đẹp số {i}", "label": "positive"} for i in range(6)]
    records += [{"text": f"tin xấu tệ hại số {i}", "label": "negative"} for i in range(6)]
    model = LinearTextClassifier("sentiment")
    model.fit(records)
    assert model.labels == ["negative", "positive"]
    assert model.predict_proba([{"text": "tin xấu tệ hại"}])[0].argmax() == 0
