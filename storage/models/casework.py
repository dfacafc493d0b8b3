"""Flags and their workflow, reviewer labels, and the debunked-claims registry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, Timestamped, utcnow


class Claim(Timestamped, Base):
    """A claim already checked: tin giả / tin sai sự thật / tin xác thực."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)  # of the normalised text
    verdict: Mapped[str] = mapped_column(String(20))  # tin_gia, sai_su_that, xac_thuc
    domain: Mapped[str] = mapped_column(String(30), default="other")
    source: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    claim_date: Mapped[dt.date | None] = mapped_column(Date)
    created_by: Mapped[str | None] = mapped_column(String(100))
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Flag(Timestamped, Base):
    """Something an officer must look at, moving mới → sàng lọc → xác minh → kết luận → xử lý."""

    __tablename__ = "flags"
    __table_args__ = (Index("ix_flags_status_kind", "status", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # misinformation, harmful, negative_press, watchlist, volume_spike, silent_source
    severity: Mapped[str] = mapped_column(String(10))  # low, medium, high, critical
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[Any]] = mapped_column(default=list)  # Vietnamese sentences an officer understands
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), index=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    claim_similarity: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="moi")  # moi, sang_loc, xac_minh, ket_luan, xu_ly, dong
    conclusion: Mapped[str | None] = mapped_column(String(20))  # vi_pham, chua_du_co_so, khong_vi_pham
    action: Mapped[str | None] = mapped_column(String(30))  # nhac_nho, phan_bac, cai_chinh, chuyen_cong_an, de_nghi_go_bo, bao_cao_nhanh
    legal_basis: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # one open flag per subject and kind
    alerted_at: Mapped[dt.datetime | None] = mapped_column(index=True)  # when its alerts were queued in the outbox

    events: Mapped[list["FlagEvent"]] = relationship(order_by="FlagEvent.id", cascade="all, delete-orphan")


class FlagEvent(Base):
    """One workflow step of a flag: who, when, why and on what legal basis."""

    __tablename__ = "flag_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    conclusion: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str | None] = mapped_column(String(30))
    legal_basis: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Review(Base):
    """An append-only label given by a reviewer; later labels never overwrite earlier ones."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_item_task", "item_id", "task"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    flag_id: Mapped[int | None] = mapped_column(ForeignKey("flags.id", ondelete="SET NULL"), index=True)
    task: Mapped[str] = mapped_column(String(20))  # sentiment, toxicity, misinfo, relevance, topic
    label: Mapped[str] = mapped_column(String(50))
    reviewer: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20), default="cli")  # cli, telegram
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # replayed presses count once
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
