"""Who may use the bot: roles, bootstrap admins, one-time invite codes, registered group chats, refusals.

Roles: admin (manages people and groups), officer (alerts, figures, search, tips), reviewer (also labels flagged
items and moves them through the workflow). Invite codes are random, stored only as SHA-256, valid once and for
`telegram.invite_hours`. Everyone else gets one polite refusal and nothing more; every attempt is in the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.audit import record
from storage.models import AuditEntry, Chat, Invite, User, utcnow

ROLES = {"admin": "Quản trị viên", "officer": "Cán bộ theo dõi", "reviewer": "Người rà soát"}
ALL_ROLES = frozenset(ROLES)
CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]{8,64}")
FAILED_CODES_PER_DAY = 5


def actor(telegram_id: int) -> str:
    return f"tg:{telegram_id}"


@dataclass(frozen=True)
class Caller:
    """The person behind an update, once allowed in."""

    telegram_id: int
    role: str
    name: str
    chat_id: int
    chat_type: str

    @property
    def actor(self) -> str:
        return actor(self.telegram_id)

    @property
    def in_group(self) -> bool:
        return self.chat_type != "private"


def bootstrap_admins(session: Session, admin_ids: list[int]) -> int:
    """Make every id of DIEMBAO_ADMIN_IDS an active admin; returns how many changed."""
    changed = 0
    for telegram_id in admin_ids:
        user = session.scalars(select(User).where(User.telegram_id == telegram_id)).first()
        if user is None:
            user = User(telegram_id=telegram_id, role="admin", active=True, created_at=utcnow())
            session.add(user)
        elif user.role == "admin" and user.active:
            continue
        user.role, user.active = "admin", True
        changed += 1
        record(session, "system", "user.bootstrap", "user", telegram_id, role="admin")
    session.flush()
    return changed


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def create_invite(session: Session, role: str, admin: Caller, hours: float) -> tuple[str, dt.datetime]:
    """A new one-time code for `role`; only its hash is stored."""
    code = secrets.token_urlsafe(12)
    creator = session.scalar(select(User.id).where(User.telegram_id == admin.telegram_id))
    expires = utcnow() + dt.timedelta(hours=hours)
    session.add(Invite(code_hash=hash_code(code), role=role, created_by=creator, expires_at=expires, created_at=utcnow()))
    record(session, admin.actor, "invite.create", "invite", None, role=role, expires_at=expires.isoformat())
    return code, expires


def ensure_private_chat(session: Session, telegram_id: int, name: str | None) -> Chat:
    """The private chat of a user who just wrote to us (so it works again even if it was marked unreachable)."""
    chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == telegram_id)).first()
    if chat is None:
        chat = Chat(telegram_chat_id=telegram_id, type="private", title=name, created_at=utcnow())
        session.add(chat)
    chat.active, chat.blocked_reason = True, None
    session.flush()
    return chat


def redeem_invite(session: Session, code: str, telegram_id: int, name: str | None,
                  username: str | None) -> User | None:
    """The user the code makes of `telegram_id`, or None when the code is unknown, used or expired."""
    if not CODE_SHAPE.fullmatch(code):
        return None
    invite = session.scalars(select(Invite).where(Invite.code_hash == hash_code(code))).first()
    now = utcnow()
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    taken = session.execute(update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None))
                            .values(used_at=now)).rowcount
    if taken != 1:
        return None
    user = session.scalars(select(User).where(User.telegram_id == telegram_id)).first()
    if user is None:
        user = User(telegram_id=telegram_id, created_at=now)
        session.add(user)
    user.role, user.active, user.name, user.username = invite.role, True, name, username
    user.invited_by = invite.created_by
    session.flush()
    invite.used_by = user.id
    ensure_private_chat(session, telegram_id, name)
    record(session, actor(telegram_id), "user.join", "user", telegram_id, role=invite.role, invite_id=invite.id)
    return user


def failed_codes_today(session: Session, telegram_id: int) -> int:
    since = utcnow() - dt.timedelta(days=1)
    return session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.actor == actor(telegram_id), AuditEntry.action == "invite.failed", AuditEntry.at >= since)) or 0


def deny(session: Session, telegram_id: int, chat_id: int, what: str, reason: str, *, once_per_chat: bool) -> bool:
    """Log a refused attempt; True when this person (in this chat, with `once_per_chat`) was never refused before,
    i.e. when the one polite refusal is still due."""
    query = select(AuditEntry.id).where(AuditEntry.actor == actor(telegram_id), AuditEntry.action == "access.denied")
    if once_per_chat:
        query = query.where(AuditEntry.target_id == str(chat_id))
    first = session.scalar(query.limit(1)) is None
    record(session, actor(telegram_id), "access.denied", "chat", chat_id, what=what[:100], reason=reason)
    return first


def active_user(session: Session, telegram_id: int) -> User | None:
    return session.scalars(select(User).where(User.telegram_id == telegram_id, User.active.is_(True))).first()


def group_registered(session: Session, chat_id: int) -> bool:
    return session.scalar(select(Chat.id).where(Chat.telegram_chat_id == chat_id, Chat.type != "private",
                                                Chat.active.is_(True))) is not None


def active_admins(session: Session) -> list[int]:
    return list(session.scalars(select(User.telegram_id).where(User.role == "admin", User.active.is_(True))))
