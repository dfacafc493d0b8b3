"""Crawler test fixtures: the fixture province on 127.0.0.1 and a `diembao crawl` run in a child process.

Scrapy's Twisted reactor cannot be restarted inside one process, so every crawl runs as `python -m bot crawl`,
which is also exactly how the runner starts crawls."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.fakes.province import Province
from tests.fakes.server import FixtureServer

# Fast, still polite in kind: no politeness delay on 127.0.0.1, short timeout, small page limit.
CRAWL_ENV = {"DIEMBAO_CRAWL__DOWNLOAD_TIMEOUT_S": "1", "DIEMBAO_CRAWL__MAX_PAGE_BYTES": "200000",
             "DIEMBAO_CRAWL__DOWNLOAD_DELAY_S": "0", "DIEMBAO_CRAWL__AUTOTHROTTLE_START_DELAY_S": "0",
             "DIEMBAO_CRAWL__RETRY_AFTER_MAX_S": "30", "DIEMBAO_CRAWL__CONCURRENT_PER_DOMAIN": "8"}
PLATFORM_ENV = ("FACEBOOK_ACCESS_TOKEN", "FACEBOOK_GRAPH_URL", "YOUTUBE_API_KEY", "YOUTUBE_API_URL")


@pytest.fixture
def province() -> Iterator[Province]:
    with FixtureServer() as server:
        yield Province(server)


def write_sources(path: Path, sources: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def run_crawl(tmp_path) -> Callable[..., subprocess.CompletedProcess]:
    """Run `diembao crawl` on `database_url` with these sources (and extra environment) in a child process."""
    def run(database_url: str, sources: list[dict], env: dict[str, str] | None = None,
            args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        path = write_sources(tmp_path / "sources.yaml", sources)
        base = {k: v for k, v in os.environ.items() if not k.startswith("DIEMBAO_") and k not in PLATFORM_ENV}
        full = {**base, **CRAWL_ENV, "DIEMBAO_DATABASE_URL": database_url, **(env or {})}
        return subprocess.run([sys.executable, "-m", "bot", "crawl", "--sources", str(path), *args], env=full,
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    return run
