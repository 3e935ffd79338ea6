"""``ReportPipeline``: the run report's per-item counts, taken as the last pipeline step.

:class:`newsbot.extensions.runreport.RunReport` counts every item that passed the pipelines
(per board: items, fields read, layout gaps, duplicates; comments alike). Scrapy tells it so by
the ``item_scraped`` signal, and each receiver of that signal costs every item a task of its own
(a coroutine, an asyncio task, ``robustApply``'s look at the receiver's arguments, ``gather``'s
bookkeeping); a step at the end of the pipeline chain sees the same items, in the same order,
for a call. This pipeline runs last (``ITEM_PIPELINES`` 1000) and never drops, so an item it
sees is an item Scrapy then reports scraped. With it configured the run report stops listening
to ``item_scraped``, and so do Scrapy's ``CoreStats`` (its receiver only adds 1 to
``item_scraped_count``, which this step adds instead) and Scrapy's ``FeedExporter`` (this step
hands it the item, as the signal did; an error it raises is logged and the item stays scraped,
as a receiver's error was). Without this pipeline (or without the run report) nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.corestats import CoreStats
from scrapy.extensions.feedexport import FeedExporter
from scrapy.statscollectors import StatsCollector

from newsbot.extensions.runreport import RunReport

logger = logging.getLogger(__name__)


class ReportPipeline:
    def __init__(
        self,
        report: RunReport,
        core_stats: StatsCollector | None = None,
        export: Callable[[Any, Any], None] | None = None,
        crawler: Crawler | None = None,
    ) -> None:
        self.count = report.item_scraped
        #: the stats ``item_scraped_count`` goes to, when this step counts it for CoreStats
        self.core_stats = core_stats
        #: the feed exporter's ``item_scraped``, when this step hands it the items
        self.export = export
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReportPipeline:
        extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
        report = next((e for e in extensions if isinstance(e, RunReport)), None)
        if report is None:
            raise NotConfigured("no RunReport extension in this crawl")
        report.count_in_pipeline()
        # Scrapy's own item counter, when it is Scrapy's (a subclass may count otherwise)
        core = next(
            (
                e
                for e in extensions
                if isinstance(e, CoreStats) and type(e).item_scraped is CoreStats.item_scraped
            ),
            None,
        )
        stats = None
        if core is not None and crawler.stats is not None:
            crawler.signals.disconnect(core.item_scraped, signal=signals.item_scraped)
            stats = crawler.stats
        feeds = next(
            (
                e
                for e in extensions
                if isinstance(e, FeedExporter) and type(e).item_scraped is FeedExporter.item_scraped
            ),
            None,
        )
        if feeds is not None:
            crawler.signals.disconnect(feeds.item_scraped, signal=signals.item_scraped)
        return cls(report, stats, feeds.item_scraped if feeds is not None else None, crawler)

    def process_item(self, item: Any) -> Any:
        self.count(item)
        if self.core_stats is not None:
            self.core_stats.inc_value("item_scraped_count")
        if self.export is not None:
            try:
                self.export(item, self.crawler.spider if self.crawler else None)
            except Exception:
                # as Scrapy's signal sending did: logged, and the item is still scraped
                logger.error(
                    "Error caught on signal handler: %(receiver)s",
                    {"receiver": self.export},
                    exc_info=True,
                )
        return item
