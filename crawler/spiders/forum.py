"""XenForo-style forums (the large Vietnamese forums run XenForo 2): every post is an item with its author,
time, thread and position. The source URL is a forum node (its thread list) or one thread."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawler.counts import count_reactors
from crawler.dates import parse_date
from crawler.evidence import capture_of
from crawler.extract import clean_text, fragment_text
from crawler.spiders.base import SourceSpider
from crawler.urls import canonical_url
from storage.items import ItemData

POSTS_CSS = "article.message--post, article.message[data-content^='post-']"
QUOTES_XPATH = ".//blockquote | .//*[contains(@class, 'bbCodeBlock-expandLink')] | .//script"
_PAGE_SUFFIX = re.compile(r"/page-\d+/?$")
_POSITION = re.compile(r"#\s*(\d+)")


def site_name(page) -> str | None:
    """The forum's name as its pages give it: og:site_name, else the end of "<thread> | <forum>" in the title."""
    named = clean_text(page.css('meta[property="og:site_name"]::attr(content)').get() or "")
    if named:
        return named
    head, _, tail = clean_text(page.css("title::text").get() or "").rpartition(" | ")
    return tail.strip() or None if head else None


def thread_url(url: str) -> str:
    """The thread a page belongs to: `/threads/slug.123/page-4` -> `/threads/slug.123/`."""
    return canonical_url(_PAGE_SUFFIX.sub("/", url))


class ForumSpider(SourceSpider):
    kind = "forum"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.thread_patterns = [re.compile(p) for p in self.opts.thread_allow]

    def _is_thread(self, url: str) -> bool:
        return any(p.search(url) for p in self.thread_patterns)

    async def start(self):
        callback = self.parse_thread if self._is_thread(self.source.url) else self.parse_node
        yield self.entry_request(self.source.url, callback, conditional=False)

    def parse_node(self, response, page_number: int = 1):
        page = self.entry_page(response)
        if page is None:
            return
        links = page.css(".structItem-title a::attr(href)").getall() or page.css("a::attr(href)").getall()
        for href in links:
            url = response.urljoin(href)
            key = thread_url(url)
            if not self._is_thread(url) or key in self.seen or len(self.seen) >= self.opts.max_threads:
                continue
            self.seen.add(key)
            yield self.page_request(url, self.parse_thread)
        next_href = page.css(".pageNav-jump--next::attr(href)").get()
        if next_href and page_number < self.opts.max_pages and len(self.seen) < self.opts.max_threads:
            yield self.page_request(response.urljoin(next_href), self.parse_node,
                                    cb_kwargs={"page_number": page_number + 1})

    def _later_pages(self, page, response) -> list[str]:
        """On a thread's first page: the newest pages (the last `max_pages - 1`), where new replies are."""
        numbered = {}
        for link in page.css(".pageNav-main a"):
            number = clean_text(" ".join(link.css("::text").getall()))
            if number.isdigit() and int(number) > 1:
                numbered[int(number)] = response.urljoin(link.attrib.get("href", ""))
        newest = sorted(numbered)[-(self.opts.max_pages - 1):] if self.opts.max_pages > 1 else []
        return [numbered[n] for n in newest]

    def parse_thread(self, response, first_page: bool = True):
        page = self.entry_page(response)
        if page is None:
            return
        self.run.pages_fetched += 1
        thread = thread_url(response.url)
        title = clean_text(" ".join(page.css("h1.p-title-value ::text").getall())) or None
        posts_base = thread.split("/threads/")[0] + "/posts/" if "/threads/" in thread else thread + "post-"
        outlet = site_name(page) or self.source.name
        items = [self._post(node, response, thread, title, posts_base, outlet) for node in page.css(POSTS_CSS)]
        items = [item for item in items if item is not None]
        if items:
            self.run.pages_extracted += 1
        else:
            self.run.page_failed(response.url, "không tìm thấy bài viết nào trong chủ đề")
        yield from items
        if first_page:
            for url in self._later_pages(page, response):
                yield self.page_request(url, self.parse_thread, cb_kwargs={"first_page": False})

    def _post(self, node, response, thread: str, title: str | None, posts_base: str,
              outlet: str) -> ItemData | None:
        post_id = (node.attrib.get("data-content") or node.attrib.get("id") or "").rpartition("-")[2]
        if not post_id.isdigit():
            return None
        text = fragment_text(node.css(".message-body .bbWrapper").get(), QUOTES_XPATH)
        author = node.attrib.get("data-author") or clean_text(" ".join(node.css(".message-name ::text").getall()))
        time_node = node.css(".message-attribution-main time, time.u-dt")
        published = parse_date(time_node.attrib.get("datetime") or time_node.attrib.get("data-time")) \
            if time_node else None
        position = _POSITION.search(" ".join(node.css(".message-attribution-opposite a::text").getall()))
        permalink = node.css(".message-attribution-main a::attr(href)").get()
        extra = {"source": self.source.name, "thread_title": title}
        quoted = node.css("blockquote[data-source]::attr(data-source)").getall()
        if quoted:
            extra["quotes"] = quoted  # e.g. "post: 456", the posts this one replies to
        number = int(position.group(1)) if position else None
        return ItemData(  # the thread's title belongs to its opening post; a reply says only what it says
            url=urljoin(response.url, permalink) if permalink else response.url,
            canonical_url=canonical_url(f"{posts_base}{post_id}/"), source_type=self.source.type, kind="post",
            platform="forum", title=title if number in (None, 1) else None, text=text, author=author or None,
            author_id=node.css(".message-name [data-user-id]::attr(data-user-id)").get(),
            external_id=post_id, published_at=published, thread=thread,
            position=number,
            likes=count_reactors(" ".join(node.css(".reactionsBar-link ::text").getall())),
            outlet=outlet, capture=capture_of(response), extra=extra)
