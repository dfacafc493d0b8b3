"""Scoring stored items: the claim index and the classifier are loaded once per process and reused."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy.orm import Session

from bot.claims.matching import ClaimIndex, ItemClaimMatch
from bot.misinfo.score import Assessment, assess
from config import Settings
from bot.records import item_record, item_text
from nlp.misinfo import DEFAULT_MODEL_DIR, MisinfoClassifier
from nlp.rebuttal import rebuttal
from nlp.signals import detect
from storage.models import Item

log = logging.getLogger(__name__)


def model_dir(settings: Settings) -> Path | None:
    """The operator's model (settings.nlp.models_dir/misinfo) when present, else the shipped default."""
    if settings.nlp.models_dir is not None:
        own = Path(settings.nlp.models_dir) / "misinfo"
        if (own / MisinfoClassifier.MODEL_FILE).exists():
            return own
    return DEFAULT_MODEL_DIR if (DEFAULT_MODEL_DIR / MisinfoClassifier.MODEL_FILE).exists() else None


DEFAULT = "default"
_SHARED: dict[tuple, "MisinfoAssessor"] = {}


class MisinfoAssessor:
    """One per process (the analysis loop keeps it): claim index kept in step, classifier loaded once.

    `classifier` is the installed model by default (the operator's, else the shipped one), a given classifier, or
    None to score without one."""

    def __init__(self, settings: Settings, classifier: MisinfoClassifier | None | str = DEFAULT):
        self.settings = settings
        self.claims = ClaimIndex(settings.misinfo)
        self._classifier = None if classifier == DEFAULT else classifier
        self._loaded = classifier != DEFAULT

    @property
    def classifier(self) -> MisinfoClassifier | None:
        if not self._loaded:
            self._loaded = True
            path = model_dir(self.settings)
            if path is None:
                log.warning("no misinformation model installed: scores rest on claims, sources and wording only")
            else:
                self._classifier = MisinfoClassifier.load(path)
        return self._classifier

    def probabilities(self, items: list[Item]) -> list[float | None]:
        """The classifier's probability of "unreliable" for each item, in one batch (None without a model)."""
        classifier = self.classifier
        if classifier is None or not items:
            return [None] * len(items)
        probs = classifier.predict_proba([item_record(item) for item in items])
        column = classifier.labels.index("unreliable")
        return [float(p) for p in probs[:, column]]

    def claim_matches(self, session: Session, items: list[Item]) -> dict[int, list[ItemClaimMatch]]:
        """The registered claims each item repeats or rebuts, best first (for stories and then for scoring)."""
        return {item.id: self.claims.match_item(session, item) for item in items}

    def assess(self, session: Session, item: Item, now: dt.datetime | None = None,
               probability: float | None | str = DEFAULT,
               claim_matches: list[ItemClaimMatch] | None = None) -> Assessment:
        """Score one item; pass `probability` and `claim_matches` when they were computed for a whole batch with
        `probabilities` and `claim_matches`."""
        if probability == DEFAULT:
            probability = self.probabilities([item])[0]
        if claim_matches is None:
            claim_matches = self.claims.match_item(session, item)
        text = item_text(item)
        return assess(item, classifier_probability=probability, claim_matches=claim_matches,
                      signals=detect(text), rebuttal=rebuttal(text), now=now)


def matched_claims(matches: dict[int, list[ItemClaimMatch]]) -> dict[int, int]:
    """Item id -> the claim it repeats or rebuts (its best match, a suggestion included: on the labelled pairs
    of tests/misinfo every best claim above the suggestion threshold was the right one): what story assignment
    gathers items by."""
    return {item_id: found[0].claim.id for item_id, found in matches.items() if found}


def shared_assessor(settings: Settings) -> MisinfoAssessor:
    """The process's assessor for these settings: the claim index and the model are loaded once and reused by
    every analysis batch (a new claim is picked up at the next batch)."""
    key = (settings.misinfo.model_dump_json(), str(settings.nlp.models_dir))
    if key not in _SHARED:
        _SHARED[key] = MisinfoAssessor(settings)
    return _SHARED[key]
