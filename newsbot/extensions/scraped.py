"""Scrapy's ``CoreStats`` and ``FeedExporter``, told of each scraped item by the last pipeline
step instead of a task per item (see :mod:`newsbot.pipelines.report`).

Everything else is Scrapy's: ``CoreStats`` keeps every other count it takes, the exporter every
``FEEDS`` option (``-o``/``-O``, ``item_classes``, batches, storages). Without
``ReportPipeline`` as the last step they listen to ``item_scraped`` as Scrapy's do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.extensions.corestats import CoreStats as ScrapyCoreStats
from scrapy.extensions.feedexport import FeedExporter as ScrapyFeedExporter
from scrapy.signalmanager import SignalManager


class CoreStats(ScrapyCoreStats):
    signals: SignalManager

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CoreStats:
        extension = super().from_crawler(crawler)
        extension.signals = crawler.signals
        return extension

    def take_items_from_pipeline(self) -> Callable[[Any], None]:
        self.signals.disconnect(self.item_scraped, signal=signals.item_scraped)
        return self.count_scraped

    def count_scraped(self, item: Any) -> None:
        self.stats.inc_value("item_scraped_count")


class FeedExporter(ScrapyFeedExporter):
    def take_items_from_pipeline(self) -> Callable[[Any], None]:
        self.crawler.signals.disconnect(self.item_scraped, signal=signals.item_scraped)
        return self.export_scraped

    def export_scraped(self, item: Any) -> None:
        self.item_scraped(item, self.crawler.spider)  # type: ignore[arg-type]
