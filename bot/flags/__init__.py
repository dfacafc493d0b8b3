"""Raising flags from analysed items, stories and sources, one per subject and kind, with Vietnamese reasons."""

from bot.flags.items import raise_flags
from bot.flags.recheck import recheck_new_claims
from bot.flags.store import Candidate, store
from bot.flags.trends import raise_source_flags, raise_story_flags

__all__ = ["Candidate", "raise_flags", "raise_source_flags", "raise_story_flags", "recheck_new_claims", "store"]
