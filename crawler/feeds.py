"""Feed entries: RSS 2.0, RSS 1.0 (RDF), Atom through feedparser; JSON Feed 1.0/1.1 read directly."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import feedparser
from w3lib.html import remove_tags, replace_entities

from crawler.dates import from_struct, parse_date
from crawler.extract import clean_text
from crawler.urls import unwrap_redirect

_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\b[^>]*>", re.I)


class FeedError(ValueError):
    """A feed that cannot be read at all (not merely one with a few broken entries)."""


@dataclass
class Candidate:
    """A link to an article, as a feed or sitemap announced it."""

    url: str
    title: str | None = None
    summary: str = ""
    author: str | None = None
    outlet: str | None = None
    published_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    record: dict[str, Any] | None = None  # the entry as the feed gave it (evidence when it is stored as is)


@dataclass
class Feed:
    title: str | None
    entries: list[Candidate]


def html_to_text(html: str | None) -> str:
    return clean_text(replace_entities(remove_tags(_BREAKS.sub("\n", html or ""))))


def _is_json_feed(body: bytes, content_type: str) -> bool:
    if "json" in content_type:
        return True
    head = body.lstrip()[:200]
    return head.startswith(b"{") and b"jsonfeed.org" in body[:2000]


def _json_feed(body: bytes) -> Feed:
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"JSON Feed không hợp lệ: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedError("JSON Feed không có danh sách items")
    entries = []
    for item in doc["items"]:
        if not isinstance(item, dict):
            continue
        url = item.get("url") or item.get("external_url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
        entries.append(Candidate(
            url=unwrap_redirect(url), title=clean_text(item.get("title")) or None,
            summary=clean_text(item.get("content_text")) or html_to_text(item.get("content_html") or item.get("summary")),
            author=", ".join(names) or None, published_at=parse_date(item.get("date_published")),
            updated_at=parse_date(item.get("date_modified")), record=item))
    return Feed(title=doc.get("title"), entries=entries)


def _entry_record(entry: Any) -> dict[str, Any]:
    keys = ("id", "link", "title", "summary", "author", "published", "updated")
    return {k: entry.get(k) for k in keys if entry.get(k)}


def _xml_feed(body: bytes, url: str, content_type: str) -> Feed:
    parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                      "content-type": content_type or "application/xml"})
    if not parsed.entries and not parsed.version:
        raise FeedError("không phải feed RSS/Atom/JSON Feed")
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"feed hỏng, không đọc được mục nào: {getattr(parsed, 'bozo_exception', '')}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        if not link or not link.startswith(("http://", "https://")):
            continue
        content = entry.get("content") or []
        summary = html_to_text(content[0].get("value") if content else entry.get("summary"))
        source = entry.get("source") or {}
        entries.append(Candidate(
            url=unwrap_redirect(link), title=clean_text(entry.get("title")) or None, summary=summary,
            author=clean_text(entry.get("author")) or None, outlet=clean_text(source.get("title")) or None,
            published_at=from_struct(entry.get("published_parsed")) or from_struct(entry.get("updated_parsed")),
            updated_at=from_struct(entry.get("updated_parsed")), record=_entry_record(entry)))
    return Feed(title=clean_text(parsed.feed.get("title")) or None, entries=entries)


def read_feed(body: bytes, url: str, content_type: str = "") -> Feed:
    """Entries of a feed in any of the four formats; FeedError when it is not a readable feed."""
    if not body.strip():
        raise FeedError("feed rỗng")
    if _is_json_feed(body, content_type.lower()):
        return _json_feed(body)
    return _xml_feed(body, url, content_type)
