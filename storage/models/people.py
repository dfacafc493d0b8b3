"""Who may use the bot, how they were invited, registered group chats and alert subscriptions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamped


class User(Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # admin, officer, reviewer
    active: Mapped[bool] = mapped_column(default=True)
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Invite(Timestamped, Base):
    """A one-time code an admin hands out; `/start CODE` uses it."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[dt.datetime]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    used_at: Mapped[dt.datetime | None]


class Chat(Timestamped, Base):
    """A chat the bot may talk in: private chats of users and group chats an admin registered."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    type: Mapped[str] = mapped_column(String(20))  # private, group, supergroup, channel
    title: Mapped[str | None] = mapped_column(Text)
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(default=True)
    blocked_reason: Mapped[str | None] = mapped_column(Text)  # permanent delivery error, recorded


class Subscription(Timestamped, Base):
    """What a chat wants to receive: alert kinds, topics, places, minimum severity, digests."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    kinds: Mapped[list[Any]] = mapped_column(default=list)  # empty = all kinds
    topics: Mapped[list[Any]] = mapped_column(default=list)  # empty = all topics
    places: Mapped[list[Any]] = mapped_column(default=list)  # empty = the whole province
    min_severity: Mapped[str] = mapped_column(String(10), default="medium")
    digests: Mapped[bool] = mapped_column(default=True)
