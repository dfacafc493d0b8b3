"""Bulletins to Telegram through the outbox: one row per chat holding the summary and the document, which the
dispatcher sends as the summary message followed by the file.

`queue_bulletin` is what the scheduled run calls after `weekly_bulletin`: a row for every active chat that wants
bulletins (`Subscription.digests`), keyed by the period and the chat, so a run repeated after a crash queues nothing
twice. `/digest` queues the same kind of row for the chat that asked (`queue_for_chat`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.alerts.matching import targets
from bot.digest.build import Bulletin
from bot.digest.periods import Period
from config.settings import Settings
from storage.audit import record
from storage.models import Outbox, utcnow


def telegram_formats(settings: Settings) -> tuple[str, ...]:
    """What a bulletin built for Telegram needs: the DOCX, and the PDF too when that is what is attached."""
    return ("docx",) if settings.digest.attach == "docx" else ("docx", "pdf")


def digest_key(period: Period, chat_id: int) -> str:
    """One scheduled bulletin per period per chat; `chat_id` is our `chats.id`, which stays the same when a group
    becomes a supergroup with a new Telegram id."""
    return f"digest:{period.kind}:{period.key}:chat:{chat_id}"


def digest_chats(session: Session) -> list[tuple[int, int]]:
    """(chats.id, Telegram chat id) of every active chat with a subscription that wants bulletins; a private chat
    only while its user is active."""
    return [(t.chat.id, t.chat.telegram_chat_id) for t in targets(session)
            if any(sub.digests for sub in t.subscriptions)]


def queue_for_chat(session: Session, bulletin: Bulletin, settings: Settings, telegram_chat_id: int, key: str) -> bool:
    """Write the outbox row sending `bulletin` to one chat under `key`; False when that key was queued before."""
    if session.scalar(select(Outbox.id).where(Outbox.dedupe_key == key)) is not None:
        return False
    document = bulletin.attachment(settings.digest.attach)
    now = utcnow()
    row = Outbox(chat_id=telegram_chat_id, kind="digest", dedupe_key=key, text=bulletin.summary,
                 document_path=str(document.resolve()) if document is not None else None, status="pending",
                 next_attempt_at=now, message_ids=[], counter=1, attempts=0, needs_edit=False, created_at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another run queued the same key first
        return False
    return True


def queue_bulletin(session: Session, bulletin: Bulletin, settings: Settings) -> int:
    """Queue `bulletin` for every chat that wants bulletins; returns how many rows were new. The caller commits
    (and wakes the dispatcher)."""
    written = 0
    for chat_id, telegram_chat_id in digest_chats(session):
        written += queue_for_chat(session, bulletin, settings, telegram_chat_id, digest_key(bulletin.period, chat_id))
    record(session, "system", "digest.queue", "digest", bulletin.digest_id, period=bulletin.period.kind,
           period_key=bulletin.period.key, chats=written)
    session.flush()
    return written
