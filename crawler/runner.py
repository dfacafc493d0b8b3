"""One crawl: every selected source in one Scrapy CrawlerProcess (so it must run in a process of its own, as
`diembao crawl` does), imports read directly, platform sources without a token reported as not configured;
then source silence is re-evaluated, expired evidence purged and the crawler's heartbeat recorded."""

from __future__ import annotations

from collections.abc import Callable

from config.settings import Settings
from config.sources import SourceConfig
from crawler.evidence import purge_evidence
from crawler.health import close_run, open_run, refresh_silence
from crawler.imports import ImportFailed, import_file
from crawler.report import CrawlReport, SourceRun
from crawler.platforms import missing_configuration
from crawler.scrapy_settings import scrapy_settings
from crawler.spiders import SPIDERS
from storage.audit import beat
from storage.db import Database
from storage.models import utcnow
from storage.sources import sync_sources

PROGRESS_EVERY_S = 1.0


class UnknownSources(ValueError):
    def __init__(self, names: list[str], known: list[str]):
        super().__init__(f"không có nguồn tên {', '.join(names)}; các nguồn đã cấu hình: {', '.join(known)}")


def select_sources(configs: list[SourceConfig], names: list[str] | None) -> list[SourceConfig]:
    """The named sources (even if disabled), or every enabled source."""
    if not names:
        return [c for c in configs if c.enabled]
    by_name = {c.name: c for c in configs}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise UnknownSources(unknown, sorted(by_name))
    return [by_name[n] for n in dict.fromkeys(names)]


def _import(database: Database, source: SourceConfig, run: SourceRun) -> None:
    try:
        import_file(database, source.url, source.opts.mapping, run, source.type, source.opts.encoding)
    except ImportFailed as exc:
        run.entry_failed(source.url, str(exc))
    run.finish()


def _scrapy(settings: Settings, jobs: list[tuple[type, SourceConfig, SourceRun]], database: Database,
            report: CrawlReport, progress: Callable[[CrawlReport], None] | None, log_level: str) -> None:
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(scrapy_settings(settings.crawl, log_level))
    for spider, source, run in jobs:
        process.crawl(spider, source=source, source_id=run.source_id, run=run, database=database,
                      crawl=settings.crawl)
    if progress is not None:
        from twisted.internet import reactor, task

        loop = task.LoopingCall(progress, report)
        reactor.callWhenRunning(loop.start, PROGRESS_EVERY_S, False)
    process.start()


def run_crawl(settings: Settings, configs: list[SourceConfig], database: Database, names: list[str] | None = None,
              progress: Callable[[CrawlReport], None] | None = None, log_level: str = "ERROR") -> CrawlReport:
    """Crawl the selected sources (all enabled ones by default) and return what happened, per source."""
    selected = select_sources(configs, names)
    with database.session() as session:
        rows = sync_sources(session, configs)
        ids = {name: row.id for name, row in rows.items()}
    report = CrawlReport(runs=[SourceRun(s.name, s.kind, ids[s.name]) for s in selected])
    jobs = []
    for source, run in zip(selected, report.runs):
        missing = missing_configuration(source.kind)
        if source.kind == "import":
            with database.session() as session:
                open_run(session, run)
            _import(database, source, run)
        elif missing:
            run.not_configured(missing)
        else:
            jobs.append((SPIDERS[source.kind], source, run))
            continue
        with database.session() as session:
            close_run(session, run, settings.crawl.silent_factor)
    if jobs:
        _scrapy(settings, jobs, database, report, progress, log_level)
    with database.session() as session:
        for run in report.runs:
            if run.status == "running":  # the spider never started (an error was logged)
                run.entry_failed(run.name, "không khởi động được trình thu thập cho nguồn này")
                run.finish()
                close_run(session, run, settings.crawl.silent_factor)
        refresh_silence(session, settings.crawl.silent_factor)
        report.purged_evidence = purge_evidence(session, settings.crawl.evidence_retention_days)
        report.finished_at = utcnow()
        beat(session, "crawler", error="mọi nguồn đều thất bại" if report.all_failed else None,
             sources=len(report.runs), new=report.total("new"), updated=report.total("updated"),
             failed=report.total("failed"))
    return report
