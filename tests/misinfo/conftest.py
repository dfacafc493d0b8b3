"""Helpers for the misinformation tests: the `diembao` command line run against the test database."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import app


@pytest.fixture
def run_cli(database, monkeypatch, tmp_path):
    """Run `diembao ARGS...` against `database`; returns the click Result (stdout and stderr kept apart)."""
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database.url)
    monkeypatch.setenv("DIEMBAO_CONFIG", str(tmp_path / "none.yaml"))
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run
