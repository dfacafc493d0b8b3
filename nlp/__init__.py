"""Vietnamese NLP for diembao: pure text in, annotations out (no database, no network).

`Analyzer.load(profile, nlp_settings)` gives every annotation of a text: relevance to the province with the places
named, sentiment with an uncertain band, harmful content, topics, entities, and the misinformation classifier's
probability. Training, evaluation and prediction of the task models live in `nlp.training`."""

from nlp.analyzer import Analyzer, Annotation
from nlp.classifier import TASKS, TextClassifier, load_classifier, register_backend, register_trainer

__all__ = ["TASKS", "Analyzer", "Annotation", "TextClassifier", "load_classifier", "register_backend",
           "register_trainer"]
