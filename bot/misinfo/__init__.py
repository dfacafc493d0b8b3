"""Misinformation assessment of stored items: claim matches, the classifier, the source tier, rumour signs and
engagement velocity combined into one score with Vietnamese reasons."""

from bot.misinfo.assessor import MisinfoAssessor, shared_assessor
from bot.misinfo.score import Assessment, Reason, assess, source_tier

__all__ = ["Assessment", "MisinfoAssessor", "Reason", "assess", "shared_assessor", "source_tier"]
