"""Casework: flags moving through the department's workflow, and reviewers' append-only labels."""

from bot.casework.reviews import ReviewError, add_review
from bot.casework.workflow import WorkflowError, allowed_moves, move

__all__ = ["ReviewError", "WorkflowError", "add_review", "allowed_moves", "move"]
