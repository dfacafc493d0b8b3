"""What one crawl of one source did (counted as it happens), and the whole crawl's summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crawler.evidence import scrub_url
from storage.items import Outcome
from storage.models import utcnow

MAX_KEPT_FAILURES = 20
COLLAPSE_KINDS = ("feed", "sitemap", "site", "forum")  # sources whose fetched pages are articles or threads
COLLAPSE_PAGES = 3  # at least this many fetched, none extracted: extraction has collapsed


@dataclass
class SourceRun:
    name: str
    kind: str
    source_id: int | None = None
    run_id: int | None = None
    status: str = "running"  # running, ok, failed, not_configured
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped_stored: int = 0
    skipped_language: int = 0
    skipped_robots: int = 0
    not_modified: int = 0
    pages_fetched: int = 0
    pages_extracted: int = 0
    entries_ok: int = 0
    entries_failed: int = 0
    error: str | None = None
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    started_at: dt.datetime = field(default_factory=utcnow)
    finished_at: dt.datetime | None = None

    @property
    def extraction_collapsed(self) -> bool:
        """Article or thread pages fetched, none extracted: a redesign broke extraction (for API and channel
        sources an empty page is normal)."""
        return (self.kind in COLLAPSE_KINDS and self.pages_fetched >= COLLAPSE_PAGES and not self.pages_extracted)

    def count(self, outcome: Outcome) -> None:
        if outcome is Outcome.NEW:
            self.new += 1
        elif outcome is Outcome.UPDATED:
            self.updated += 1
        else:
            self.duplicates += 1

    def _keep(self, url: str, reason: str) -> None:
        if len(self.failures) < MAX_KEPT_FAILURES:
            self.failures.append(f"{scrub_url(url)}: {reason}")

    def page_failed(self, url: str, reason: str) -> None:
        """A page or item that could not be fetched, extracted or stored."""
        self.failed += 1
        self._keep(url, reason)

    def warn(self, where: str, message: str) -> None:
        """Stored, but with something left out (e.g. an unreadable date)."""
        if len(self.warnings) < MAX_KEPT_FAILURES:
            self.warnings.append(f"{where}: {message}")

    def entry_failed(self, url: str, reason: str) -> None:
        """The feed, sitemap, listing or API call the crawl starts from failed."""
        self.entries_failed += 1
        self.error = self.error or f"{scrub_url(url)}: {reason}"
        self._keep(url, reason)

    def not_configured(self, reason: str) -> None:
        self.status = "not_configured"
        self.error = reason
        self.finished_at = utcnow()

    def finish(self) -> None:
        if self.status == "running":
            self.status = "ok" if self.entries_ok or not self.entries_failed else "failed"
        if self.status == "ok" and self.extraction_collapsed:
            self.status = "failed"
            self.error = (f"tải được {self.pages_fetched} trang bài viết nhưng không trích xuất được bài nào: trang có "
                          "thể đã đổi giao diện, cần kiểm tra selectors hoặc quy tắc nhận diện bài viết")
        if self.status == "ok":
            self.error = None
        self.finished_at = utcnow()


@dataclass
class CrawlReport:
    runs: list[SourceRun]
    started_at: dt.datetime = field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
    purged_evidence: int = 0

    def total(self, name: str) -> int:
        return sum(getattr(run, name) for run in self.runs)

    @property
    def finished_sources(self) -> int:
        return sum(run.status != "running" for run in self.runs)

    @property
    def all_failed(self) -> bool:
        attempted = [run for run in self.runs if run.status != "not_configured"]
        return bool(attempted) and all(run.status == "failed" for run in attempted)
