"""Builders shared by the bot tests: settings, outbox rows, items with analyses, flags, users and chats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from config.settings import Settings
from storage import ItemData, upsert_item
from storage.models import Analysis, Chat, Flag, Outbox, Subscription, User, utcnow


def settings(db_url: str, data_dir: Path | None = None, **telegram: Any) -> Settings:
    """Test settings; files the bot writes (bulletins) go to `data_dir` (give a temporary folder)."""
    extra = {"data_dir": data_dir} if data_dir is not None else {}
    return Settings(database_url=db_url, admin_ids=[1], telegram={"quiet_severity": "low", **telegram}, **extra)


def outbox_row(session, chat_id: int, text: str, key: str | None = None, **extra: Any) -> Outbox:
    row = Outbox(chat_id=chat_id, kind=extra.pop("kind", "alert"), dedupe_key=key or f"test:{chat_id}:{text[:40]}",
                 text=text, status=extra.pop("status", "pending"), next_attempt_at=utcnow(), message_ids=[],
                 counter=1, attempts=0, needs_edit=False, created_at=utcnow(), **extra)
    session.add(row)
    session.flush()
    return row


def item(session, title: str, text: str, url: str | None = None, **extra: Any) -> int:
    url = url or f"https://baokhanhhoa.vn/{abs(hash(title)) % 10**8}.html"
    item_id, _ = upsert_item(session, ItemData(url=url, canonical_url=url, source_type=extra.pop("source_type", "provincial_press"),
                                               title=title, text=text, outlet=extra.pop("outlet", "Báo Khánh Hòa"),
                                               **extra))
    return item_id


def analysis(session, item_id: int, sentiment: str = "negative", **extra: Any) -> Analysis:
    row = Analysis(item_id=item_id, model_version=extra.pop("model_version", "test-1"), relevant=extra.pop("relevant", True),
                   sentiment=sentiment, sentiment_scores={sentiment: 0.87}, created_at=utcnow(), **extra)
    session.add(row)
    session.flush()
    return row


def flag(session, item_id: int | None, kind: str = "misinformation", severity: str = "high", **extra: Any) -> Flag:
    row = Flag(kind=kind, severity=severity, item_id=item_id, reasons=extra.pop("reasons", ["Trùng khớp tin giả đã được kiểm chứng"]),
               status="moi", created_at=utcnow(), updated_at=utcnow(), **extra)
    session.add(row)
    session.flush()
    return row


def member(session, telegram_id: int, role: str, name: str = "Cán bộ", subscribe: dict | None = None) -> User:
    user = User(telegram_id=telegram_id, role=role, name=name, active=True, created_at=utcnow())
    session.add(user)
    session.flush()
    chat = Chat(telegram_chat_id=telegram_id, type="private", title=name, active=True, created_at=utcnow())
    session.add(chat)
    session.flush()
    if subscribe is not None:
        session.add(Subscription(chat_id=chat.id, created_at=utcnow(), **{"min_severity": "low", **subscribe}))
        session.flush()
    return user
