"""The durable alert outbox and the bulletins (digests) produced."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamped, utcnow


class Outbox(Timestamped, Base):
    """One message for one chat, written before it is sent; the dispatcher records what Telegram confirmed."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)  # Telegram chat id
    kind: Mapped[str] = mapped_column(String(20))  # alert, summary, digest, notice
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)  # e.g. alert:story:12:chat:99
    flag_id: Mapped[int | None] = mapped_column(ForeignKey("flags.id", ondelete="SET NULL"), index=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"))
    severity: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)  # HTML, already escaped
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column()
    document_path: Mapped[str | None] = mapped_column(Text)
    # pending, sending (claimed), sent, uncertain (outcome unknown: never resent blindly), dead (permanent error),
    # held (quiet alert waiting for its summary), grouped (sent inside a summary)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[dt.datetime | None]
    sent_at: Mapped[dt.datetime | None]
    message_ids: Mapped[list[Any]] = mapped_column(default=list)  # one per part when split at 4,096 characters
    last_error: Mapped[str | None] = mapped_column(Text)
    counter: Mapped[int] = mapped_column(Integer, default=1)  # later items of the same story
    needs_edit: Mapped[bool] = mapped_column(default=False)


class Digest(Timestamped, Base):
    """A bulletin produced: weekly (bản tin điểm báo tuần), monthly, half-year."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("period", "period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10))  # week, month, half-year
    period_key: Mapped[str] = mapped_column(String(20))  # 2024-W23, 2024-06, 2024-H1
    number: Mapped[int | None] = mapped_column(Integer)  # bulletin number within the year
    figures: Mapped[dict[str, Any]] = mapped_column(default=dict)
    files: Mapped[dict[str, Any]] = mapped_column(default=dict)  # format -> path
    sent_at: Mapped[dt.datetime | None]
