"""One id per crawl, shared by the store (``post_stats.crawl_id``) and the run report."""

from __future__ import annotations

import time

from scrapy.crawler import Crawler

STAT_KEY = "newsbot/crawl_id"


def crawl_id(crawler: Crawler) -> str:
    """``NEWSBOT_CRAWL_ID`` when set, else the start time; the first caller fixes it."""
    assert crawler.stats is not None
    value = crawler.stats.get_value(STAT_KEY)
    if not value:
        value = crawler.settings.get("NEWSBOT_CRAWL_ID") or time.strftime("%Y%m%dT%H%M%S")
        crawler.stats.set_value(STAT_KEY, value)
    return value
