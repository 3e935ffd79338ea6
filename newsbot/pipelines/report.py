"""``ReportPipeline``: the last pipeline step tells the run report, the stats and the feeds of
each item that passed every step, instead of Scrapy's ``item_scraped`` signal.

Scrapy tells its receivers that an item was scraped by the ``item_scraped`` signal, and in
Scrapy 2.19 each receiver costs every item a task of its own (a coroutine wrapped in an asyncio
task that the event loop runs on a later turn, ``robustApply``'s look at the receiver's
arguments, ``gather``'s bookkeeping) — for a call that counts one stat or writes one CSV row.
A crawl's receivers are the run report, ``CoreStats`` (``item_scraped_count``) and the
``FeedExporter`` (every ``FEEDS`` entry, ``-o``/``-O`` included); their newsbot versions
(:mod:`newsbot.extensions.scraped`, :class:`~newsbot.extensions.runreport.RunReport`) offer
``take_items_from_pipeline()``: they stop listening to the signal and this step calls them,
once per item, in the same order as the signal did, with the same items.

Only as the last step: an item it sees is one Scrapy then reports scraped (no later step can
drop it). When another step comes after it in ``ITEM_PIPELINES``, it is not configured (a
warning says which step) and every receiver stays on the signal. A receiver's error is logged
as Scrapy logs one of a signal handler, and the item stays scraped. Anything else connected to
``item_scraped`` (a project's extension, ``CLOSESPIDER_ITEMCOUNT``) is told by Scrapy as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

logger = logging.getLogger(__name__)


class ReportPipeline:
    def __init__(self, receivers: list[Callable[[Any], Any]]) -> None:
        self.receivers = receivers

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReportPipeline:
        steps = build_component_list(crawler.settings.getwithbase("ITEM_PIPELINES"))
        if steps and load_object(steps[-1]) is not cls:
            raise NotConfigured(
                f"not the last item pipeline step ({steps[-1]} comes after it): the run "
                "report, the stats and the feeds are told of scraped items by Scrapy's signal"
            )
        extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
        receivers = [
            extension.take_items_from_pipeline()
            for extension in extensions
            if callable(getattr(extension, "take_items_from_pipeline", None))
        ]
        if not receivers:
            raise NotConfigured("no extension of this crawl takes scraped items from it")
        return cls(receivers)

    # a coroutine, though it awaits nothing here: see ITEM_PIPELINES in newsbot/settings.py
    async def process_item(self, item: Any) -> Any:
        for receiver in self.receivers:
            try:
                receiver(item)
            except Exception:
                # as Scrapy's signal does: the error is the receiver's, the item stays scraped
                logger.error(
                    "Error caught on signal handler: %(receiver)s",
                    {"receiver": receiver},
                    exc_info=True,
                )
        return item
