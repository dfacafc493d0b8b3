"""One spider per source kind (`kind:` in the sources file); imports are read without Scrapy."""

from crawler.spiders.api import ApiSpider
from crawler.spiders.base import SourceSpider
from crawler.spiders.facebook import FacebookSpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.forum import ForumSpider
from crawler.spiders.site import SiteSpider
from crawler.spiders.sitemap import SitemapSpider
from crawler.spiders.telegram import TelegramSpider
from crawler.spiders.youtube import YoutubeSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    spider.kind: spider
    for spider in (FeedSpider, SitemapSpider, SiteSpider, ForumSpider, TelegramSpider, FacebookSpider, YoutubeSpider)
}

__all__ = ["SPIDERS", "ApiSpider", "SourceSpider"]
