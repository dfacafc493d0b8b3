"""The crawler: Scrapy spiders for press and social sources, article extraction, evidence and source health.

Entry points: `crawler.runner.run_crawl` (what `diembao crawl` runs, one process per crawl) and
`crawler.imports.import_file` (what `diembao import` runs). Nothing is imported here, so that importing a helper
such as `crawler.urls` does not load Scrapy. See docs/crawler.md."""
