"""The item pipeline: language filter, then one idempotent write per item through `storage.items.upsert_item`."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy.exc import SQLAlchemyError

from crawler.language import detect_language, wanted
from storage.items import ItemData, fit_columns, upsert_item

logger = logging.getLogger(__name__)

class StoragePipeline:
    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "StoragePipeline":
        return cls(crawler)

    def process_item(self, item: ItemData) -> ItemData:
        spider = self.crawler.spider
        run = spider.run
        if item.language is None:
            item.language = detect_language(f"{item.title or ''}\n{item.text}")
        if not wanted(item.language, spider.languages):
            run.skipped_language += 1
            raise DropItem(f"ngôn ngữ {item.language} không nằm trong {spider.languages}")
        if len(item.canonical_url) > 2048:
            run.page_failed(item.url[:200], "địa chỉ dài quá 2048 ký tự")
            raise DropItem("địa chỉ quá dài")
        try:
            with spider.database.session() as session:
                _item_id, outcome = upsert_item(session, fit_columns(item), spider.source_id)
        except SQLAlchemyError as exc:
            logger.error("không lưu được %s: %s", item.canonical_url, exc)
            run.page_failed(item.url, f"không lưu được vào cơ sở dữ liệu: {type(exc).__name__}")
            raise DropItem(str(exc)) from None
        run.count(outcome)
        return item
