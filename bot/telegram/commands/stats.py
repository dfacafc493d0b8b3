"""/stats [hôm nay|tuần|tháng]: counts and sentiment shares in the department's own wording and number format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.numbers import shares, vn_int, vn_percent
from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc, local_time
from config.vocabulary import FLAG_KINDS, OPEN_FLAG_STATUSES, SOURCE_TYPES
from nlp.normalize import fold, strip_diacritics
from storage.models import Analysis, Flag, Item, utcnow
from storage.queries import item_time

PERIODS = {"hom nay": "day", "ngay": "day", "tuan": "week", "tuan nay": "week", "thang": "month", "thang nay": "month"}
PERIOD_NAMES = {"day": "hôm nay", "week": "tuần này", "month": "tháng này"}


def period_start(period: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """Local midnight of today, of this week's Monday, or of the 1st of this month, in UTC."""
    local = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        local -= dt.timedelta(days=local.weekday())
    elif period == "month":
        local = local.replace(day=1)
    return local.astimezone(dt.timezone.utc)


@dataclass
class Figures:
    items: int
    sentiments: dict[str, int]
    unanalysed: int
    by_source_type: dict[str, int]
    flags: dict[str, int]
    open_flags: int


def figures(session: Session, since: dt.datetime) -> Figures:
    when = item_time()
    latest = select(func.max(Analysis.id)).group_by(Analysis.item_id).scalar_subquery()
    in_period = select(Item.id).where(when >= since)
    analysed = (select(Analysis.sentiment, func.count()).where(Analysis.id.in_(latest), Analysis.relevant.is_(True),
                                                             Analysis.item_id.in_(in_period))
                .group_by(Analysis.sentiment))
    sentiments = {label: n for label, n in session.execute(analysed) if label}
    relevant_ids = select(Analysis.item_id).where(Analysis.id.in_(latest), Analysis.relevant.is_(True))
    by_type = dict(session.execute(select(Item.source_type, func.count()).where(when >= since, Item.id.in_(relevant_ids))
                                   .group_by(Item.source_type)).all())
    unanalysed = session.scalar(select(func.count()).select_from(Item).where(
        when >= since, ~Item.id.in_(select(Analysis.item_id)))) or 0
    flags = dict(session.execute(select(Flag.kind, func.count()).where(Flag.created_at >= since)
                                 .group_by(Flag.kind)).all())
    open_flags = session.scalar(select(func.count()).select_from(Flag).where(Flag.status.in_(OPEN_FLAG_STATUSES))) or 0
    return Figures(sum(sentiments.values()), sentiments, unanalysed, by_type, flags, open_flags)


def department_sentence(f: Figures, province: str) -> str:
    """ "Có 119.824 tin liên quan tỉnh …, trong đó: tích cực: 12.002 (10% tổng số tin), …" """
    order = ("positive", "negative", "neutral")
    counts = [f.sentiments.get(k, 0) for k in order]
    pct = shares(counts)
    parts = [f"{name}: {vn_int(n)} ({vn_percent(p)} tổng số tin)"
             for name, n, p in zip(("tích cực", "tiêu cực", "trung lập"), counts, pct)]
    return f"Có {vn_int(sum(counts))} tin liên quan tỉnh {esc(province)}, trong đó: {parts[0]}, {parts[1]} và {parts[2]}."


def stats_text(f: Figures, period: str, since: dt.datetime, now: dt.datetime, tz: ZoneInfo, province: str) -> str:
    lines = [f"📊 <b>Số liệu {PERIOD_NAMES[period]}</b> (từ {local_time(since, tz)} đến {local_time(now, tz)})",
             department_sentence(f, province) if f.items else f"Chưa có tin liên quan tỉnh {esc(province)} đã phân tích."]
    if f.by_source_type:
        lines.append("Theo loại nguồn: " + "; ".join(
            f"{esc(SOURCE_TYPES.get(k, k))}: {vn_int(n)}" for k, n in sorted(f.by_source_type.items(), key=lambda kv: -kv[1])))
    flagged = sum(f.flags.values())
    detail = "; ".join(f"{esc(FLAG_KINDS.get(k, k))}: {vn_int(n)}" for k, n in sorted(f.flags.items(), key=lambda kv: -kv[1]))
    lines.append(f"Cảnh báo mới: {vn_int(flagged)}" + (f" ({detail})" if detail else "") +
                 f"; đang chờ xử lý: {vn_int(f.open_flags)}.")
    if f.unanalysed:
        lines.append(f"Còn {vn_int(f.unanalysed)} tin chưa phân tích.")
    return "\n".join(lines)


def parse_period(args: list[str]) -> str | None:
    if not args:
        return "day"
    return PERIODS.get(strip_diacritics(fold(" ".join(args))))


async def stats(update: Update, context: CallbackContext, caller: Caller) -> None:
    period = parse_period(context.args or [])
    if period is None:
        await reply(update, "Chưa hiểu khoảng thời gian. Dùng: /stats hôm nay, /stats tuần hoặc /stats tháng.")
        return
    d = deps(context)
    now = utcnow()
    since = period_start(period, now, d.tz)
    result = await run_db(context, figures, since)
    await reply(update, stats_text(result, period, since, now, d.tz, d.profile.name))


COMMANDS = (Command("stats", "Số liệu hôm nay, tuần này, tháng này", stats, usage="[hôm nay|tuần|tháng]"),)
