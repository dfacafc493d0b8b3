"""SQLAlchemy 2 models of the whole product. Schema changes go through Alembic migrations only."""

from storage.models.analysis import Analysis, Story
from storage.models.audit import AuditEntry, Heartbeat
from storage.models.base import Base, utcnow
from storage.models.casework import Claim, Flag, FlagEvent, Review
from storage.models.content import CrawlRun, FetchState, Item, Snapshot, Source
from storage.models.delivery import Digest, Outbox
from storage.models.people import Chat, Invite, Subscription, User

__all__ = [
    "Analysis", "AuditEntry", "Base", "Chat", "Claim", "CrawlRun", "Digest", "FetchState", "Flag", "FlagEvent",
    "Heartbeat", "Invite", "Item", "Outbox", "Review", "Snapshot", "Source", "Story", "Subscription", "User",
    "utcnow",
]
