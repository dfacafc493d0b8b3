"""Article text and metadata: trafilatura (dates through htmldate) with per-source CSS overrides.

Vietnamese outlets print the lead paragraph (*sapo*) outside the article body, where trafilatura leaves it out;
it is put back in front of the text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from parsel import Selector

from config.sources import Selectors
from crawler.dates import parse_date
from crawler.urls import page_canonical

MIN_TEXT_CHARS = 80  # less than this is not an article (a gallery, a login wall, an error page)
_LEAD_CSS = ("[class*='sapo']", "p.description", ".article-summary", ".news-summary")
_DATE_META = ("meta[property='article:published_time']::attr(content)",
              "meta[itemprop='datePublished']::attr(content)", "meta[name='pubdate']::attr(content)",
              "[itemprop='datePublished']::attr(datetime)", "time[datetime]::attr(datetime)")
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_SPACES = re.compile(r"[ \t\u00a0]+")
# "Thứ Hai, 17/11/2025 | 15:20", "17/11/2025 08:30 (GMT+7)": a date line the extractor kept above the body
_DATE_LINE = re.compile(r"^\W*(?:(?:thứ\s+\w+|chủ\s+nhật)\W*)?\d{1,2}/\d{1,2}/\d{4}\W*(?:\d{1,2}[:h]\d{2}\W*)?"
                        r"(?:\(?GMT\s*[+-]\s*\d+\)?)?\W*$", re.IGNORECASE)


@dataclass
class Article:
    canonical_url: str
    title: str | None
    text: str
    author: str | None
    published_at: dt.datetime | None
    site_name: str | None = None


def clean_text(text: str | None) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)


def css_text(page: Selector, css: str) -> str:
    """The visible text of every element matching `css`, one paragraph per block."""
    blocks = []
    for node in page.css(css):
        paragraphs = node.css("p, li, h2, h3, blockquote")
        parts = paragraphs if paragraphs else [node]
        blocks.extend(" ".join(part.css("::text").getall()) for part in parts)
    return clean_text("\n".join(blocks))


def _lead(page: Selector, description: str | None) -> str:
    for css in _LEAD_CSS:
        found = css_text(page, css)
        if found:
            return found
    return clean_text(description)


def _published(page: Selector, found: str | None) -> dt.datetime | None:
    for css in _DATE_META:
        moment = parse_date(page.css(css).get())
        if moment:
            return moment
    return parse_date(found)


def _folded(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _byline(line: str) -> bool:
    """A Vietnamese byline printed as the last line: "Hoài Thu", "NGỌC TRÂM", "Minh Anh - Thanh Hà"."""
    words = [w for w in re.split(r"[\s\-–,]+", line) if w]
    return 0 < len(words) <= 6 and len(line) <= 40 and not line.endswith((".", "!", "?", ":", ";")) \
        and all(w[0].isupper() for w in words)


def _tidy(title: str | None, text: str, author: str | None) -> tuple[str, str | None]:
    """Drop the title and date lines the extractor kept above the body; take a trailing byline as the author."""
    lines = text.split("\n")
    head = [line for line in lines[:3] if not (_DATE_LINE.match(line) or (title and _folded(line) == _folded(title)))]
    lines = head + lines[3:]
    if len(lines) > 1 and _byline(lines[-1]) and (author is None or _folded(author) == _folded(lines[-1])):
        author = author or lines[-1]
        lines = lines[:-1]
    return "\n".join(lines), author


def extract_article(html: str, url: str, selectors: Selectors | None = None) -> Article | None:
    """Extract one article from decoded HTML; None when the page holds no article text."""
    page = Selector(text=html)
    canonical = page_canonical(url, page.css("link[rel='canonical']::attr(href)").get())
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, fast=True,
                                      date_extraction_params=_DATE_PARAMS)
    title = doc.title if doc else None
    text = clean_text(doc.text if doc else "")
    author = doc.author if doc else None
    lead = _lead(page, doc.description if doc else None)
    if lead and _folded(lead)[:80] not in _folded(text):
        text = f"{lead}\n{text}".strip()
    published = _published(page, doc.date if doc else None)
    if selectors is not None:
        title = clean_text(" ".join(page.css(selectors.title).css("::text").getall())) or title \
            if selectors.title else title
        text = css_text(page, selectors.text) or text if selectors.text else text
        author = clean_text(" ".join(page.css(selectors.author).css("::text").getall())) or author \
            if selectors.author else author
        if selectors.published:
            node = page.css(selectors.published)
            published = parse_date(node.attrib.get("datetime") or " ".join(node.css("::text").getall())) or published
    title = clean_text(title or page.css("title::text").get()) or None
    text, author = _tidy(title, text, author)
    if len(text) < MIN_TEXT_CHARS:
        return None
    site_name = clean_text(page.css("meta[property='og:site_name']::attr(content)").get()) or (
        doc.sitename if doc else None)
    return Article(canonical_url=canonical, title=title, text=text, author=clean_text(author) or None,
                   published_at=published, site_name=site_name or None)


def fragment_text(html: str | None, drop_xpath: str | None = None) -> str:
    """Visible text of an HTML fragment, line breaks kept, parts matching `drop_xpath` (quotes) left out."""
    if not html or not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    if drop_xpath:
        for node in root.xpath(drop_xpath):
            node.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "blockquote", "h1", "h2", "h3"):
        block.text = "\n" + (block.text or "")
        block.tail = "\n" + (block.tail or "")
    return clean_text(root.text_content())
