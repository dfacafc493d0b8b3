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
from config.profile import load_profile
from nlp import Analyzer, Annotation
from storage import Database
from storage.audit import beat
from storage.models import Analysis, Item

BATCH = 500


@dataclass
class RunReport:
    analysed: int = 0
    relevant: int = 0
    total: int = 0


def load_analyzer(settings: Settings) -> Analyzer:
    """The analyzer for the configured province profile and NLP settings."""
    profile = load_profile(settings.province, str(settings.profile_file) if settings.profile_file else None)
    return Analyzer.load(profile, settings.nlp)


def _pending(model_version: str, since: dt.datetime | None, reanalyze: bool):
    query = select(Item.id)
    if since is not None:
        query = query.where(func.coalesce(Item.published_at, Item.fetched_at) >= since)
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
                  progress: Callable[[RunReport], None] | None = None) -> RunReport:
    """Annotate pending items (all items since `since` with `reanalyze`), committing after every batch so an
    interrupted run resumes where it stopped."""
    version = analyzer.model_version
    report = RunReport()
    with database.session() as session:
        report.total = session.scalar(select(func.count()).select_from(_pending(version, since, reanalyze).subquery()))
    last_id = 0
    while True:
        with database.session() as session:  # read, then analyse outside any transaction (no lock held)
            ids = list(session.scalars(_pending(version, since, reanalyze).where(Item.id > last_id)
                                       .order_by(Item.id).limit(batch)))
            items = list(session.execute(select(Item.id, Item.text, Item.title).where(Item.id.in_(ids))
                                         .order_by(Item.id))) if ids else []
        if not items:
            break
        annotations = analyzer.analyze_many([(text or "", title) for _, text, title in items])
        with database.session() as session:
            _store(session, [i for i, _, _ in items], annotations, version)
            report.analysed += len(items)
            report.relevant += sum(a.relevant for a in annotations)
            beat(session, "analysis", model_version=version, analysed=report.analysed)
        last_id = ids[-1]
        if progress:
            progress(report)
    return report
