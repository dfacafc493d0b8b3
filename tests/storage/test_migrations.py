"""The schema is made only by Alembic: upgrade from empty, downgrade to empty, upgrade again; models match it."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage import Database
from storage.migrate import current_revision, downgrade, ensure_schema, head_revision, upgrade
from storage.models import Base

TABLES = {table.name for table in Base.metadata.sorted_tables}


def _tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(database_url):
    db = Database(database_url)
    assert current_revision(db.engine) is None
    upgrade(db.engine)
    assert current_revision(db.engine) == head_revision(db.engine)
    assert _tables(db) == TABLES
    downgrade(db.engine, "base")
    assert current_revision(db.engine) is None
    assert _tables(db) == set()
    upgrade(db.engine)
    assert _tables(db) == TABLES
    ensure_schema(db.engine)  # already at head: nothing to do, no error
    db.dispose()


def test_models_match_the_migrations(database):
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ; write a migration for: {diff}"
