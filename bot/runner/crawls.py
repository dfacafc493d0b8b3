"""Scheduled crawls: each due batch of sources is crawled by `diembao crawl` in a process of its own, at each
source's interval. The schedule lives in the database (a source's last attempt), so a restart resumes it and a
crawl that died is simply run again."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, update

from config.sources import SourceConfig
from storage import Database
from storage.models import CrawlRun, Source, utcnow

log = logging.getLogger(__name__)
STOP_GRACE_S = 20.0  # a crawl asked to stop gets this long to finish what it fetched before it is killed


def mark_interrupted(database: Database, started_before: dt.datetime) -> int:
    """Crawl runs left "running" by a service that died: recorded as failed (the next schedule reruns them)."""
    with database.session() as session:
        result = session.execute(
            update(CrawlRun).where(CrawlRun.status == "running", CrawlRun.started_at < started_before)
            .values(status="failed", finished_at=utcnow(),
                    error="bị ngắt giữa chừng (dịch vụ dừng đột ngột); sẽ được thu thập lại"))
        return result.rowcount or 0


class CrawlScheduler:
    """Starts `diembao crawl` for the sources that are due, at most `max_processes` at a time."""

    def __init__(self, database: Database, sources: list[SourceConfig], sources_file: Path | None, *,
                 max_processes: int = 2, on_finished: Callable[[list[str], int], None] | None = None):
        self.database = database
        self.sources = [s for s in sources if s.enabled]
        self.sources_file = sources_file
        self.max_processes = max_processes
        self.on_finished = on_finished
        self.running: dict[asyncio.subprocess.Process, list[str]] = {}
        self.started: dict[str, dt.datetime] = {}  # this service's own starts: a crawl that dies early waits too
        self._tasks: set[asyncio.Task] = set()

    def due(self, now: dt.datetime) -> list[str]:
        """Enabled sources whose interval has passed since their last attempt (or that were never crawled)."""
        with self.database.session() as session:
            last = dict(session.execute(select(Source.name, Source.last_attempt_at)).all())
        busy = {name for names in self.running.values() for name in names}
        out = []
        for source in self.sources:
            previous = max(filter(None, (last.get(source.name), self.started.get(source.name))), default=None)
            if source.name not in busy and (previous is None or
                                            now - previous >= dt.timedelta(minutes=source.interval_minutes)):
                out.append(source.name)
        return out

    async def tick(self, now: dt.datetime | None = None) -> list[str]:
        """Start one crawl process for every due source (one batch) when a process slot is free."""
        if len(self.running) >= self.max_processes:
            return []
        now = now or utcnow()
        names = self.due(now)
        if names:
            self.started.update(dict.fromkeys(names, now))
            await self._start(names)
        return names

    async def _start(self, names: list[str]) -> None:
        args = [sys.executable, "-m", "bot.cli.crawl"]
        if self.sources_file is not None:
            args += ["--sources", str(self.sources_file)]
        for name in names:
            args += ["--source", name]
        process = await asyncio.create_subprocess_exec(*args, stdout=asyncio.subprocess.DEVNULL,
                                                       stderr=asyncio.subprocess.PIPE)
        self.running[process] = names
        log.info("crawl started", extra={"sources": names, "pid": process.pid})
        task = asyncio.create_task(self._wait(process), name=f"crawl-{process.pid}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wait(self, process: asyncio.subprocess.Process) -> None:
        _, stderr = await process.communicate()
        names = self.running.pop(process, [])
        if process.returncode == 0:
            log.info("crawl finished", extra={"sources": names, "pid": process.pid})
        else:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            log.warning("crawl failed", extra={"sources": names, "pid": process.pid,
                                               "returncode": process.returncode, "stderr": tail})
        if self.on_finished is not None:
            self.on_finished(names, process.returncode)

    async def stop(self) -> None:
        """Ask running crawls to stop (SIGTERM: Scrapy finishes cleanly), kill them after the grace period."""
        for process in list(self.running):
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        if self._tasks:
            done, pending = await asyncio.wait(self._tasks, timeout=STOP_GRACE_S)
            for process in list(self.running):
                if process.returncode is None:
                    process.kill()
            if pending:
                await asyncio.wait(pending, timeout=5)
