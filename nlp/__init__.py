"""Vietnamese NLP for diembao: pure text in, annotations out (no database, no network).

`Analyzer.load(profile, nlp_settings)` gives every annotation of a text: relevance to the province with the places
named, sentiment with an uncertain band, harmful content, topics, entities, and the misinformation classifier's
probability. Training, evaluation and prediction of the task models live in `nlp.training`.

The names below are imported on first use, so that `import nlp.normalize` stays light."""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Analyzer": "nlp.analyzer", "Annotation": "nlp.analyzer", "TASKS": "nlp.classifier",
    "TextClassifier": "nlp.classifier", "load_classifier": "nlp.classifier", "register_backend": "nlp.classifier",
    "register_trainer": "nlp.classifier",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
