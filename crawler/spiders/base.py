"""What every source spider shares: entry requests (conditional GET), following article links without fetching
what is already stored, article extraction into items, and failure accounting per source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from parsel import Selector
from sqlalchemy import select

from config.settings import CrawlSettings
from config.sources import SourceConfig
from crawler.encoding import decode_body
from crawler.evidence import capture_of
from crawler.extract import extract_article
from crawler.failures import describe_failure, is_robots_refusal
from crawler.feeds import Candidate
from crawler.report import SourceRun
from crawler.urls import canonical_url, site_key
from storage.db import Database
from storage.items import ItemData, fetched_times
from storage.models import FetchState

HTML_TYPES = (b"text/html", b"application/xhtml", b"text/plain")


class SourceSpider(scrapy.Spider):
    kind = ""

    def __init__(self, source: SourceConfig, source_id: int | None, run: SourceRun, database: Database,
                 crawl: CrawlSettings, **kwargs: Any):
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.opts = source.opts
        self.source_id = source_id
        self.run = run
        self.database = database
        self.crawl_settings = crawl
        self.languages = source.languages if "languages" in source.model_fields_set else crawl.languages
        self.seen: set[str] = set()

    # requests ---------------------------------------------------------------------------------------------------

    def entry_request(self, url: str, callback: Any, conditional: bool = True, **kwargs: Any) -> scrapy.Request:
        """The feed, sitemap, listing page or API call a crawl starts from; its failure fails the run."""
        meta = {"entry": True, "handle_httpstatus_list": [304], **kwargs.pop("meta", {})}
        if conditional:
            meta["conditional"] = url
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True, meta=meta, **kwargs)

    def page_request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True, **kwargs)

    def not_modified(self, response: scrapy.http.Response) -> bool:
        """True (and counted) when an entry answered 304 Not Modified: nothing new there."""
        if response.status == 304:
            self.run.entries_ok += bool(response.meta.get("entry"))
            self.run.not_modified += 1
            return True
        return False

    def on_error(self, failure: Any) -> None:
        request = failure.request
        exc = failure.value
        if is_robots_refusal(exc) and not request.meta.get("entry"):
            self.run.skipped_robots += 1
            return
        reason = describe_failure(exc, request, self.crawl_settings.max_page_bytes)
        if request.meta.get("entry"):
            self.run.entry_failed(request.url, reason)
        else:
            self.run.page_failed(request.url, reason)

    # pages ------------------------------------------------------------------------------------------------------

    def html(self, response: scrapy.http.Response) -> str | None:
        """The decoded page, or None (counted as failed) when the response is not an HTML page."""
        content_type = response.headers.get(b"Content-Type") or b"text/html"
        if not content_type.lower().startswith(HTML_TYPES):
            failed = self.run.entry_failed if response.meta.get("entry") else self.run.page_failed
            failed(response.url, f"không phải trang HTML ({content_type.decode('latin-1')})")
            return None
        return decode_body(response.body, content_type.decode("latin-1"))

    def selector(self, response: scrapy.http.Response) -> Selector | None:
        text = self.html(response)
        return Selector(text=text) if text is not None else None

    def entry_page(self, response: scrapy.http.Response) -> Selector | None:
        """A listing, forum or channel page as a Selector; an entry page that is HTML counts as a success."""
        page = self.selector(response)
        if page is not None:
            self.run.entries_ok += bool(response.meta.get("entry"))
        return page

    def same_site(self, url: str) -> bool:
        return site_key(url) == site_key(self.source.url)

    # articles ---------------------------------------------------------------------------------------------------

    def _checked_times(self, keys: list[str]) -> dict[str, Any]:
        with self.database.session() as session:
            stored = fetched_times(session, keys)
            checked = dict(session.execute(select(FetchState.url, FetchState.checked_at)
                                           .where(FetchState.url.in_(list(stored)))).tuples().all())
        return {key: max(moment, checked.get(key, moment)) for key, moment in stored.items()}

    def unstored(self, candidates: Iterable[Candidate], limit: int) -> list[tuple[str, Candidate, bool]]:
        """Candidates not seen in this run and not stored yet (or announced as updated since they were last
        fetched, when the source allows refetching): (canonical URL, candidate, is a refetch)."""
        fresh: list[tuple[str, Candidate]] = []
        for candidate in candidates:
            key = canonical_url(candidate.url)
            if key in self.seen:
                continue
            self.seen.add(key)
            fresh.append((key, candidate))
            if len(fresh) >= limit:
                break
        last_checked = self._checked_times([key for key, _ in fresh])
        refetch_updated = getattr(self.opts, "refetch_updated", True)
        out = []
        for key, candidate in fresh:
            checked = last_checked.get(key)
            if checked is None:
                out.append((key, candidate, False))
            elif refetch_updated and candidate.updated_at and candidate.updated_at > checked:
                out.append((key, candidate, True))
            else:
                self.run.skipped_stored += 1
        return out

    def follow_articles(self, candidates: Iterable[Candidate], limit: int) -> Iterator[scrapy.Request]:
        for key, candidate, refetch in self.unstored(candidates, limit):
            meta = {"conditional": key, "handle_httpstatus_list": [304]} if refetch else {}
            yield self.page_request(candidate.url, self.parse_article, cb_kwargs={"candidate": candidate}, meta=meta)

    def parse_article(self, response: scrapy.http.Response, candidate: Candidate | None = None):
        if response.status == 304:  # a refetch of an announced update: unchanged after all
            self.run.duplicates += 1
            return
        self.run.pages_fetched += 1
        text = self.html(response)
        if text is None:
            return
        article = extract_article(text, response.url, self.source.selectors)
        if article is None:
            self.run.page_failed(response.url, "không trích xuất được nội dung bài viết")
            return
        self.run.pages_extracted += 1
        candidate = candidate or Candidate(url=response.url)
        yield ItemData(
            url=response.url, canonical_url=article.canonical_url, source_type=self.source.type, kind="article",
            platform="web", text=article.text, title=article.title or candidate.title,
            outlet=candidate.outlet or article.site_name, author=article.author or candidate.author,
            published_at=article.published_at or candidate.published_at, capture=capture_of(response),
            extra={"source": self.source.name})
