"""Sitemaps, sitemap indexes and Google News sitemaps (news:publication_date, news:title), gzipped or not."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib
from dataclasses import dataclass, field

from lxml import etree

from crawler.dates import parse_date
from crawler.feeds import Candidate, FeedError


@dataclass
class SitemapChild:
    url: str
    lastmod: dt.datetime | None


@dataclass
class SitemapDoc:
    kind: str  # "index" or "urlset"
    children: list[SitemapChild] = field(default_factory=list)
    entries: list[Candidate] = field(default_factory=list)


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _gunzip(body: bytes, max_size: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(max_size + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise FeedError(f"sitemap nén gzip bị hỏng: {exc}") from None
    if len(data) > max_size:
        raise FeedError(f"sitemap sau khi giải nén vượt giới hạn {max_size} byte")
    return data


def _texts(node: etree._Element) -> dict[str, str]:
    """Text of every descendant by local name; Google News elements as `news:<name>`."""
    out: dict[str, str] = {}
    for child in node.iter():
        name = _local(child.tag)
        if name and isinstance(child.tag, str) and "sitemap-news" in child.tag:
            name = f"news:{name}"
        if name and name not in out and child.text and child.text.strip():
            out[name] = child.text.strip()
    return out


def read_sitemap(body: bytes, max_size: int) -> SitemapDoc:
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, max_size)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"sitemap không phải XML hợp lệ: {exc}") from None
    if root is None or _local(root.tag) not in ("sitemapindex", "urlset"):
        raise FeedError("không phải sitemap (cần <urlset> hoặc <sitemapindex>)")
    if _local(root.tag) == "sitemapindex":
        doc = SitemapDoc("index")
        for node in root:
            found = _texts(node)
            if _local(node.tag) == "sitemap" and found.get("loc"):
                doc.children.append(SitemapChild(found["loc"], parse_date(found.get("lastmod"))))
        return doc
    doc = SitemapDoc("urlset")
    for node in root:
        found = _texts(node)
        if _local(node.tag) != "url" or not found.get("loc", "").startswith(("http://", "https://")):
            continue
        lastmod = parse_date(found.get("lastmod"))
        doc.entries.append(Candidate(
            url=found["loc"], title=found.get("news:title"), outlet=found.get("news:name"),
            published_at=parse_date(found.get("news:publication_date")) or lastmod, updated_at=lastmod))
    return doc
