"""All the figures of one bulletin, from the database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.digest import activity, casework, content
from bot.digest.figures import Comparison, Figures
from bot.digest.periods import Period
from config import Profile
from storage.models import Analysis

TOP_STORIES = 10
TOP_FLAGS = 15
PREVIOUS_LABEL = {"week": "tuần trước", "month": "tháng trước", "half-year": "6 tháng trước", "year": "năm trước"}


def compare(session: Session, period: Period, label: str) -> Comparison:
    return Comparison(f"{label} ({period.name})", period.key, content.sentiment_totals(session, period))


def compute_figures(session: Session, period: Period, profile: Profile, *, now: dt.datetime,
                    misinfo_threshold: float) -> Figures:
    data = content.cube(session, period)
    sentiments = data.sentiments()
    by_type, outlets, outlet_count, platforms = content.source_figures(data)
    topic_names = {t.key: t.name for t in profile.topics}
    stories, story_count = content.story_lines(session, period, TOP_STORIES)
    central, _ = content.story_lines(session, period, TOP_STORIES, source_types=("central_press",))
    previous = period.previous()
    last_year = period.same_last_year()
    today = now.astimezone(ZoneInfo(period.tz)).date()
    return Figures(
        period_kind=period.kind, period_key=period.key, period_name=period.name, period_span=period.span,
        number=period.bulletin_number, through=min(period.last_day, today), complete=now >= period.end,
        province=profile.official_name,
        collected=data.collected(), sentiments=sentiments,
        uncertain_sentiment=content.uncertain_sentiment(session, period), pending_analysis=data.pending(),
        by_source_type=by_type, outlets=outlets, outlet_count=outlet_count, platforms=platforms,
        days=content.day_figures(data, period),
        previous=compare(session, previous, PREVIOUS_LABEL[period.kind]),
        last_year=None if period.kind == "year" else compare(session, last_year, "cùng kỳ năm trước"),
        topics=content.label_counts(session, period, Analysis.topics, topic_names, sentiments.total),
        places=content.label_counts(session, period, Analysis.places, {}, sentiments.total),
        stories=stories, story_count=story_count, central_press=central,
        negative_press_items=content.negative_press(data),
        press_flags=casework.flag_lines(session, period, ("negative_press",), TOP_FLAGS, still_open=True),
        flag_counts=casework.flag_counts(session, period),
        flags=casework.flag_lines(session, period, (*casework.HARM_KINDS, "watchlist"), TOP_FLAGS),
        kpi=casework.kpi(session, period),
        silent_sources=activity.silent_sources(session, period),
        workload=activity.workload(session, period),
        accuracy=activity.accuracy(session, period, misinfo_threshold),
    )
