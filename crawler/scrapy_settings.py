"""Scrapy settings from the product's crawl settings: polite by default."""

from __future__ import annotations

from typing import Any

from config.settings import CrawlSettings

MIDDLEWARES = "crawler.middlewares"


def scrapy_settings(crawl: CrawlSettings, log_level: str = "ERROR") -> dict[str, Any]:
    """Politeness: robots.txt, AutoThrottle, a per-site concurrency limit, a least delay, Retry-After on 429/503,
    a page size limit, bounded redirects and retries."""
    return {
        "BOT_NAME": "diembao",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(crawl.autothrottle_start_delay_s, crawl.download_delay_s),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_DELAY": crawl.download_delay_s,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_per_domain,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout_s,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": 5,
        "RETRY_TIMES": 2,
        "RETRY_GIVE_UP_LOG_LEVEL": "WARNING",  # failures are counted per source and shown in the summary
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,  # no consoles or control ports listening on the crawl machine
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": log_level,
        "DIEMBAO_RETRY_AFTER_MAX": crawl.retry_after_max_s,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            f"{MIDDLEWARES}.RetryAfterMiddleware": 550,
            f"{MIDDLEWARES}.ConditionalGetMiddleware": 560,
        },
        "ITEM_PIPELINES": {"crawler.pipeline.StoragePipeline": 300},
        "EXTENSIONS": {"crawler.recorder.RunRecorder": 100},
    }
