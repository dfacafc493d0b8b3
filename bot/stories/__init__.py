"""Stories (sự việc): items about the same event across outlets and platforms, grouped as they arrive."""

from bot.stories.active import ActiveStories
from bot.stories.assign import Assignment, assign_stories
from bot.stories.describe import coverage_phrase, story_phrase

__all__ = ["ActiveStories", "Assignment", "assign_stories", "coverage_phrase", "story_phrase"]
