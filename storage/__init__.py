"""Storage: SQLAlchemy 2 models, engine and sessions, queries and Alembic migrations."""

from storage.db import Database, make_engine
from storage.items import Capture, ItemData, Outcome, stored_urls, upsert_item
from storage.migrate import ensure_schema, upgrade

__all__ = ["Capture", "Database", "ItemData", "Outcome", "ensure_schema", "make_engine", "stored_urls",
           "upgrade", "upsert_item"]
