"""Which chats want a flag: subscriptions by alert kind, topic, place (district, commune) and minimum severity."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.alerts.card import keys_of, latest_analysis
from config.vocabulary import severity_at_least
from nlp.normalize import fold
from storage.models import Chat, Flag, Story, Subscription, User

REVIEWING_ROLES = ("reviewer", "admin")


@dataclass
class Facts:
    """What subscriptions are matched against."""

    kind: str
    severity: str
    topics: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # folded names


def facts_of(session: Session, flag: Flag) -> Facts:
    facts = Facts(flag.kind, flag.severity)
    if flag.item_id:
        analysis = latest_analysis(session, flag.item_id)
        if analysis is not None:
            facts.topics |= keys_of(analysis.topics)
            facts.places |= {fold(p) for p in keys_of(analysis.places)}
    if flag.story_id:
        story = session.get(Story, flag.story_id)
        if story is not None:
            facts.topics |= keys_of(story.topics)
    return facts


def matches(sub: Subscription, facts: Facts) -> bool:
    if sub.kinds and facts.kind not in sub.kinds:
        return False
    if sub.topics and not facts.topics & set(sub.topics):
        return False
    if sub.places and not facts.places & {fold(p) for p in sub.places}:
        return False
    return severity_at_least(facts.severity, sub.min_severity)


@dataclass
class Target:
    """A chat that may receive alerts, its subscriptions, and whether its readers may press review buttons."""

    chat: Chat
    subscriptions: list[Subscription]
    can_review: bool


def can_review(session: Session, chat: Chat) -> bool:
    """Groups an admin registered get the review buttons; a private chat only when its user reviews."""
    if chat.type != "private":
        return True
    role = session.scalar(select(User.role).where(User.telegram_id == chat.telegram_chat_id, User.active.is_(True)))
    return role in REVIEWING_ROLES


def targets(session: Session) -> list[Target]:
    """Active chats with subscriptions; a private chat counts only while its user is active."""
    active_users = set(session.scalars(select(User.telegram_id).where(User.active.is_(True))))
    subs: dict[int, list[Subscription]] = {}
    for sub in session.scalars(select(Subscription).order_by(Subscription.id)):
        subs.setdefault(sub.chat_id, []).append(sub)
    out = []
    for chat in session.scalars(select(Chat).where(Chat.active.is_(True), Chat.id.in_(list(subs)))):
        if chat.type == "private" and chat.telegram_chat_id not in active_users:
            continue
        out.append(Target(chat, subs[chat.id], can_review(session, chat)))
    return out
