"""``ReportPipeline``: the run report's per-item counts, taken as the last pipeline step.

:class:`newsbot.extensions.runreport.RunReport` counts every item that passed the pipelines
(per board: items, fields read, layout gaps, duplicates; comments alike). Scrapy tells it so by
the ``item_scraped`` signal, and each receiver of that signal costs every item a task of its own
(a coroutine, an asyncio task, ``robustApply``'s look at the receiver's arguments, ``gather``'s
bookkeeping); a step at the end of the pipeline chain sees the same items, in the same order,
for a call. This pipeline runs last (``ITEM_PIPELINES`` 1000) and never drops, so an item it
sees is an item Scrapy then reports scraped. With it configured the run report stops listening
to ``item_scraped``; without it (or without the run report) nothing changes.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.extensions.runreport import RunReport


class ReportPipeline:
    def __init__(self, report: RunReport) -> None:
        self.count = report.item_scraped

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReportPipeline:
        extensions = getattr(crawler, "extensions", None)
        for extension in getattr(extensions, "middlewares", ()):
            if isinstance(extension, RunReport):
                extension.count_in_pipeline()
                return cls(extension)
        raise NotConfigured("no RunReport extension in this crawl")

    def process_item(self, item: Any) -> Any:
        self.count(item)
        return item
