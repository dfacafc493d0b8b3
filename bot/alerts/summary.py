"""Quiet alerts (low severity) are not sent one by one: once the oldest of a chat's held alerts has waited
`telegram.summary_minutes`, all of them go out together in one summary message."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.numbers import vn_int
from bot.telegram.html import esc, link, local_time, shorten
from config.settings import Settings
from config.vocabulary import FLAG_KINDS
from storage.models import Flag, Item, Outbox, Source, utcnow


def _line(session: Session, number: int, row: Outbox, tz: ZoneInfo) -> str:
    flag = session.get(Flag, row.flag_id) if row.flag_id else None
    if flag is None:
        return f"{number}. (cảnh báo đã bị xóa)"
    item = session.get(Item, flag.item_id) if flag.item_id else None
    kind = esc(FLAG_KINDS.get(flag.kind, flag.kind))
    if item is None:
        source = session.get(Source, flag.source_id) if flag.source_id else None
        return f"{number}. [{kind}] {esc(source.label if source else 'không rõ nguồn')} · #{flag.id}"
    title = shorten(item.title or item.text, 120) or item.url
    shown = link(item.url, title) if item.url.startswith(("http://", "https://")) else esc(title)
    extra = f" · {vn_int(row.counter)} tin" if row.counter > 1 else ""
    origin = esc(item.outlet or item.platform or "")
    return f"{number}. [{kind}] {origin} {local_time(item.published_at or item.fetched_at, tz)}: {shown}{extra} · #{flag.id}"


def summary_text(session: Session, rows: list[Outbox], tz: ZoneInfo) -> str:
    first, last = min(r.created_at for r in rows), max(r.created_at for r in rows)
    lines = [f"🗂 <b>Tổng hợp {vn_int(len(rows))} cảnh báo mức thấp</b> ({local_time(first, tz)} – {local_time(last, tz)})",
             "Gõ /review để xem và đánh giá từng tin."]
    lines += [_line(session, i, row, tz) for i, row in enumerate(rows, 1)]
    return "\n".join(lines)


def group_quiet_alerts(session: Session, settings: Settings, now: dt.datetime | None = None) -> int:
    """Write one summary row per chat whose held alerts are due; returns how many summaries were written."""
    now = now or utcnow()
    cutoff = now - dt.timedelta(minutes=settings.telegram.summary_minutes)
    due = session.execute(select(Outbox.chat_id).where(Outbox.status == "held").group_by(Outbox.chat_id)
                          .having(func.min(Outbox.created_at) <= cutoff)).scalars().all()
    tz = ZoneInfo(settings.timezone)
    for chat_id in due:
        query = select(Outbox).where(Outbox.chat_id == chat_id, Outbox.status == "held").order_by(Outbox.id)
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        rows = session.scalars(query).all()
        if not rows:
            continue
        session.add(Outbox(chat_id=chat_id, kind="summary", dedupe_key=f"summary:{chat_id}:{rows[-1].id}",
                           text=summary_text(session, rows, tz), status="pending", next_attempt_at=now,
                           message_ids=[], counter=len(rows), attempts=0, needs_edit=False, created_at=now))
        for row in rows:
            row.status = "grouped"
    session.flush()
    return len(due)
