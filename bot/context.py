"""What every command needs: the settings and a migrated database."""

from __future__ import annotations

import sys

import typer

from config import ConfigError, Settings, get_settings
from storage import Database, ensure_schema


def load_settings() -> Settings:
    """The settings, or a located Vietnamese error and exit code 2."""
    try:
        return get_settings()
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(f"Lỗi cấu hình: {problem}", err=True)
        raise typer.Exit(2) from None
    except ValueError as exc:  # pydantic ValidationError from the environment
        typer.echo(f"Lỗi cấu hình (biến môi trường DIEMBAO_*):\n{exc}", err=True)
        raise typer.Exit(2) from None


def open_database(settings: Settings, migrate: bool = True) -> Database:
    """Open the configured database and apply pending migrations."""
    database = Database(settings.database_url)
    if migrate:
        try:
            ensure_schema(database.engine)
        except Exception as exc:  # unreachable server, wrong credentials, locked file
            typer.echo(f"Không mở được cơ sở dữ liệu {database.engine.url.render_as_string(hide_password=True)}: {exc}",
                       err=True)
            sys.exit(2)
    return database
