"""How the monitoring itself did in a period: sources gone silent, reviewers' workload, and how often the models
agreed with what reviewers decided."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.digest.figures import Accuracy, SilentSource, Workload
from bot.digest.periods import Period
from bot.stories.features import label_keys
from config.vocabulary import SENTIMENTS, TOXICITY
from storage.models import Analysis, FlagEvent, Item, Review, Source, User
from storage.queries import appeared_between, is_latest_analysis

UNRELIABLE_VERDICTS = ("tin_gia", "sai_su_that")
ACCURACY_TASKS = ("sentiment", "toxicity", "relevance", "misinfo", "topic")
PER_LABEL = {"sentiment": tuple(SENTIMENTS), "toxicity": tuple(TOXICITY)}  # also shown per reviewer's label


def silent_sources(session: Session, period: Period) -> list[SilentSource]:
    """Enabled sources, configured before the period ended, that brought in nothing that appeared during the
    period, or that the crawler marked silent by its end."""
    brought = dict(session.execute(
        select(Item.source_id, func.count())
        .where(appeared_between(period.start, period.end), Item.source_id.is_not(None))
        .group_by(Item.source_id)).all())
    out = []
    sources = select(Source).where(Source.enabled.is_(True), Source.created_at < period.end).order_by(Source.name)
    for source in session.scalars(sources):
        marked = source.silent_since is not None and source.silent_since < period.end
        if marked or not brought.get(source.id):
            out.append(SilentSource(source.label, source.type, brought.get(source.id, 0), source.last_item_at,
                                    source.silent_since))
    return out


def _names(session: Session, actors: set[str]) -> dict[str, str]:
    """Reviewers are recorded as "tg:<telegram id>" (or "cli"); show the registered name where there is one."""
    ids = {int(a[3:]) for a in actors if a.startswith("tg:") and a[3:].isdigit()}
    names = {}
    if ids:
        for telegram_id, name, username in session.execute(
                select(User.telegram_id, User.name, User.username).where(User.telegram_id.in_(ids))):
            names[f"tg:{telegram_id}"] = name or (f"@{username}" if username else f"tg:{telegram_id}")
    return {a: names.get(a, a) for a in actors}


def workload(session: Session, period: Period) -> list[Workload]:
    reviews: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for reviewer, task, n in session.execute(
            select(Review.reviewer, Review.task, func.count())
            .where(Review.created_at >= period.start, Review.created_at < period.end)
            .group_by(Review.reviewer, Review.task)):
        reviews[reviewer][task] = n
    steps = dict(session.execute(
        select(FlagEvent.actor, func.count()).where(FlagEvent.at >= period.start, FlagEvent.at < period.end)
        .group_by(FlagEvent.actor)).all())
    names = _names(session, set(reviews) | set(steps))
    rows = [Workload(a, names[a], sum(reviews[a].values()), steps.get(a, 0), dict(reviews[a]))
            for a in set(reviews) | set(steps)]
    return sorted(rows, key=lambda w: (-(w.reviews + w.steps), w.reviewer))


def _model_answer(task: str, analysis: tuple, misinfo_threshold: float):
    sentiment, toxicity, relevant, misinfo_score, topics = analysis
    if task == "sentiment":
        return sentiment
    if task == "toxicity":
        return toxicity
    if task == "relevance":
        return None if relevant is None else ("relevant" if relevant else "irrelevant")
    if task == "misinfo":
        return None if misinfo_score is None else misinfo_score >= misinfo_threshold
    return set(label_keys(topics))


def _agrees(task: str, label: str, answer) -> bool | None:
    if answer is None:
        return None
    if task == "misinfo":
        if label not in (*UNRELIABLE_VERDICTS, "xac_thuc"):
            return None  # "chưa đủ cơ sở" says nothing about the model
        return answer == (label in UNRELIABLE_VERDICTS)
    if task == "topic":
        return label in answer
    return label == answer


def accuracy(session: Session, period: Period, misinfo_threshold: float) -> list[Accuracy]:
    """For each item a reviewer labelled in the period (the latest label per item and task), whether the model's
    answer at the time of the review (the newest analysis made before it) was the same."""
    query = (select(Review.item_id, Review.task, Review.label, Analysis.sentiment, Analysis.toxicity,
                    Analysis.relevant, Analysis.misinfo_score, Analysis.topics)
             .outerjoin(Analysis, is_latest_analysis(Review.item_id, before=Review.created_at))
             .where(Review.created_at >= period.start, Review.created_at < period.end,
                    Review.task.in_(ACCURACY_TASKS))
             .order_by(Review.created_at, Review.id))
    latest = {(item_id, task): (label, analysis) for item_id, task, label, *analysis in session.execute(query)}
    reviewed: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    per_label: defaultdict[str, dict[str, tuple[int, int]]] = defaultdict(dict)  # task -> label -> counts
    for (_, task), (label, analysis) in latest.items():
        verdict = _agrees(task, label, _model_answer(task, tuple(analysis), misinfo_threshold))
        if verdict is not None:
            reviewed[task] += 1
            agreed[task] += verdict
            if task in PER_LABEL:
                n, same = per_label[task].get(label, (0, 0))
                per_label[task][label] = (n + 1, same + verdict)
    return [Accuracy(task, reviewed[task], agreed[task],
                     round(agreed[task] * 100 / reviewed[task], 1) if reviewed[task] else None,
                     {label: per_label[task][label] for label in PER_LABEL.get(task, ()) if label in per_label[task]})
            for task in ACCURACY_TASKS if reviewed[task]]
