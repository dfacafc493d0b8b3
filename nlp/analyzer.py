"""The Analyzer: every annotation of a text in one pass (relevance, places, sentiment, harmful content, topics,
entities, and the misinformation classifier's probability when that model is present).

One segmentation per text is shared by all models; large batches are split over the machine's cores."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context

import numpy as np

from config.profile import Profile
from config.settings import NlpSettings
from nlp import entities as entity_linking
from nlp.classifier import TextClassifier
from nlp.features import prepare
from nlp.gazetteer import Gazetteer
from nlp.normalize import nfc
from nlp.relevance import assess
from nlp.segment import Segmenter
from nlp.topics import KeywordTopics
from nlp.training import configured_model

ANALYZER_VERSION = "nlp1"
PARALLEL_MIN = 64  # below this many texts one process is faster than starting workers
ENTITY_WORDS = 150  # the NER reads the title and the first words (the lead); the gazetteer reads everything
TASK_MODELS = ("sentiment", "toxicity", "topic", "misinfo")


@dataclass
class Annotation:
    """All annotations of one text; fields map 1:1 onto `storage.models.Analysis` columns (plus
    `misinfo_probability`, the text classifier's share of the misinformation score, and `extra`)."""

    relevant: bool
    relevance_score: float
    matched_terms: list[dict]
    places: list[dict]
    sentiment: str | None
    sentiment_scores: dict[str, float]
    sentiment_uncertain: bool
    toxicity: str | None
    toxicity_scores: dict[str, float]
    topics: list[str]
    entities: list[dict]
    misinfo_probability: float | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _scores(labels: list[str], row: np.ndarray) -> dict[str, float]:
    return {label: round(float(p), 4) for label, p in zip(labels, row)}


class Analyzer:
    def __init__(self, profile: Profile, settings: NlpSettings, models: dict[str, TextClassifier],
                 versions: dict[str, str]):
        self.profile = profile
        self.settings = settings
        self.models = models
        self.gazetteer = Gazetteer(profile)
        self.segmenter = Segmenter(self.gazetteer.names())
        self.keywords = KeywordTopics(list(profile.topics))
        self.taxonomy = {t.key: t for t in profile.topics}
        self.versions = versions
        digest = hashlib.sha1(json.dumps([versions, profile.model_dump(mode="json"), settings.uncertain_margin,
                                          settings.relevance_threshold], sort_keys=True).encode()).hexdigest()
        self.model_version = f"{ANALYZER_VERSION}/{profile.slug}/{digest[:12]}"

    @classmethod
    def load(cls, profile: Profile, nlp_settings: NlpSettings, tasks: tuple[str, ...] = TASK_MODELS) -> "Analyzer":
        """The configured models of `tasks` (nlp.models_dir, else the shipped ones); a task without a model is
        skipped."""
        models: dict[str, TextClassifier] = {}
        versions: dict[str, str] = {}
        for task in tasks:
            live = configured_model(task, nlp_settings)
            if live is not None:
                models[task], versions[task] = live.model, live.version
        return cls(profile, nlp_settings, models, versions)

    def analyze(self, text: str, title: str | None = None) -> Annotation:
        return self._batch([(text, title)])[0]

    def analyze_many(self, pairs: list[tuple[str, str | None]], workers: int | None = None) -> list[Annotation]:
        """Annotations of (text, title) pairs in order; big batches use every core (forked worker processes)."""
        workers = workers or os.cpu_count() or 1
        transformers_backend = self.settings.sentiment_backend == "transformers"
        if workers < 2 or len(pairs) < PARALLEL_MIN or transformers_backend:
            return self._batch(pairs)
        size = max(16, -(-len(pairs) // (workers * 4)))
        chunks = [pairs[i:i + size] for i in range(0, len(pairs), size)]
        global _WORKER
        _WORKER = self
        try:
            with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
                return [a for chunk in pool.map(_analyze_chunk, chunks) for a in chunk]
        finally:
            _WORKER = None

    def _batch(self, pairs: list[tuple[str, str | None]]) -> list[Annotation]:
        records, relevance = [], []
        for text, title in pairs:
            text, title = nfc(text or ""), nfc(title) if title else None
            mentions = self.gazetteer.mentions(text, title)
            relevance.append(assess(mentions, self.settings.relevance_threshold))
            record = {"text": text, "title": title}
            record["docs"] = prepare(record, self.segmenter)
            record["words"] = record["docs"]["words"]
            records.append(record)
        proba = {task: model.predict_proba(records) for task, model in self.models.items()} if records else {}
        out = []
        for i, (record, rel) in enumerate(zip(records, relevance)):
            out.append(self._annotation(i, record, rel, proba))
        return out

    def _annotation(self, i: int, record: dict, rel, proba: dict[str, np.ndarray]) -> Annotation:
        sentiment = toxicity = None
        sentiment_scores, toxicity_scores, uncertain = {}, {}, False
        if "sentiment" in proba:
            labels = self.models["sentiment"].labels
            row = proba["sentiment"][i]
            sentiment, sentiment_scores = labels[int(row.argmax())], _scores(labels, row)
            top = np.sort(row)[::-1]
            uncertain = bool(len(top) > 1 and top[0] - top[1] < self.settings.uncertain_margin)
        if "toxicity" in proba:
            labels = self.models["toxicity"].labels
            row = proba["toxicity"][i]
            toxicity, toxicity_scores = labels[int(row.argmax())], _scores(labels, row)
        topics, topic_info = self._topics(i, record, proba)
        misinfo = None
        if "misinfo" in proba:
            labels = self.models["misinfo"].labels
            misinfo = round(float(proba["misinfo"][i][labels.index("unreliable")]), 4) if "unreliable" in labels \
                else None
        mentions = rel.mentions
        ents = entity_linking.link(record["words"][:ENTITY_WORDS], mentions) if rel.relevant else []
        return Annotation(
            relevant=rel.relevant, relevance_score=rel.score, matched_terms=[m.as_dict() for m in mentions],
            places=rel.places, sentiment=sentiment, sentiment_scores=sentiment_scores,
            sentiment_uncertain=uncertain, toxicity=toxicity, toxicity_scores=toxicity_scores, topics=topics,
            entities=[e.as_dict() for e in ents], misinfo_probability=misinfo,
            extra={"topic_reasons": topic_info, "model_versions": self.versions})

    def _topics(self, i: int, record: dict, proba: dict[str, np.ndarray]) -> tuple[list[str], dict]:
        """Topics of the profile's taxonomy: the model's decisions and the taxonomy keywords found."""
        info: dict[str, dict] = {}
        learned = set(self.models["topic"].labels) if "topic" in proba else set()
        if "topic" in proba:
            model = self.models["topic"]
            row = proba["topic"][i]
            for k in np.flatnonzero(model.decide(row[None, :])[0]):
                key = model.labels[k]
                if key in self.taxonomy:
                    info[key] = {"score": round(float(row[k]), 4), "keywords": []}
        for key, words in self.keywords.find(record["docs"]["normalized"]).items():
            if key in info:
                info[key]["keywords"] = words
            elif key not in learned:  # a topic of the profile the model has not learned: its keywords decide
                info[key] = {"score": None, "keywords": words}
        return sorted(info, key=lambda k: list(self.taxonomy).index(k)), info


_WORKER: Analyzer | None = None


def _analyze_chunk(chunk: list[tuple[str, str | None]]) -> list[Annotation]:
    assert _WORKER is not None, "worker started without an analyzer"
    return _WORKER._batch(chunk)

