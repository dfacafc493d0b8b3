"""Kind-specific options of a source (`options:` in the sources file), validated so that typos are caught early."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from config.validation import describe


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"biểu thức chính quy {pattern!r} không hợp lệ: {exc}") from None
    return patterns


def _urls(urls: list[str]) -> list[str]:
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"địa chỉ {url!r} phải bắt đầu bằng http:// hoặc https://")
    return urls


class FeedOptions(_Options):
    """RSS 2.0, RSS 1.0, Atom or JSON Feed; search feeds aggregate many outlets for a query."""

    urls: list[str] = []  # more feeds of the same outlet (one per section)
    follow: bool = True  # fetch each entry's article page; false stores the entry itself (opaque search links)
    max_entries: int = Field(default=200, ge=1)
    refetch_updated: bool = True  # fetch a stored article again when its entry says it was updated since

    _check_urls = field_validator("urls")(_urls)


class SitemapOptions(_Options):
    """A sitemap, sitemap index or Google News sitemap (or robots.txt naming sitemaps)."""

    allow: list[str] = []
    deny: list[str] = []
    follow_index: list[str] = []  # which child sitemaps of an index to read (all when empty)
    max_age_days: float = Field(default=3, gt=0)  # entries older than this (by their dates) are skipped
    max_entries: int = Field(default=500, ge=1)
    refetch_updated: bool = False  # many sitemaps stamp every entry with the current time as <lastmod>

    _check_regexes = field_validator("allow", "deny", "follow_index")(_regexes)


class SiteOptions(_Options):
    """Listing pages of a site section, with link rules and pagination."""

    sections: list[str] = []  # more listing pages besides `url`
    article_allow: list[str] = [r"\d{5,}", r"\.html?$"]  # a link is an article when any of these matches
    article_deny: list[str] = []
    listing_css: str | None = None  # look for article links only inside this part of the page
    next_css: str | None = None  # the "next page" link (defaults to rel=next and common pagers)
    max_pages: int = Field(default=3, ge=1)
    max_articles: int = Field(default=200, ge=1)

    _check_regexes = field_validator("article_allow", "article_deny")(_regexes)
    _check_urls = field_validator("sections")(_urls)


class ForumOptions(_Options):
    """A XenForo-style forum node (thread list) or a single thread."""

    max_threads: int = Field(default=20, ge=1)
    max_pages: int = Field(default=3, ge=1)  # pages per thread and pages of the thread list
    thread_allow: list[str] = [r"/threads/"]

    _check_regexes = field_validator("thread_allow")(_regexes)


class TelegramOptions(_Options):
    """A public channel through its web preview (https://t.me/s/<channel>)."""

    max_pages: int = Field(default=2, ge=1)


class FacebookOptions(_Options):
    """A page through the Graph API (token in FACEBOOK_ACCESS_TOKEN)."""

    page_id: str | None = None  # defaults to the last part of the page URL
    comments: bool = True
    max_pages: int = Field(default=2, ge=1)
    max_comment_pages: int = Field(default=1, ge=1)


class YoutubeOptions(_Options):
    """YouTube Data API v3 searches and channels (key in YOUTUBE_API_KEY)."""

    queries: list[str] = []  # defaults to search_query of a https://www.youtube.com/results URL
    channel_id: str | None = None
    comments: bool = True
    max_results: int = Field(default=25, ge=1, le=50)
    max_comment_pages: int = Field(default=1, ge=1)
    since_days: float = Field(default=7, gt=0)


class ImportOptions(_Options):
    """A CSV or JSONL export of another monitoring system; `url` is the file path."""

    mapping: str = "diembao"  # a built-in mapping name or the path of a mapping YAML file
    encoding: str = "utf-8-sig"


OPTIONS_BY_KIND: dict[str, type[_Options]] = {
    "feed": FeedOptions, "sitemap": SitemapOptions, "site": SiteOptions, "forum": ForumOptions,
    "telegram": TelegramOptions, "facebook": FacebookOptions, "youtube": YoutubeOptions, "import": ImportOptions,
}


def parse_options(kind: str, options: dict) -> _Options:
    """The typed options of a source kind; a ValueError lists every problem with its option key."""
    try:
        return OPTIONS_BY_KIND[kind].model_validate(options)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"])
            problems.append(f"options.{key}: {describe(error)}" if key else describe(error))
        raise ValueError("; ".join(problems)) from None


def youtube_queries(url: str, options: YoutubeOptions) -> list[str]:
    """The searches a YouTube source makes: its `queries`, or the search_query of its URL."""
    if options.queries:
        return list(options.queries)
    found = parse_qs(urlsplit(url).query).get("search_query", [])
    return [q for q in found if q.strip()]


def check_kind_rules(kind: str, url: str, options: _Options) -> None:
    """Rules that need the URL as well as the options."""
    if isinstance(options, YoutubeOptions) and not youtube_queries(url, options) and not options.channel_id:
        raise ValueError("nguồn youtube cần options.queries, options.channel_id hoặc url dạng "
                         "https://www.youtube.com/results?search_query=...")
