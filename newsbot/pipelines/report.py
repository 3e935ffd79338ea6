"""``ReportPipeline``: the run report's per-item counts, taken as the last pipeline step.

:class:`newsbot.extensions.runreport.RunReport` counts every item that passed the pipelines
(per board: items, fields read, layout gaps, duplicates; comments alike). Scrapy tells it so by
the ``item_scraped`` signal, and each receiver of that signal costs every item a task of its own
(a coroutine, an asyncio task, ``robustApply``'s look at the receiver's arguments, ``gather``'s
bookkeeping); a step at the end of the pipeline chain sees the same items, in the same order,
for a call. This pipeline runs last (``ITEM_PIPELINES`` 1000) and never drops, so an item it
sees is an item Scrapy then reports scraped. With it configured the run report stops listening
to ``item_scraped``, and so does Scrapy's ``CoreStats`` (its receiver only adds 1 to
``item_scraped_count``, which this step adds instead); without it (or without the run report)
nothing changes.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.corestats import CoreStats
from scrapy.statscollectors import StatsCollector

from newsbot.extensions.runreport import RunReport


class ReportPipeline:
    def __init__(self, report: RunReport, core_stats: StatsCollector | None = None) -> None:
        self.count = report.item_scraped
        #: the stats ``item_scraped_count`` goes to, when this step counts it for CoreStats
        self.core_stats = core_stats

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
        if core is None or crawler.stats is None:
            return cls(report)
        crawler.signals.disconnect(core.item_scraped, signal=signals.item_scraped)
        return cls(report, crawler.stats)

    def process_item(self, item: Any) -> Any:
        self.count(item)
        if self.core_stats is not None:
            self.core_stats.inc_value("item_scraped_count")
        return item
