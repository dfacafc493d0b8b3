"""Flags raised from stories and sources: volume spikes (a story growing far above its own baseline) and silent
sources (the crawler set Source.silent_since).

Volume spike: the story's items in the last 24 hours against its daily average over the 7 days before; a spike
needs at least MIN_SPIKE_ITEMS items and `threshold` times the baseline (a baseline under one item a day counts as
one, so a brand-new story needs MIN_SPIKE_ITEMS items in a day). Silent source: `threshold` is the number of hours
the source must have been silent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.localtime import local_time
from bot.flags.store import Candidate, raise_severity, rule_for, store
from bot.numbers import vn_decimal, vn_int
from config import Settings
from storage.models import Flag, Item, Source, Story, utcnow
from storage.queries import item_time

MIN_SPIKE_ITEMS = 10
DAY = dt.timedelta(days=1)
BASELINE_DAYS = 7


def _count(session: Session, story_id: int, since: dt.datetime, until: dt.datetime) -> int:
    seen = item_time()
    return session.scalar(select(func.count()).select_from(Item)
                          .where(Item.story_id == story_id, seen >= since, seen < until)) or 0


def volume_spike(session: Session, story: Story, settings: Settings, now: dt.datetime) -> Candidate | None:
    rule = rule_for(settings, "volume_spike")
    if rule is None:
        return None
    recent = _count(session, story.id, now - DAY, now)
    before = _count(session, story.id, now - DAY * (BASELINE_DAYS + 1), now - DAY)
    baseline = before / BASELINE_DAYS
    ratio = recent / max(baseline, 1.0)
    threshold = rule.threshold if rule.threshold is not None else 3.0
    if recent < MIN_SPIKE_ITEMS or ratio < threshold:
        return None
    sentiments = story.sentiments or {}
    mostly_negative = sentiments and max(sentiments, key=lambda k: sentiments[k]) == "negative"
    severity = raise_severity(rule.severity) if mostly_negative else rule.severity
    reasons = [f"Sự việc “{story.title}” có {vn_int(recent)} tin trong 24 giờ qua, gấp {vn_decimal(ratio)} lần mức "
               f"trung bình {vn_decimal(baseline)} tin/ngày của {BASELINE_DAYS} ngày trước (ngưỡng "
               f"{vn_decimal(threshold)} lần)."]
    if story.outlet_count:
        reasons.append(f"{vn_int(story.outlet_count)} nguồn, trang đã đưa tin.")
    if mostly_negative:
        reasons.append("Phần lớn tin về sự việc mang sắc thái tiêu cực.")
    return Candidate("volume_spike", f"story:{story.id}", severity, round(ratio, 2), reasons, story_id=story.id,
                     item_id=story.representative_item_id)


def raise_story_flags(session: Session, story_ids: Iterable[int], settings: Settings,
                      now: dt.datetime | None = None) -> list[Flag]:
    """Volume-spike flags for these stories (those that grew in the last analysis batch)."""
    now = now or utcnow()
    ids = list(dict.fromkeys(story_ids))
    created = []
    for story in session.scalars(select(Story).where(Story.id.in_(ids))) if ids else []:
        candidate = volume_spike(session, story, settings, now)
        if candidate is not None and (flag := store(session, candidate)) is not None:
            created.append(flag)
    return created


def silent_source(source: Source, settings: Settings, now: dt.datetime) -> Candidate | None:
    rule = rule_for(settings, "silent_source")
    if rule is None or source.silent_since is None or not source.enabled:
        return None
    hours = (now - source.silent_since).total_seconds() / 3600
    threshold = rule.threshold if rule.threshold is not None else 0.0
    if hours < threshold:
        return None
    reasons = [f"Nguồn “{source.label}” không có tin mới từ {local_time(source.silent_since, settings)} "
               f"(đã {vn_decimal(hours)} giờ, ngưỡng {vn_decimal(threshold)} giờ).",
               f"Lần thu thập thành công gần nhất: {local_time(source.last_success_at, settings)}; "
               f"tin mới nhất: {local_time(source.last_item_at, settings)}."]
    if source.consecutive_failures:
        reasons.append(f"{vn_int(source.consecutive_failures)} lần thu thập lỗi liên tiếp; lỗi gần nhất: "
                       f"{source.last_error or 'không rõ'}.")
    spell = source.silent_since.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M")
    return Candidate("silent_source", f"source:{source.id}:{spell}", rule.severity, round(hours, 1), reasons,
                     source_id=source.id)


def raise_source_flags(session: Session, settings: Settings, now: dt.datetime | None = None) -> list[Flag]:
    """Silent-source flags for every enabled source the crawler marked silent long enough."""
    now = now or utcnow()
    created = []
    for source in session.scalars(select(Source).where(Source.silent_since.is_not(None))):
        candidate = silent_source(source, settings, now)
        if candidate is not None and (flag := store(session, candidate)) is not None:
            created.append(flag)
    return created
