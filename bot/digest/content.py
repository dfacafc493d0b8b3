"""What was said in a period: totals, sentiment, sources, days, topics, places and stories, by SQL aggregates.

Every query starts from the items that appeared in the period with their latest analysis; only items the analysis
found relevant to the province are counted (those not analysed yet are counted apart)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, case, distinct, func, select, true
from sqlalchemy.orm import Session

from bot.digest.figures import Day, Sentiments, Share, StoryLine, with_shares
from bot.digest.periods import Period
from bot.stories.describe import coverage_phrase, mix_name
from bot.stories.features import NON_SOCIAL_TYPES, PRESS_TYPES, element_key, mix_key
from config.sources import SOURCE_TYPE_NAMES
from storage.models import Analysis, Item, Source, Story
from storage.queries import appeared_between, is_latest_analysis, item_time, json_elements, outlet_name

UNKNOWN_OUTLET = "(không rõ nguồn)"


def rows_of_period(period: Period, *columns) -> Select:
    """Items of the period joined with their latest analysis (and source, for outlet names)."""
    return (select(*columns).select_from(Item)
            .outerjoin(Analysis, is_latest_analysis(Item.id))
            .outerjoin(Source, Source.id == Item.source_id)
            .where(appeared_between(period.start, period.end)))


@dataclass
class Cube:
    """Counts by source type, outlet, platform, relevance, sentiment and chart bucket: one pass over the period."""

    rows: list[tuple]

    def relevant(self) -> Iterable[tuple]:
        return (r for r in self.rows if r[3] is True)

    def sentiments(self) -> Sentiments:
        counts: Counter[str] = Counter()
        for r in self.relevant():
            counts[r[4] or "unknown"] += r[6]
        return Sentiments.of(counts)

    def pending(self) -> int:
        return sum(r[6] for r in self.rows if r[3] is None)

    def collected(self) -> int:
        return sum(r[6] for r in self.rows)

    def by(self, column: int, sentiment: str | None = None) -> Counter:
        counts: Counter = Counter()
        for r in self.relevant():
            if sentiment is None or r[4] == sentiment:
                counts[r[column]] += r[6]
        return counts


def cube(session: Session, period: Period) -> Cube:
    buckets = period.buckets()
    when = item_time()
    bucket = case(*[(when < b.end, i) for i, b in enumerate(buckets[:-1])], else_=len(buckets) - 1)
    sub = rows_of_period(period, Item.source_type.label("source_type"), outlet_name().label("outlet"),
                Item.platform.label("platform"), Analysis.relevant.label("relevant"),
                Analysis.sentiment.label("sentiment"), bucket.label("bucket")).subquery()
    cols = (sub.c.source_type, sub.c.outlet, sub.c.platform, sub.c.relevant, sub.c.sentiment, sub.c.bucket)
    return Cube([tuple(r) for r in session.execute(select(*cols, func.count()).group_by(*cols))])


def uncertain_sentiment(session: Session, period: Period) -> int:
    """Relevant items whose sentiment the model was not sure of (counted under their likeliest label)."""
    return session.scalar(rows_of_period(period, func.count())
                          .where(Analysis.relevant.is_(True), Analysis.sentiment_uncertain.is_(True))) or 0


def sentiment_totals(session: Session, period: Period) -> Sentiments:
    """Only the sentiment counts of a period (for comparisons with other periods)."""
    query = (rows_of_period(period, Analysis.sentiment, func.count()).where(Analysis.relevant.is_(True))
             .group_by(Analysis.sentiment))
    counts: Counter[str] = Counter()
    for sentiment, n in session.execute(query):
        counts[sentiment or "unknown"] += n
    return Sentiments.of(counts)


def source_figures(data: Cube) -> tuple[list[Share], list[Share], int, list[Share]]:
    """Items by source type, by outlet (all outlets, most first) and by social platform."""
    types, negative_types = data.by(0), data.by(0, "negative")
    by_type = with_shares([Share(k, SOURCE_TYPE_NAMES.get(k, k), n, negative=negative_types[k]) for k, n in
                           sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))])
    outlets, negative_outlets = data.by(1), data.by(1, "negative")
    outlet_rows = with_shares([Share(k or UNKNOWN_OUTLET, k or UNKNOWN_OUTLET, n, negative=negative_outlets[k])
                               for k, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0] or ""))])
    platforms: Counter[str] = Counter()
    negative_platforms: Counter[str] = Counter()
    for r in data.relevant():
        if r[0] not in NON_SOCIAL_TYPES:
            key = mix_key(r[0], r[2])
            platforms[key] += r[6]
            negative_platforms[key] += r[6] if r[4] == "negative" else 0
    platform_rows = with_shares([Share(k, mix_name(k), n, negative=negative_platforms[k]) for k, n in
                                 sorted(platforms.items(), key=lambda kv: (-kv[1], kv[0]))])
    return by_type, outlet_rows, len([k for k in outlets if k]), platform_rows


def day_figures(data: Cube, period: Period) -> list[Day]:
    counts: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for r in data.relevant():
        counts[r[5]][r[4] or "unknown"] += r[6]
    return [Day(b.label, {k: counts[i].get(k, 0) for k in ("positive", "negative", "neutral", "unknown")})
            for i, b in enumerate(period.buckets())]


def negative_press(data: Cube) -> int:
    return sum(r[6] for r in data.relevant() if r[0] in PRESS_TYPES and r[4] == "negative")


def label_counts(session: Session, period: Period, column, names: dict[str, str], total: int) -> list[Share]:
    """Relevant items per topic or place (an item may count under several), with their negative ones."""
    elements = json_elements(session, column)
    query = (rows_of_period(period, elements.c.value, Analysis.sentiment, func.count())
             .join(elements, true()).where(Analysis.relevant.is_(True))
             .group_by(elements.c.value, Analysis.sentiment))
    counts: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    for value, sentiment, n in session.execute(query):
        key = element_key(value)
        if key:
            counts[key] += n
            negative[key] += n if sentiment == "negative" else 0
    rows = [Share(k, names.get(k, k), n, negative=negative[k]) for k, n in
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return with_shares(rows, total=total)


def story_lines(session: Session, period: Period, limit: int, source_types: tuple[str, ...] | None = None
                ) -> tuple[list[StoryLine], int]:
    """The stories with the most relevant items in the period (optionally only items of some source types),
    with their coverage in the period, and how many stories the period has."""
    press = case((Item.source_type.in_(PRESS_TYPES), outlet_name()))
    inner = rows_of_period(period, Item.story_id.label("story_id"), press.label("press_outlet"),
                  Item.source_type.label("source_type"), Analysis.sentiment.label("sentiment")) \
        .where(Analysis.relevant.is_(True), Item.story_id.is_not(None))
    if source_types:
        inner = inner.where(Item.source_type.in_(source_types))
    sub = inner.subquery()

    def count_if(condition):
        return func.sum(case((condition, 1), else_=0))

    items = func.count()
    query = (select(sub.c.story_id, items, func.count(distinct(sub.c.press_outlet)),
                    count_if(sub.c.source_type.not_in(NON_SOCIAL_TYPES)), count_if(sub.c.source_type == "forum"),
                    count_if(sub.c.source_type == "portal"), count_if(sub.c.sentiment == "negative"))
             .group_by(sub.c.story_id).order_by(items.desc(), sub.c.story_id).limit(limit))
    top = session.execute(query).all()
    total = session.scalar(select(func.count(distinct(sub.c.story_id)))) or 0
    heads = {sid: (title, url) for sid, title, url in session.execute(
        select(Story.id, Story.title, Item.url).outerjoin(Item, Item.id == Story.representative_item_id)
        .where(Story.id.in_([r[0] for r in top])))}
    lines = []
    for story_id, n, outlets, social, forum, portals, negative in top:
        title, url = heads.get(story_id, ("", None))
        lines.append(StoryLine(story_id, title, url, n, outlets, int(social), int(forum), int(portals),
                               int(negative), coverage_phrase(outlets, social=int(social), forum=int(forum),
                                                              portals=int(portals))))
    return lines, total
