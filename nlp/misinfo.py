"""Misinformation classifier (task "misinfo", labels reliable / unreliable): text plus what text misses.

Two stages, stacked:
1. a text model: word 1–2-gram and character 2–5-gram TF-IDF into a logistic regression. Its probabilities for the
   training records are made out of fold (grouped by author when authors are known), so the second stage learns how
   far to trust the text on records the text model has not seen;
2. gradient-boosted trees over that probability and the metadata: engagement (likes, comments, shares and their
   ratios), timing (hour and weekday in Asia/Ho_Chi_Minh), the shape of the text (length, links, capitals,
   exclamation marks, line breaks, hashtags), rumour signs (nlp.signals), and the account's history computed
   without labels: how many posts of the account are known and the text model's mean probability over the
   account's other posts. Missing metadata is simply missing (the trees route it), so one model serves records
   with and without engagement.

Records are dicts with "text" and "label" and optionally num_like_post, num_comment_post, num_share_post,
timestamp_post (unix seconds or ISO), user_name_hash (any stable account id). Pure: no storage, no network."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy.sparse import hstack
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from nlp.classifier import register_backend, write_manifest
from nlp.normalize import fold
from nlp.signals import capitals_share, detect

LABELS = ("reliable", "unreliable")
DEFAULT_MODEL_DIR = Path(__file__).parent / "models" / "misinfo"
LOCAL_OFFSET = dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving
SIGNAL_CODES = ("call_to_share", "sensational", "hearsay", "cover_up", "suspicious_link", "unsourced_officials",
                "unsourced_disaster", "unsourced_health", "unsourced_money")
ENGAGEMENT = (("num_like_post", "likes"), ("num_comment_post", "comments"), ("num_share_post", "shares"))
FEATURES = ("text_probability", "author_text_probability", "author_posts", "likes", "comments", "shares",
            "comments_per_like", "shares_per_like", "hour", "weekday", "length", "links", "capitals", "exclamations",
            "line_breaks", "hashtags", *(f"signal_{code}" for code in SIGNAL_CODES))


def _number(record: dict[str, Any], *keys: str) -> float | None:
    for key in keys:
        value = record.get(key)
        if value is None or value == "":
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number) and number >= 0:
            return number
    return None


def _timestamp(record: dict[str, Any]) -> dt.datetime | None:
    value = record.get("timestamp_post", record.get("published_at"))
    if value in (None, ""):
        return None
    try:
        if isinstance(value, (int, float)):
            return dt.datetime.fromtimestamp(float(value), dt.timezone.utc)
        moment = dt.datetime.fromisoformat(str(value))
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def _author(record: dict[str, Any]) -> str | None:
    author = record.get("user_name_hash") or record.get("author_id")
    return str(author) if author else None


def _text(record: dict[str, Any]) -> str:
    text = record.get("text")
    return text if isinstance(text, str) else ""


def record_features(record: dict[str, Any]) -> dict[str, float]:
    """The metadata and text-shape features of one record (NaN where unknown)."""
    text = _text(record)
    nan = float("nan")
    likes, comments, shares = (_number(record, *keys) for keys in ENGAGEMENT)
    when = _timestamp(record)
    local = when.astimezone(dt.timezone.utc) + LOCAL_OFFSET if when else None
    signals = {s.code for s in detect(text)}
    features = {
        "likes": math.log1p(likes) if likes is not None else nan,
        "comments": math.log1p(comments) if comments is not None else nan,
        "shares": math.log1p(shares) if shares is not None else nan,
        "comments_per_like": math.log1p(comments) - math.log1p(likes) if None not in (likes, comments) else nan,
        "shares_per_like": math.log1p(shares) - math.log1p(likes) if None not in (likes, shares) else nan,
        "hour": float(local.hour) if local else nan,
        "weekday": float(local.weekday()) if local else nan,
        "length": math.log1p(len(text)),
        "links": float(text.count("http") + text.count("www.")),
        "capitals": capitals_share(text),
        "exclamations": float(text.count("!")),
        "line_breaks": float(text.count("\n")),
        "hashtags": float(text.count("#")),
    }
    features.update({f"signal_{code}": float(code in signals) for code in SIGNAL_CODES})
    return features


class MisinfoClassifier:
    """The classifier protocol: fit(records), predict_proba(records) -> (n × len(labels)), labels, task, save, load."""

    task = "misinfo"
    backend = "misinfo"
    MODEL_FILE = "model.joblib"

    def __init__(self, task: str = "misinfo", folds: int = 4, seed: int = 0, word_features: int = 100_000,
                 char_features: int = 100_000):
        if task != self.task:
            raise ValueError(f"MisinfoClassifier serves task 'misinfo', not {task!r}")
        self.labels = list(LABELS)
        self.folds = folds
        self.seed = seed
        self.word_features = word_features
        self.char_features = char_features
        self.info: dict[str, Any] = {}

    # text stage -----------------------------------------------------------------------------------------------
    def _text_fit(self, texts: Sequence[str], y: np.ndarray):
        word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=self.word_features,
                               dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3,
                               max_features=self.char_features, dtype=np.float32)
        matrix = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
        model = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced").fit(matrix, y)
        return word, char, model

    @staticmethod
    def _text_proba(stage, texts: Sequence[str]) -> np.ndarray:
        word, char, model = stage
        return model.predict_proba(hstack([word.transform(texts), char.transform(texts)]).tocsr())[:, 1]

    def _out_of_fold(self, texts: list[str], y: np.ndarray, authors: list[str | None]) -> np.ndarray:
        """Text probabilities for the training records from models that did not see them (nor their author)."""
        groups = [a if a is not None else f"\x00{i}" for i, a in enumerate(authors)]
        folds = min(self.folds, int(np.bincount(y).min()))
        if folds < 2:
            raise ValueError("cần ít nhất 2 ví dụ mỗi nhãn để huấn luyện")
        if len(set(groups)) >= folds and any(a is not None for a in authors):
            splits = GroupKFold(folds).split(texts, y, groups)
        else:
            splits = StratifiedKFold(folds, shuffle=True, random_state=self.seed).split(texts, y)
        oof = np.zeros(len(texts))
        for train, held in splits:
            stage = self._text_fit([texts[i] for i in train], y[train])
            oof[held] = self._text_proba(stage, [texts[i] for i in held])
        return oof

    # features -------------------------------------------------------------------------------------------------
    def _matrix(self, records: Sequence[dict[str, Any]], text_probability: np.ndarray) -> np.ndarray:
        """Features of `records`; the account features use the other records of the same account in this batch
        and, for accounts seen in training, the training history (post counts, no labels)."""
        authors = [_author(r) for r in records]
        batch_posts = Counter(a for a in authors if a)
        sums: dict[str, float] = defaultdict(float)
        for author, p in zip(authors, text_probability):
            if author:
                sums[author] += p
        history = self.info.get("author_history", {})
        rows = []
        for record, author, p in zip(records, authors, text_probability):
            features = record_features(record)
            features["text_probability"] = float(p)
            known_posts, known_sum = history.get(author, (0, 0.0)) if author else (0, 0.0)
            others = batch_posts.get(author, 0) - 1 + known_posts if author else -1
            features["author_posts"] = math.log1p(others + 1) if author else float("nan")
            features["author_text_probability"] = (
                (sums[author] - p + known_sum) / others if author and others > 0 else float("nan"))
            rows.append([features[name] for name in FEATURES])
        return np.asarray(rows, dtype=float)

    def _labels(self, records: Sequence[dict[str, Any]]) -> np.ndarray:
        y = []
        for i, record in enumerate(records):
            label = record.get("label")
            if label not in self.labels:
                raise ValueError(f"bản ghi {i + 1}: nhãn {label!r} không hợp lệ; cần một trong {self.labels}")
            y.append(self.labels.index(label))
        return np.asarray(y)

    # protocol -------------------------------------------------------------------------------------------------
    def fit(self, records: Sequence[dict[str, Any]]) -> "MisinfoClassifier":
        records = list(records)
        y = self._labels(records)
        texts = [fold(_text(r)) for r in records]
        authors = [_author(r) for r in records]
        oof = self._out_of_fold(texts, y, authors)
        self.info = {"author_history": {}}  # the training matrix uses the records themselves, not a history
        matrix = self._matrix(records, oof)
        self._text_stage = self._text_fit(texts, y)
        # metadata absent from every training record (a corpus without engagement) is left out: the trees could
        # not learn from it, and an all-missing column breaks their binning
        self._columns = [j for j in range(matrix.shape[1]) if not np.isnan(matrix[:, j]).all()]
        trees = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.04, max_leaf_nodes=15,
                                               min_samples_leaf=20, l2_regularization=1.0, random_state=self.seed)
        with threadpool_limits(limits=1, user_api="openmp"):  # a few thousand rows: threads only cost here
            self._trees = trees.fit(matrix[:, self._columns], y)
        history: dict[str, tuple[int, float]] = {}
        for author, p in zip(authors, oof):  # out-of-fold, as the trees saw them
            if author:
                posts, total = history.get(author, (0, 0.0))
                history[author] = (posts + 1, total + float(p))
        self.info = {"author_history": history, "records": len(records),
                     "label_counts": {label: int((y == i).sum()) for i, label in enumerate(self.labels)}}
        return self

    def predict_proba(self, records: Sequence[dict[str, Any]]) -> np.ndarray:
        records = list(records)
        if not records:
            return np.zeros((0, len(self.labels)))
        texts = [fold(_text(r)) for r in records]
        text_probability = self._text_proba(self._text_stage, texts)
        with threadpool_limits(limits=1, user_api="openmp"):
            return self._trees.predict_proba(self._matrix(records, text_probability)[:, self._columns])

    def predict_text_proba(self, records: Sequence[dict[str, Any]]) -> np.ndarray:
        """The text stage alone (probability of "unreliable"), for comparison and explanation."""
        return self._text_proba(self._text_stage, [fold(_text(r)) for r in records])

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, directory / self.MODEL_FILE, compress=3)
        write_manifest(directory, task=self.task, backend=self.backend, labels=self.labels,
                       version=dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S"),
                       training={"features": [FEATURES[j] for j in self._columns],
                                 "examples": self.info.get("records"), "label_counts": self.info.get("label_counts")})
        return directory

    @classmethod
    def load(cls, directory: str | Path) -> "MisinfoClassifier":
        path = Path(directory) / cls.MODEL_FILE
        if not path.is_file():
            raise FileNotFoundError(f"không có mô hình tin sai sự thật tại {path}")
        model = joblib.load(path)
        if not isinstance(model, cls):
            raise ValueError(f"{path} không phải mô hình tin sai sự thật")
        return model


register_backend(MisinfoClassifier.backend, MisinfoClassifier)
