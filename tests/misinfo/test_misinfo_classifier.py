import random

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from nlp.misinfo import DEFAULT_MODEL_DIR, MisinfoClassifier, record_features
from nlp.misinfo_model import corpus_records


@pytest.fixture(scope="module")
def corpus():
    records = corpus_records()
    random.Random(7).shuffle(records)
    return records


def _small(corpus, n=360):
    """A balanced slice of the corpus: fast to train on."""
    unreliable = [r for r in corpus if r["label"] == "unreliable"][: n // 3]
    reliable = [r for r in corpus if r["label"] == "reliable"][: n - len(unreliable)]
    return reliable + unreliable


def test_protocol_and_round_trip(corpus, tmp_path):
    records = _small(corpus)
    model = MisinfoClassifier(folds=3).fit(records[::2])
    assert model.task == "misinfo" and model.labels == ["reliable", "unreliable"]
    probs = model.predict_proba(records[1::2])
    assert probs.shape == (len(records[1::2]), 2) and np.allclose(probs.sum(axis=1), 1)
    y = [r["label"] == "unreliable" for r in records[1::2]]
    assert roc_auc_score(y, probs[:, 1]) > 0.85  # held-out half of the corpus slice
    model.save(tmp_path / "m")
    again = MisinfoClassifier.load(tmp_path / "m")
    assert np.array_equal(again.predict_proba(records[1::2]), probs)
    assert (tmp_path / "m" / "model.json").read_text(encoding="utf-8").count('"unreliable"') >= 1
    assert model.predict_proba([]).shape == (0, 2)


def test_metadata_carries_what_text_misses(corpus):
    """Labels drawn at random for corpus texts (so the text says nothing) and engagement and timing that follow
    the label: the full model must find the signal the text stage cannot."""
    rng = random.Random(11)
    records = []
    for i, row in enumerate(corpus[:480]):
        unreliable = rng.random() < 0.35
        likes = rng.randint(50, 400)
        shares = int(likes * (rng.uniform(0.8, 3.0) if unreliable else rng.uniform(0.0, 0.4)))
        hour = rng.choice([22, 23, 0, 1]) if unreliable and rng.random() < 0.7 else rng.randint(7, 20)
        records.append({"text": row["text"], "label": "unreliable" if unreliable else "reliable",
                        "num_like_post": likes, "num_share_post": shares, "num_comment_post": rng.randint(0, 50),
                        "timestamp_post": 1_717_200_000 + i * 86_400 + (hour - 7) % 24 * 3600,
                        "user_name_hash": f"acc{i}"})
    train, test = records[:360], records[360:]
    model = MisinfoClassifier(folds=3).fit(train)
    y = [r["label"] == "unreliable" for r in test]
    text_auc = roc_auc_score(y, model.predict_text_proba(test))
    full_auc = roc_auc_score(y, model.predict_proba(test)[:, 1])
    assert text_auc < 0.7 and full_auc > 0.9


def test_account_history_is_label_free(corpus):
    records = _small(corpus, 240)
    for i, r in enumerate(records):
        r["user_name_hash"] = f"acc{i % 40}"
    model = MisinfoClassifier(folds=3).fit(records)
    batch = [dict(r) for r in records[:20]]
    flipped = [dict(r, label="reliable" if r["label"] == "unreliable" else "unreliable") for r in batch]
    unlabelled = [{k: v for k, v in r.items() if k != "label"} for r in batch]
    assert np.array_equal(model.predict_proba(batch), model.predict_proba(flipped))
    assert np.array_equal(model.predict_proba(batch), model.predict_proba(unlabelled))


def test_record_features_read_both_spellings_and_tolerate_junk():
    features = record_features({"text": "CHIA SẺ GẤP!!! xem http://bit.ly/x #tin", "num_like_post": "12",
                                "num_share_post": -3, "num_comment_post": "n/a", "timestamp_post": 1717200000})
    assert features["likes"] == pytest.approx(np.log1p(12))
    assert np.isnan(features["shares"]) and np.isnan(features["comments"])
    assert features["hour"] == 7.0 and features["links"] == 1.0 and features["hashtags"] == 1.0
    assert features["signal_call_to_share"] == 1.0 and features["signal_suspicious_link"] == 1.0
    iso = record_features({"text": "", "published_at": "2024-06-01T00:30:00+00:00"})
    assert iso["hour"] == 7.0 and iso["length"] == 0.0


def test_bad_labels_and_missing_model(tmp_path):
    with pytest.raises(ValueError, match="bản ghi 2: nhãn 'fake'"):
        MisinfoClassifier().fit([{"text": "a", "label": "reliable"}, {"text": "b", "label": "fake"}])
    with pytest.raises(ValueError, match="ít nhất 2 ví dụ"):
        MisinfoClassifier().fit([{"text": "a", "label": "reliable"}, {"text": "b", "label": "unreliable"}])
    with pytest.raises(FileNotFoundError, match="không có mô hình"):
        MisinfoClassifier.load(tmp_path)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / MisinfoClassifier.MODEL_FILE).exists(), reason="no shipped model")
def test_shipped_model_separates_new_rumours_from_news():
    model = MisinfoClassifier.load(DEFAULT_MODEL_DIR)
    rumours = [
        {"text": "CHIA SẺ GẤP!!! Nghe nói tối nay cắt điện toàn thành phố Nha Trang 2 ngày, bên điện lực giấu không "
                 "thông báo, mọi người trữ nước gấp"},
        {"text": "Có người quen làm trong bệnh viện kể ổ dịch lạ đã lan ra 3 xã ở Cam Lâm mà bị bưng bít, share cho "
                 "người thân biết!!!"},
    ]
    news = [
        {"text": "UBND tỉnh Khánh Hòa tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2025"},
        {"text": "Sở Y tế Khánh Hòa cho biết số ca sốt xuất huyết trong tuần giảm 12% so với tuần trước."},
    ]
    p = model.predict_proba(rumours + news)[:, model.labels.index("unreliable")]
    assert min(p[:2]) > 0.5 > max(p[2:])
    assert (DEFAULT_MODEL_DIR / "MODEL_CARD.md").exists()
