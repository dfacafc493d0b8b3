"""The audit log (who did what, when) and the heartbeat of every long-running part."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))  # "tg:12345", "cli", "system"
    action: Mapped[str] = mapped_column(String(50), index=True)
    target_type: Mapped[str | None] = mapped_column(String(30))
    target_id: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Heartbeat(Base):
    """Last success and last error of each part (crawler, analysis, dispatcher, bot, scheduler)."""

    __tablename__ = "heartbeats"

    component: Mapped[str] = mapped_column(String(50), primary_key=True)
    last_success_at: Mapped[dt.datetime | None]
    last_error_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
