"""Analysis runs: annotate the stored items that the current model versions have not annotated yet, in batches.

The application side of the NLP: it reads items from storage, runs `nlp.Analyzer` over them and writes one
`Analysis` row per item and model version (a new model version adds rows; earlier rows stay)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config import Settings
from config.profile import Profile, load_profile
from nlp import Analyzer, Annotation
from nlp.analyzer import TASK_MODELS
from storage import Database
from storage.audit import beat
from storage.models import Analysis, Item
from storage.queries import item_time

BATCH = 500


@dataclass
class RunReport:
    analysed: int = 0
    relevant: int = 0
    total: int = 0
    new_stories: int = 0
    flags: int = 0
    alerts: int = 0


AfterStore = Callable[[Session, list[int], RunReport], None]


def configured_profile(settings: Settings) -> Profile:
    return load_profile(settings.province, str(settings.profile_file) if settings.profile_file else None)


def load_analyzer(settings: Settings, tasks: tuple[str, ...] = TASK_MODELS) -> Analyzer:
    """The analyzer for the configured province profile and NLP settings."""
    return Analyzer.load(configured_profile(settings), settings.nlp, tasks)


def _pending(model_version: str, since: dt.datetime | None, reanalyze: bool):
    query = select(Item.id)
    if since is not None:
        query = query.where(item_time() >= since)
    if not reanalyze:
        done = select(Analysis.id).where(Analysis.item_id == Item.id, Analysis.model_version == model_version)
        query = query.where(~done.exists())
    return query


def _columns(annotation: Annotation) -> dict:
    values = annotation.as_dict()
    extra = values.pop("extra")
    extra["misinfo_probability"] = values.pop("misinfo_probability")
    return {**values, "extra": extra}


def _store(session: Session, item_ids: list[int], annotations: list[Annotation], model_version: str) -> None:
    existing = {a.item_id: a for a in session.scalars(
        select(Analysis).where(Analysis.item_id.in_(item_ids), Analysis.model_version == model_version))}
    present = set(session.scalars(select(Item.id).where(Item.id.in_(item_ids))))
    for item_id, annotation in zip(item_ids, annotations):
        if item_id not in present:  # deleted while it was being analysed
            continue
        row = existing.get(item_id) or Analysis(item_id=item_id, model_version=model_version)
        for name, value in _columns(annotation).items():
            setattr(row, name, value)
        session.add(row)


def analyze_items(database: Database, analyzer: Analyzer, since: dt.datetime | None = None,
                  reanalyze: bool = False, batch: int = BATCH,
                  progress: Callable[[RunReport], None] | None = None,
                  after_store: AfterStore | None = None, stop: Callable[[], bool] | None = None) -> RunReport:
    """Annotate pending items (all items since `since` with `reanalyze`), committing after every batch so an
    interrupted run resumes where it stopped (`stop` is asked between batches). `after_store` runs in the same transaction as each batch's
    annotations (stories, flags, alerts), so a batch is stored with all its consequences or not at all."""
    version = analyzer.model_version
    report = RunReport()
    with database.session() as session:
        report.total = session.scalar(select(func.count()).select_from(_pending(version, since, reanalyze).subquery()))
    last_id = 0
    while not (stop and stop()):
        with database.session() as session:  # read, then analyse outside any transaction (no lock held)
            ids = list(session.scalars(_pending(version, since, reanalyze).where(Item.id > last_id)
                                       .order_by(Item.id).limit(batch)))
            items = [(item_id, text, title or (extra or {}).get("thread_title"))  # a reply: its thread is context
                     for item_id, text, title, extra in session.execute(
                         select(Item.id, Item.text, Item.title, Item.extra).where(Item.id.in_(ids))
                         .order_by(Item.id))] if ids else []
        if not items:
            break
        annotations = analyzer.analyze_many([(text or "", title) for _, text, title in items])
        with database.session() as session:
            _store(session, [i for i, _, _ in items], annotations, version)
            if after_store is not None:
                after_store(session, [i for i, _, _ in items], report)
            report.analysed += len(items)
            report.relevant += sum(a.relevant for a in annotations)
            beat(session, "analysis", model_version=version, analysed=report.analysed)
        last_id = ids[-1]
        if progress:
            progress(report)
    return report
