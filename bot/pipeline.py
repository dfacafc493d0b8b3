"""What happens to newly stored items, in one transaction per batch: annotate them (nlp), group them into stories,
raise flags and queue the alerts. `diembao analyze` runs it once; the runner keeps one alive and runs it as items
arrive, so the claim index, the models and the active stories are loaded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.alerts import queue_alerts
from bot.analysis import RunReport, analyze_items, configured_profile
from bot.flags import raise_flags, raise_source_flags, raise_story_flags, recheck_new_claims
from bot.misinfo.assessor import matched_claims, shared_assessor
from bot.stories import ActiveStories, assign_stories
from config import Settings
from nlp import Analyzer
from nlp.analyzer import TASK_MODELS
from storage import Database
from storage.models import Item

# The misinformation probability is computed by the misinformation assessor, which also sees engagement and the
# account's history; the analyzer leaves that model out rather than run it twice on text alone.
PIPELINE_TASKS = tuple(task for task in TASK_MODELS if task != "misinfo")


class Pipeline:
    def __init__(self, settings: Settings, analyzer: Analyzer | None = None):
        self.settings = settings
        self.profile = configured_profile(settings)
        self.analyzer = analyzer or Analyzer.load(self.profile, settings.nlp, PIPELINE_TASKS)
        self.assessor = shared_assessor(settings)
        self.stories = ActiveStories()

    @property
    def model_version(self) -> str:
        return self.analyzer.model_version

    def _after_store(self, session: Session, item_ids: list[int], report: RunReport) -> None:
        items = list(session.scalars(select(Item).where(Item.id.in_(item_ids))))
        matches = self.assessor.claim_matches(session, items)  # once: a rumour and its denials make one story
        placed = assign_stories(session, item_ids, active=self.stories, claims=matched_claims(matches))
        report.new_stories += placed.new_stories
        flags = raise_flags(session, item_ids, self.settings, self.profile, self.assessor, claim_matches=matches)
        flags += raise_story_flags(session, set(placed.stories.values()), self.settings)
        report.flags += len(flags)
        report.alerts += queue_alerts(session, self.settings)

    def run(self, database: Database, since: dt.datetime | None = None, reanalyze: bool = False,
            progress: Callable[[RunReport], None] | None = None,
            stop: Callable[[], bool] | None = None) -> RunReport:
        """Process every item the current models have not seen, then the checks that concern sources."""
        report = analyze_items(database, self.analyzer, since=since, reanalyze=reanalyze, progress=progress,
                               after_store=self._after_store, stop=stop)
        self.sweep(database, report)
        return report

    def sweep(self, database: Database, report: RunReport | None = None) -> RunReport:
        """Recent items that repeat a newly registered claim, flags that do not come from one item (silent sources),
        and alerts for any flag not yet queued."""
        report = report or RunReport()
        report.flags += recheck_new_claims(database, self.settings, self.profile, self.assessor)
        with database.session() as session:
            report.flags += len(raise_source_flags(session, self.settings))
            report.alerts += queue_alerts(session, self.settings)
        return report
