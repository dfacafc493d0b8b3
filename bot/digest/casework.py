"""What was done in a period: flags raised and where they stand, negative press needing an answer under the Press
Law, and the department's KPI (share of verified harmful or false items that were handled)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from bot.digest.figures import FlagLine, Kpi
from bot.digest.periods import Period
from config.vocabulary import OPEN_FLAG_STATUSES, SEVERITY_ORDER
from storage.models import Flag, FlagEvent, Item, Source

HARM_KINDS = ("misinformation", "harmful")


def _in_period(column, period: Period):
    return (column >= period.start) & (column < period.end)


def flag_counts(session: Session, period: Period) -> dict[str, dict[str, int]]:
    """Flags raised in the period by kind and by where they stand now."""
    counts: defaultdict[str, dict[str, int]] = defaultdict(dict)
    query = (select(Flag.kind, Flag.status, func.count()).where(_in_period(Flag.created_at, period))
             .group_by(Flag.kind, Flag.status))
    for kind, status, n in session.execute(query):
        counts[kind][status] = n
    return dict(counts)


def flag_lines(session: Session, period: Period, kinds: tuple[str, ...], limit: int,
               still_open: bool = False) -> list[FlagLine]:
    """Flags of these kinds raised in the period, most severe first; with `still_open`, also earlier ones that
    are still open."""
    severity = case({s: i for i, s in enumerate(SEVERITY_ORDER)}, value=Flag.severity, else_=-1)
    when = _in_period(Flag.created_at, period)
    if still_open:
        when = or_(when, (Flag.created_at < period.start) & Flag.status.in_(OPEN_FLAG_STATUSES))
    query = (select(Flag, Item.title, Item.url, func.coalesce(Item.outlet, Source.name), Item.text)
             .outerjoin(Item, Item.id == Flag.item_id)
             .outerjoin(Source, Source.id == func.coalesce(Flag.source_id, Item.source_id))
             .where(Flag.kind.in_(kinds), when)
             .order_by(severity.desc(), Flag.created_at, Flag.id).limit(limit))
    lines = []
    for flag, title, url, outlet, text in session.execute(query):
        lines.append(FlagLine(
            flag_id=flag.id, kind=flag.kind, severity=flag.severity, status=flag.status,
            conclusion=flag.conclusion, action=flag.action, created_at=flag.created_at,
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
