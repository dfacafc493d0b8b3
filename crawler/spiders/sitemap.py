"""Sitemaps, sitemap indexes and Google News sitemaps, or a robots.txt naming them; recent entries only."""

from __future__ import annotations

import datetime as dt
import re

from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawler.feeds import FeedError
from crawler.sitemaps import read_sitemap
from crawler.spiders.base import SourceSpider
from storage.models import utcnow

MAX_DEPTH = 3


class SitemapSpider(SourceSpider):
    kind = "sitemap"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow = [re.compile(p) for p in self.opts.allow]
        self.deny = [re.compile(p) for p in self.opts.deny]
        self.follow_index = [re.compile(p) for p in self.opts.follow_index]
        self.oldest = utcnow() - dt.timedelta(days=self.opts.max_age_days)

    async def start(self):
        if self.source.url.rstrip("/").endswith("robots.txt"):
            yield self.entry_request(self.source.url, self.parse_robots, conditional=False)
        else:
            yield self.entry_request(self.source.url, self.parse_sitemap)

    def parse_robots(self, response):
        urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        if not urls:
            self.run.entry_failed(response.url, "robots.txt không khai báo sitemap nào")
            return
        for url in urls:
            yield self.entry_request(url, self.parse_sitemap)

    def _recent(self, moment: dt.datetime | None) -> bool:
        return moment is None or moment >= self.oldest

    def _wanted(self, url: str) -> bool:
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)

    def parse_sitemap(self, response, depth: int = 0):
        entry = response.meta.get("entry", False)
        if self.not_modified(response):
            return
        try:
            doc = read_sitemap(response.body, self.crawl_settings.max_page_bytes)
        except FeedError as exc:
            (self.run.entry_failed if entry else self.run.page_failed)(response.url, str(exc))
            return
        if entry:
            self.run.entries_ok += 1
        if doc.kind == "index":
            for child in doc.children:
                if depth >= MAX_DEPTH or not self._recent(child.lastmod):
                    continue
                if self.follow_index and not any(p.search(child.url) for p in self.follow_index):
                    continue
                yield self.page_request(child.url, self.parse_sitemap, cb_kwargs={"depth": depth + 1},
                                        meta={"conditional": child.url, "handle_httpstatus_list": [304]})
            return
        entries = [e for e in doc.entries if self._wanted(e.url) and self._recent(e.published_at)]
        entries.sort(key=lambda e: e.published_at or self.oldest, reverse=True)
        yield from self.follow_articles(entries, self.opts.max_entries)
