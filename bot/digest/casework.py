"""What was done in a period: flags raised and where they stand, negative press needing an answer under the Press
Law, and the department's KPI (share of verified harmful or false items that were handled)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.digest.figures import FlagLine, Kpi
from bot.digest.periods import Period
from config.vocabulary import OPEN_FLAG_STATUSES, SEVERITY_ORDER
from storage.models import Flag, FlagEvent, Item, Source
from storage.queries import outlet_name

HARM_KINDS = ("misinformation", "harmful")


ANALYSIS_LAG = dt.timedelta(days=1)


def _in_period(column, period: Period):
    return (column >= period.start) & (column < period.end)


def _belongs(period: Period, created: dt.datetime, published: dt.datetime | None,
             fetched: dt.datetime | None) -> bool:
    """A flag raised by the analysis of its item belongs to the period in which the item appeared, so that a
    bulletin's flags match its items even when they were collected days later (a catch-up after an outage, a new
    installation); a flag raised later than that (an old post matched by a claim added since, an officer's flag)
    or about no item belongs to the period in which it was raised."""
    when = created
    if published is not None and fetched is not None and published <= created \
            and created - fetched <= ANALYSIS_LAG:
        when = published
    return period.start <= when < period.end


def _raised_or_published_in(period: Period):
    """Flags that may belong to the period."""
    return _in_period(Flag.created_at, period) | _in_period(Item.published_at, period)


def flag_counts(session: Session, period: Period) -> dict[str, dict[str, int]]:
    """Flags of the period by kind and by where they stand now."""
    counts: defaultdict[str, Counter] = defaultdict(Counter)
    query = (select(Flag.kind, Flag.status, Flag.created_at, Item.published_at, Item.fetched_at)
             .outerjoin(Item, Item.id == Flag.item_id).where(_raised_or_published_in(period)))
    for kind, status, created, published, fetched in session.execute(query):
        if _belongs(period, created, published, fetched):
            counts[kind][status] += 1
    return {kind: dict(statuses) for kind, statuses in counts.items()}


def flag_lines(session: Session, period: Period, kinds: tuple[str, ...], limit: int,
               still_open: bool = False) -> list[FlagLine]:
    """Flags of these kinds of the period, most severe first; with `still_open`, also earlier ones that are
    still open."""
    when = _raised_or_published_in(period)
    if still_open:
        when = or_(when, (Flag.created_at < period.start) & Flag.status.in_(OPEN_FLAG_STATUSES))
    query = (select(Flag, Item.title, Item.url, outlet_name(), Item.text,
                    Item.published_at, Item.fetched_at)
             .outerjoin(Item, Item.id == Flag.item_id)
             .outerjoin(Source, Source.id == func.coalesce(Flag.source_id, Item.source_id))
             .where(Flag.kind.in_(kinds), when))
    rows = [row for row in session.execute(query)
            if _belongs(period, row[0].created_at, *row[-2:])
            or (still_open and row[0].created_at < period.start and row[0].status in OPEN_FLAG_STATUSES)]
    severity = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    rows.sort(key=lambda row: (-severity.get(row[0].severity, -1), row[0].created_at, row[0].id))
    lines = []
    local = ZoneInfo(period.tz)
    for flag, title, url, outlet, text, published, fetched in rows[:limit]:
        lines.append(FlagLine(
            flag_id=flag.id, kind=flag.kind, severity=flag.severity, status=flag.status,
            conclusion=flag.conclusion, action=flag.action,
            day=(published or fetched or flag.created_at).astimezone(local).date(),
            title=(title or " ".join((text or "").split())[:120] or outlet or f"Cảnh báo #{flag.id}"),
            url=url, outlet=outlet, reason=(flag.reasons or [None])[0]))
    return lines


def kpi(session: Session, period: Period) -> Kpi:
    """Harmful or false items concluded "vi phạm" during the period, and how many of them reached handling
    (xử lý) before the period ended."""
    verified = dict(session.execute(
        select(FlagEvent.flag_id, func.min(FlagEvent.at)).join(Flag, Flag.id == FlagEvent.flag_id)
        .where(Flag.kind.in_(HARM_KINDS), FlagEvent.to_status == "ket_luan", FlagEvent.conclusion == "vi_pham",
               _in_period(FlagEvent.at, period))
        .group_by(FlagEvent.flag_id)).all())
    if not verified:
        return Kpi()
    handled_at: dict[int, list] = defaultdict(list)
    for flag_id, at in session.execute(
            select(FlagEvent.flag_id, FlagEvent.at)
            .where(FlagEvent.flag_id.in_(list(verified)), FlagEvent.to_status == "xu_ly",
                   FlagEvent.at < period.end)):
        handled_at[flag_id].append(at)
    handled = {f for f, when in verified.items() if any(at >= when for at in handled_at.get(f, []))}
    return Kpi(verified=len(verified), handled=len(handled), share=round(len(handled) * 100 / len(verified), 1),
               outstanding=sorted(set(verified) - handled))
