"""New flags become outbox rows: one alert per story per chat, quiet ones held for the periodic summary.

A later flag of a story that already has an alert in a chat increments that row's `counter` and asks the dispatcher
to edit the message already sent, instead of sending a new one. Each flag is taken once (`flags.alerted_at`, set in
the same transaction as its outbox rows), so a crash in between never loses or doubles an alert."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.alerts.card import flag_card
from bot.alerts.matching import Target, can_review, facts_of, matches, targets
from config.settings import Settings
from config.vocabulary import SEVERITY_ORDER
from storage.models import Chat, Flag, Outbox, utcnow

LIVE = ("pending", "sending", "sent", "uncertain", "held", "grouped")  # rows whose card still matters


def is_quiet(severity: str, settings: Settings) -> bool:
    quiet = settings.telegram.quiet_severity
    return quiet is not None and SEVERITY_ORDER.index(severity) <= SEVERITY_ORDER.index(quiet)


def alert_key(flag: Flag, telegram_chat_id: int) -> str:
    subject = f"story:{flag.story_id}" if flag.story_id else f"flag:{flag.id}"
    return f"alert:{subject}:chat:{telegram_chat_id}"


def render_row(session: Session, row: Outbox, tz: ZoneInfo, reviewable: bool) -> None:
    flag = session.get(Flag, row.flag_id) if row.flag_id else None
    if flag is None:
        return
    card = flag_card(session, flag, tz, counter=row.counter, with_buttons=reviewable)
    row.text, row.reply_markup = card.text, card.markup


def _ask_edit(row: Outbox, now: dt.datetime) -> None:
    if row.status in ("sending", "sent"):
        row.needs_edit = True
        row.next_attempt_at = now


def _merge(session: Session, row: Outbox, flag: Flag, target: Target, settings: Settings, now: dt.datetime) -> None:
    """A later flag of the same story: count it, show the more severe flag, edit or promote the alert."""
    row.counter += 1
    if SEVERITY_ORDER.index(flag.severity) > SEVERITY_ORDER.index(row.severity or "low"):
        row.severity, row.flag_id = flag.severity, flag.id
        if row.status in ("held", "grouped") and not is_quiet(flag.severity, settings):
            row.status, row.next_attempt_at, row.message_ids = "pending", now, []
    render_row(session, row, ZoneInfo(settings.timezone), target.can_review)
    _ask_edit(row, now)


def _alert(session: Session, flag: Flag, target: Target, settings: Settings, now: dt.datetime) -> bool:
    """Write or update the alert of `flag` for one chat; True when a new row was written."""
    key = alert_key(flag, target.chat.telegram_chat_id)
    query = select(Outbox).where(Outbox.dedupe_key == key)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.scalars(query).first()
    if row is not None:
        _merge(session, row, flag, target, settings, now)
        return False
    row = Outbox(chat_id=target.chat.telegram_chat_id, kind="alert", dedupe_key=key, flag_id=flag.id,
                 story_id=flag.story_id, severity=flag.severity, text="",
                 status="held" if is_quiet(flag.severity, settings) else "pending", next_attempt_at=now,
                 message_ids=[], counter=1, attempts=0, needs_edit=False, created_at=now)
    render_row(session, row, ZoneInfo(settings.timezone), target.can_review)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another writer queued the same story for this chat first
        existing = session.scalars(select(Outbox).where(Outbox.dedupe_key == key)).one()
        _merge(session, existing, flag, target, settings, now)
        return False
    return True


def queue_alerts(session: Session, settings: Settings, limit: int = 500) -> int:
    """Turn flags not yet alerted into outbox rows for every chat whose subscription matches; returns how many
    new rows were written. The caller commits (and wakes the dispatcher)."""
    query = select(Flag).where(Flag.alerted_at.is_(None)).order_by(Flag.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    flags = session.scalars(query).all()
    if not flags:
        return 0
    chats = targets(session)
    now, written = utcnow(), 0
    for flag in flags:
        facts = facts_of(session, flag)
        for target in chats:
            if any(matches(sub, facts) for sub in target.subscriptions):
                written += _alert(session, flag, target, settings, now)
        flag.alerted_at = now
    session.flush()
    return written


def refresh_alerts(session: Session, flag_id: int, settings: Settings) -> int:
    """Re-render every alert showing `flag_id` (after a review or a workflow step) and ask for the edits."""
    now, tz, count = utcnow(), ZoneInfo(settings.timezone), 0
    rows = session.scalars(select(Outbox).where(Outbox.flag_id == flag_id, Outbox.kind == "alert",
                                                Outbox.status.in_(LIVE))).all()
    for row in rows:
        chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == row.chat_id)).first()
        render_row(session, row, tz, chat is not None and can_review(session, chat))
        _ask_edit(row, now)
        count += 1
    session.flush()
    return count
