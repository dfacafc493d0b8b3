"""A Scrapy extension that records each source's crawl run: opened in `crawl_runs` when the spider starts,
closed with its counts and the source's health when it finishes; errors in parsing code count as failures."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals

from crawler.health import close_run, open_run

logger = logging.getLogger(__name__)


class RunRecorder:
    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RunRecorder":
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        return extension

    def spider_opened(self, spider: Any) -> None:
        with spider.database.session() as session:
            open_run(session, spider.run)

    def spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        logger.error("lỗi khi xử lý %s: %s", response.url, failure.getTraceback())
        spider.run.page_failed(response.url, f"lỗi xử lý trang: {type(failure.value).__name__}: {failure.value}")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if reason != "finished":
            spider.run.status = "interrupted"
            spider.run.error = f"thu thập bị dừng giữa chừng ({reason})"
        spider.run.finish()
        with spider.database.session() as session:
            close_run(session, spider.run, spider.crawl_settings.silent_factor)
