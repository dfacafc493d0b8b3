"""Feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed), including search feeds that aggregate many outlets for a query.

Each entry is followed to its article page; with `follow: false` (search feeds whose links are opaque) the entry
itself is stored."""

from __future__ import annotations

from crawler.evidence import capture_of_record
from crawler.feeds import Candidate, FeedError, read_feed
from crawler.spiders.base import SourceSpider
from storage.items import ItemData


class FeedSpider(SourceSpider):
    kind = "feed"

    async def start(self):
        for url in [self.source.url, *self.opts.urls]:
            yield self.entry_request(url, self.parse_feed)

    def parse_feed(self, response):
        if self.not_modified(response):
            return
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        try:
            feed = read_feed(response.body, response.url, content_type)
        except FeedError as exc:
            self.run.entry_failed(response.url, str(exc))
            return
        self.run.entries_ok += 1
        if self.opts.follow:
            yield from self.follow_articles(feed.entries, self.opts.max_entries)
            return
        for key, entry, _refetch in self.unstored(feed.entries, self.opts.max_entries):
            yield self.entry_item(response, key, entry)

    def entry_item(self, response, key: str, entry: Candidate) -> ItemData:
        return ItemData(
            url=entry.url, canonical_url=key, source_type=self.source.type, kind="article", platform="web",
            title=entry.title, text=entry.summary or entry.title or "", author=entry.author, outlet=entry.outlet,
            published_at=entry.published_at, capture=capture_of_record(response, entry.record or {"link": entry.url}),
            extra={"source": self.source.name, "from_feed": True})
