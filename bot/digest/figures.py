"""The figures of one bulletin, as plain data: what the renderers write and what the `digests` table keeps."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.numbers import shares

SENTIMENT_ORDER = ("positive", "negative", "neutral")  # the department's order: tích cực, tiêu cực, trung lập


@dataclass
class Share:
    key: str
    name: str
    count: int
    share: float = 0.0  # percent of the total, rounded so that a list adds up to 100
    negative: int = 0


def with_shares(rows: list[Share], total: int | None = None) -> list[Share]:
    """Fill in the percent shares (largest remainder, one decimal); `total` when the rows overlap (topics)."""
    if total is None:
        for row, value in zip(rows, shares([r.count for r in rows])):
            row.share = value
    else:
        for row in rows:
            row.share = round(row.count * 100 / total, 1) if total else 0.0
    return rows


@dataclass
class Sentiments:
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # positive, negative, neutral, unknown (when any)
    shares: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, counts: dict[str, int]) -> Sentiments:
        keys = [*SENTIMENT_ORDER, *(["unknown"] if counts.get("unknown") else [])]
        values = [counts.get(k, 0) for k in keys]
        return cls(total=sum(values), counts=dict(zip(keys, values)), shares=dict(zip(keys, shares(values))))


@dataclass
class Comparison:
    label: str  # "tuần trước (tuần 22/2024)", "cùng kỳ năm trước (tuần 23/2023)"
    period_key: str
    sentiments: Sentiments


@dataclass
class Day:
    label: str
    counts: dict[str, int]


@dataclass
class StoryLine:
    story_id: int
    title: str
    url: str | None
    items: int
    outlets: int
    social: int
    forum: int
    portals: int
    negative: int
    phrase: str


@dataclass
class FlagLine:
    flag_id: int
    kind: str
    severity: str
    status: str
    conclusion: str | None
    action: str | None
    day: dt.date  # when its item appeared (local date), or when the flag was raised if it concerns no item
    title: str
    url: str | None
    outlet: str | None
    reason: str | None


@dataclass
class Kpi:
    """Share of the harmful or false items detected and verified (concluded "vi phạm") that were handled."""

    verified: int = 0
    handled: int = 0
    share: float | None = None
    outstanding: list[int] = field(default_factory=list)  # flag ids verified but not yet handled


@dataclass
class SilentSource:
    name: str
    type: str
    items: int
    last_item_at: dt.datetime | None
    silent_since: dt.datetime | None


@dataclass
class Workload:
    reviewer: str
    name: str
    reviews: int
    steps: int
    by_task: dict[str, int]


@dataclass
class Accuracy:
    task: str
    reviewed: int
    agreed: int
    accuracy: float | None
    by_label: dict[str, tuple[int, int]] = field(default_factory=dict)  # reviewer's label -> (reviewed, agreed)


@dataclass
class Figures:
    period_kind: str
    period_key: str
    period_name: str
    period_span: str
    number: int | None
    through: dt.date  # the last day the figures cover (today while the period is still running)
    complete: bool
    province: str
    collected: int  # every item that appeared in the period, relevant or not
    sentiments: Sentiments
    uncertain_sentiment: int  # of the relevant items: the model was not sure of their sentiment
    pending_analysis: int
    by_source_type: list[Share]
    outlets: list[Share]
    outlet_count: int
    platforms: list[Share]
    days: list[Day]
    previous: Comparison
    last_year: Comparison | None
    topics: list[Share]
    places: list[Share]
    stories: list[StoryLine]
    story_count: int
    central_press: list[StoryLine]
    negative_press_items: int
    press_flags: list[FlagLine]
    flag_counts: dict[str, dict[str, int]]  # kind -> status -> flags raised in the period
    flags: list[FlagLine]
    kpi: Kpi
    silent_sources: list[SilentSource]
    workload: list[Workload]
    accuracy: list[Accuracy]

    @property
    def total(self) -> int:
        return self.sentiments.total

    def to_json(self) -> dict[str, Any]:
        return _plain(dataclasses.asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value
