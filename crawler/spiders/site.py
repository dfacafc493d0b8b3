"""Site sections: listing pages, paginated, with link rules telling which links are articles."""

from __future__ import annotations

from scrapy.linkextractors import LinkExtractor

from crawler.feeds import Candidate
from crawler.spiders.base import SourceSpider
from crawler.urls import canonical_url

NEXT_PAGE_CSS = ("link[rel='next']::attr(href)", "a[rel='next']::attr(href)", ".pagination a.next::attr(href)",
                 "a.next::attr(href)", "a.page-next::attr(href)", ".pagination li.active + li a::attr(href)")


class SiteSpider(SourceSpider):
    kind = "site"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opts = self.opts
        self.links = LinkExtractor(allow=opts.article_allow, deny=opts.article_deny,
                                   restrict_css=[opts.listing_css] if opts.listing_css else (), unique=True)

    async def start(self):
        for url in [self.source.url, *self.opts.sections]:
            yield self.entry_request(url, self.parse_listing)

    def _next_page(self, page) -> str | None:
        for css in ([f"{self.opts.next_css}::attr(href)"] if self.opts.next_css else NEXT_PAGE_CSS):
            href = page.css(css).get()
            if href and href.strip() and not href.startswith(("#", "javascript:")):
                return href.strip()
        return None

    def parse_listing(self, response, page_number: int = 1):
        if self.not_modified(response):
            return
        page = self.entry_page(response)
        if page is None:
            return
        listing = canonical_url(response.url)
        candidates = [Candidate(url=link.url, title=link.text.strip() or None)
                      for link in self.links.extract_links(response)
                      if self.same_site(link.url) and canonical_url(link.url) != listing]
        budget = self.opts.max_articles - len(self.seen)
        if budget > 0:
            yield from self.follow_articles(candidates, budget)
        next_href = self._next_page(page)
        if next_href and page_number < self.opts.max_pages:
            yield self.page_request(response.urljoin(next_href), self.parse_listing,
                                    cb_kwargs={"page_number": page_number + 1})
