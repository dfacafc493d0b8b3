import numpy as np

from config.topics import default_topics
from nlp.classifier import load_classifier
from nlp.metrics import multi_label
from nlp.topics import KeywordTopics, TopicClassifier, topic_labels
from nlp.dataset import split


def test_topic_model_is_multi_label_and_round_trips(tmp_path):
    train, held = split("topic")
    model = TopicClassifier(folds=2)
    model.fit(train[:500])
    assert {"traffic", "tourism", "land"} <= set(model.labels)
    proba = model.predict_proba(held[:150])
    assert proba.shape == (150, len(model.labels))
    report = multi_label([topic_labels(r) for r in held[:150]], model.decide(proba), model.labels)
    assert report["micro_f1"] > 0.4  # 15 topics; keyword-free guessing is far below
    model.save(tmp_path)
    assert np.allclose(load_classifier(tmp_path).predict_proba(held[:10]), proba[:10])


def test_topic_labels_accept_lists_and_strings():
    assert topic_labels({"label": ["land", "economy"]}) == ["land", "economy"]
    assert topic_labels({"label": "land, economy"}) == ["land", "economy"]
    assert topic_labels({"label": "land|economy"}) == ["land", "economy"]


def test_keywords_respect_diacritics():
    keywords = KeywordTopics(default_topics())
    assert "environment" in keywords.find("Bão số 5 gây ngập nhiều nơi")
    assert "environment" not in keywords.find("Cho hỏi bao nhiêu tiền một vé?")
    assert "environment" in keywords.find("bao so 5 gay ngap nhieu noi")
    assert keywords.find("Tai nạn giao thông trên quốc lộ")["traffic"] == ["tai nạn giao thông", "quốc lộ"]
