"""The runner: one service that schedules crawls (each in its own process), analyses what they bring, raises
flags, feeds the alert outbox, runs the Telegram bot and the weekly bulletin, until SIGTERM or SIGINT.

Everything it does is recorded in the database as it goes (items, analyses with their stories and flags in one
transaction per batch, alerts in the outbox before they are sent), so after a crash or a kill it simply starts
again: nothing analysed twice, no alert lost or doubled, and an interrupted crawl is run again."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.pipeline import Pipeline
from bot.runner import sleep_unless_stopped
from bot.runner.crawls import CrawlScheduler, mark_interrupted
from bot.runner.digests import weekly_digests
from bot.telegram.access import bootstrap_admins
from bot.telegram.service import serve
from config import Settings
from config.sources import SourceConfig
from storage import Database
from storage.audit import beat
from storage.models import utcnow

log = logging.getLogger(__name__)


@dataclass
class RunnerOptions:
    tick_s: float = 1.0  # how often the crawl schedule is looked at
    analysis_every_s: float = 30.0  # analysis runs after every crawl, and at least this often
    sweep_every_s: float = 60.0  # silent sources and pending alerts
    max_crawl_processes: int = 2
    dispatcher_poll_s: float = 1.0
    weekly_bulletin: bool = True


class Runner:
    def __init__(self, settings: Settings, database: Database, sources: list[SourceConfig],
                 sources_file: Path | None, *, token: str | None = None, base_url: str | None = None,
                 options: RunnerOptions | None = None):
        self.settings, self.database = settings, database
        self.token, self.base_url = token, base_url
        self.options = options or RunnerOptions()
        self._analysis_due = asyncio.Event()
        self._stopping = threading.Event()  # read by the analysis thread between batches
        self._wake_dispatcher = lambda: None
        self.crawls = CrawlScheduler(database, sources, sources_file,
                                     max_processes=self.options.max_crawl_processes,
                                     on_finished=lambda _names, _code: self._analysis_due.set())

    async def run(self, stop: asyncio.Event) -> None:
        started = utcnow()
        interrupted = mark_interrupted(self.database, started)
        with self.database.session() as session:
            bootstrap_admins(session, self.settings.admin_ids)
            beat(session, "runner", started_at=started.isoformat(), interrupted_crawls=interrupted)
        log.info("runner started", extra={"sources": len(self.crawls.sources), "telegram": bool(self.token),
                                          "interrupted_crawls": interrupted})
        pipeline = await asyncio.to_thread(Pipeline, self.settings)  # models and claim index, loaded once
        tasks = [asyncio.create_task(self._crawl_loop(stop), name="crawls"),
                 asyncio.create_task(self._analysis_loop(stop, pipeline), name="analysis")]
        if self.token:
            tasks.append(asyncio.create_task(self._telegram(stop), name="telegram"))
        if self.options.weekly_bulletin:
            tasks.append(asyncio.create_task(weekly_digests(self.database, self.settings, stop), name="digests"))
        stopped = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([*tasks, stopped], return_when=asyncio.FIRST_COMPLETED)
        failed = [t for t in done if t is not stopped and not t.cancelled() and t.exception() is not None]
        stop.set()
        self._stopping.set()
        self._analysis_due.set()
        await self.crawls.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        log.info("runner stopped")
        if failed:
            raise failed[0].exception()

    async def _crawl_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = await self.crawls.tick()
            if started:
                with self.database.session() as session:
                    beat(session, "scheduler", started=started, running=len(self.crawls.running))
            await sleep_unless_stopped(stop, self.options.tick_s)

    async def _analysis_loop(self, stop: asyncio.Event, pipeline: Pipeline) -> None:
        last_sweep = 0.0
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            self._analysis_due.clear()
            report = await asyncio.to_thread(pipeline.run, self.database, stop=self._stopping.is_set)
            if loop.time() - last_sweep >= self.options.sweep_every_s:
                await asyncio.to_thread(pipeline.sweep, self.database, report)
                last_sweep = loop.time()
            if report.analysed or report.alerts:
                log.info("analysed", extra={"items": report.analysed, "relevant": report.relevant,
                                            "flags": report.flags, "alerts": report.alerts})
                self._wake_dispatcher()
            try:
                await asyncio.wait_for(self._analysis_due.wait(), timeout=self.options.analysis_every_s)
            except asyncio.TimeoutError:
                pass

    async def _telegram(self, stop: asyncio.Event) -> None:
        def keep(dispatcher) -> None:
            self._wake_dispatcher = dispatcher.wake

        await serve(self.settings, self.database, stop, token=self.token, base_url=self.base_url,
                    dispatcher_options={"poll_interval": self.options.dispatcher_poll_s}, on_dispatcher=keep)
