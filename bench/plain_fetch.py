"""The baseline of bench/crawl_bench.py: a plain Scrapy spider that fetches the same pages and does nothing else.

Run as a script: plain_fetch.py URLS_FILE SETTINGS_JSON; prints {"pages": n, "seconds": s} as JSON."""

from __future__ import annotations

import json
import sys
import time

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess


class PlainSpider(scrapy.Spider):
    name = "plain"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.urls = urls
        self.pages = 0

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        self.pages += 1


def main() -> None:
    urls = open(sys.argv[1], encoding="utf-8").read().split()
    settings = json.loads(sys.argv[2])
    process = CrawlerProcess(settings)
    result = {}
    crawler = process.create_crawler(PlainSpider)

    def opened(spider):
        result["started"] = time.monotonic()

    def closed(spider, reason):
        result.update(pages=spider.pages, seconds=time.monotonic() - result["started"])

    crawler.signals.connect(opened, signal=signals.spider_opened)
    crawler.signals.connect(closed, signal=signals.spider_closed)
    process.crawl(crawler, urls=urls)
    process.start()
    print(json.dumps({"pages": result["pages"], "seconds": result["seconds"]}))


if __name__ == "__main__":
    main()
