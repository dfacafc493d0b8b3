"""Downloader middlewares: Retry-After on 429/503 (Scrapy ignores it) and conditional GET for feeds."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

from storage.models import FetchState

RETRY_AFTER_CODES = (429, 503)


def retry_after_seconds(value: bytes | str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (moment - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry, plus: a 429/503 with Retry-After holds back every request to that site until the time the
    server named, then retries. A wait longer than `crawl.retry_after_max_s` gives the page up for this run.

    The hold is shared by every source crawled in this process (one crawler each): when one source is told to wait,
    the others on the same site wait too."""

    _not_before: dict[str, float] = {}  # site -> time.monotonic() before which nothing is sent there

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.max_wait = settings.getfloat("DIEMBAO_RETRY_AFTER_MAX")

    @staticmethod
    def _site(request: Request) -> str:
        return request.meta.get("download_slot") or urlsplit(request.url).netloc

    async def process_request(self, request: Request) -> None:
        wait = self._not_before.get(self._site(request), 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status in RETRY_AFTER_CODES and not request.meta.get("dont_retry", False):
            delay = retry_after_seconds(response.headers.get(b"Retry-After"))
            if delay is not None:
                if delay > self.max_wait:
                    request.meta["retry_after_too_long"] = delay
                    return response
                site = self._site(request)
                self._not_before[site] = max(self._not_before.get(site, 0.0), time.monotonic() + delay)
                return self._retry(request, f"{response.status} Retry-After {delay:g}s") or response
        return super().process_response(request, response)


class ConditionalGetMiddleware:
    """If-None-Match / If-Modified-Since from the `fetch_state` table for requests marked `conditional`
    (feeds, sitemaps, listing pages); the new validators are handed to the source's run, which stores them."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ConditionalGetMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        key = request.meta.get("conditional")
        if not key or request.meta.get("conditional_checked"):
            return None
        request.meta["conditional_checked"] = True
        with self.crawler.spider.database.session() as session:
            state = session.get(FetchState, key)
            if state is not None:
                request.meta["conditional_previous"] = (state.etag, state.last_modified)
                if state.etag:
                    request.headers[b"If-None-Match"] = state.etag
                if state.last_modified:
                    request.headers[b"If-Modified-Since"] = state.last_modified
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        key = request.meta.get("conditional")
        if key and response.status == 304:
            self.crawler.spider.run.validators[key] = request.meta.get("conditional_previous", (None, None))
        elif key and response.status == 200:
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            self.crawler.spider.run.validators[key] = (
                etag.decode("latin-1") if etag else None, modified.decode("latin-1") if modified else None)
        return response
