"""Shared fixtures: migrated databases on SQLite and, when DIEMBAO_TEST_DATABASE_URL is set, on PostgreSQL.

Every PostgreSQL test gets its own schema (dropped afterwards), so tests never see each other's rows and the
server's `test` database is left as it was found."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from storage import Database, ensure_schema
from storage.models import Base

POSTGRES_ENV = "DIEMBAO_TEST_DATABASE_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def _with_search_path(url: str, schema: str) -> str:
    """The same server URL with every connection's search_path set to `schema` (libpq `options`)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def _fresh_schema() -> Iterator[str]:
    """A URL to a new, empty PostgreSQL schema, dropped on exit; skips when no server is configured."""
    base = postgres_url()
    if base is None:
        pytest.skip(f"{POSTGRES_ENV} is not set: PostgreSQL storage tests skipped")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _with_search_path(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL to a fresh, empty PostgreSQL schema."""
    with _fresh_schema() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'diembao.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """An empty database URL on each backend (the PostgreSQL one skips without a server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'diembao.db'}"
    return request.getfixturevalue("postgres_schema_url")


def _emptied(db: Database) -> Database:
    """Remove every row and restart the id sequences, keeping the migrated schema."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        for table in tables:  # DELETE is much faster than TRUNCATE on the few rows a test leaves
            conn.execute(text(f"DELETE FROM {table}"))
        if db.engine.dialect.name == "postgresql":
            sequences = conn.execute(text("SELECT sequence_name FROM information_schema.sequences "
                                          "WHERE sequence_schema = current_schema()")).scalars().all()
            for sequence in sequences:
                conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
    return db


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('db') / 'diembao.db'}")
    ensure_schema(db.engine)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def _migrated_postgres() -> Iterator[Database]:
    with _fresh_schema() as url:
        db = Database(url)
        ensure_schema(db.engine)
        yield db
        db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request) -> Database:
    """A migrated, empty database on each backend (migrated once per session, emptied before each test)."""
    return _emptied(request.getfixturevalue(f"_migrated_{request.param.replace('postgresql', 'postgres')}"))


@pytest.fixture
def sqlite_database(_migrated_sqlite) -> Database:
    """A migrated, empty SQLite database, for tests whose subject is not the storage layer itself."""
    return _emptied(_migrated_sqlite)


@pytest.fixture
def run_cli(database, monkeypatch, tmp_path):
    """Run `diembao ARGS...` against the migrated `database` (each backend); returns click's Result, with stdout
    and stderr kept apart."""
    from typer.testing import CliRunner

    from bot.cli import app

    config = tmp_path / "diembao-test.yaml"
    config.write_text("{}\n", encoding="utf-8")
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database.url)
    monkeypatch.setenv("DIEMBAO_CONFIG", str(config))
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
