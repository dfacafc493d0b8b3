"""Public Telegram channels through their web preview (https://t.me/s/<channel>): one item per message, with
its views and time; older messages through the preview's "before" pages."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from crawler.counts import parse_count
from crawler.dates import parse_date
from crawler.evidence import capture_of
from crawler.extract import clean_text, fragment_text
from crawler.spiders.base import SourceSpider
from crawler.urls import canonical_url
from storage.items import ItemData

MESSAGE_TEXT_XPATH = (".//div[contains(@class, 'tgme_widget_message_text') "
                      "and not(ancestor::*[contains(@class, 'tgme_widget_message_reply')])]")
MEDIA = {"photo": ".tgme_widget_message_photo_wrap", "video": ".tgme_widget_message_video_player",
         "document": ".tgme_widget_message_document", "poll": ".tgme_widget_message_poll"}


def preview_url(url: str) -> str:
    """`https://t.me/channel` -> `https://t.me/s/channel` (the public web preview)."""
    parts = urlsplit(url)
    path = parts.path if parts.path.startswith("/s/") else "/s" + parts.path
    return urlunsplit(parts._replace(path=path))


class TelegramSpider(SourceSpider):
    kind = "telegram"

    async def start(self):
        yield self.entry_request(preview_url(self.source.url), self.parse_channel, conditional=False)

    def parse_channel(self, response, page_number: int = 1):
        page = self.selector(response)
        entry = response.meta.get("entry", False)
        if page is None:
            return
        messages = page.css(".tgme_widget_message[data-post]")
        if entry and not messages and not page.css(".tgme_channel_info"):
            self.run.entry_failed(response.url, "không phải trang xem trước kênh công khai (t.me/s/...)")
            return
        self.run.entries_ok += entry
        self.run.pages_fetched += 1
        channel = clean_text(" ".join(page.css(".tgme_channel_info_header_title ::text").getall())) or None
        items = [self._message(node, response, channel) for node in messages]
        items = [item for item in items if item is not None]
        self.run.pages_extracted += bool(items)
        yield from items
        older = page.css("link[rel='prev']::attr(href)").get() or page.css("a.tme_messages_more::attr(href)").get()
        if older and page_number < self.opts.max_pages:
            yield self.page_request(response.urljoin(older), self.parse_channel,
                                    cb_kwargs={"page_number": page_number + 1})

    def _message(self, node, response, channel: str | None) -> ItemData | None:
        post = node.attrib.get("data-post", "")
        name, _, number = post.partition("/")
        if not name or not number.isdigit():
            return None
        link = node.css("a.tgme_widget_message_date::attr(href)").get() or f"https://t.me/{post}"
        text_node = node.xpath(MESSAGE_TEXT_XPATH)
        text = fragment_text(text_node[0].get()) if text_node else ""
        media = [kind for kind, css in MEDIA.items() if node.css(css)]
        extra = {"source": self.source.name, "channel": name}
        forwarded = clean_text(" ".join(node.css(".tgme_widget_message_forwarded_from_name ::text").getall()))
        if forwarded:
            extra["forwarded_from"] = forwarded
        if media:
            extra["media"] = media
        if "edited" in " ".join(node.css(".tgme_widget_message_meta::text").getall()):
            extra["edited"] = True
        author = clean_text(" ".join(node.css(".tgme_widget_message_owner_name ::text").getall())) or channel
        return ItemData(
            url=response.urljoin(link), canonical_url=canonical_url(response.urljoin(link)),
            source_type=self.source.type, kind="message", platform="telegram", text=text, author=author,
            author_id=name, external_id=post, outlet=channel, thread=canonical_url(f"https://t.me/{name}"),
            position=int(number), views=parse_count(node.css(".tgme_widget_message_views::text").get()),
            published_at=parse_date(node.css(".tgme_widget_message_date time::attr(datetime)").get()),
            capture=capture_of(response), extra=extra)
