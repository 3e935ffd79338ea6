"""newsbot's STATS_CLASS: Scrapy's in-memory collector, counting the same, without the
per-attribute look-up Scrapy puts in front of every stats call."""

from __future__ import annotations

import pytest
from scrapy.statscollectors import MemoryStatsCollector as ScrapyMemoryStatsCollector
from scrapy.utils.test import get_crawler

from newsbot import settings as newsbot_settings
from newsbot.stats import MemoryStatsCollector


def _collector(cls: type) -> ScrapyMemoryStatsCollector:
    crawler = get_crawler(settings_dict={"STATS_CLASS": f"{cls.__module__}.{cls.__qualname__}"})
    return crawler.stats


def _exercise(stats: ScrapyMemoryStatsCollector) -> tuple[dict, dict]:
    stats.open_spider()
    stats.inc_value("a")
    stats.inc_value("a", 2)
    stats.inc_value("b", start=10)
    stats.max_value("m", 3)
    stats.max_value("m", 1)
    stats.min_value("n", 3)
    stats.min_value("n", 1)
    stats.set_value("s", "x")
    before = dict(stats.get_stats())
    stats.clear_stats()
    stats.set_stats({"kept": 1})
    return before, dict(stats.get_stats())


def test_counts_as_scrapys_collector_counts() -> None:
    ours = _collector(MemoryStatsCollector)
    assert type(ours) is MemoryStatsCollector
    assert _exercise(ours) == _exercise(_collector(ScrapyMemoryStatsCollector))
    assert _exercise(_collector(MemoryStatsCollector))[0] == {
        "a": 3,
        "b": 11,
        "m": 3,
        "n": 1,
        "s": "x",
    }


def test_the_spider_argument_is_still_taken() -> None:
    stats = _collector(MemoryStatsCollector)
    stats.inc_value("a", spider=None)
    assert stats.get_value("a", spider=None) == 1
    assert stats.get_value("missing", 7) == 7


def test_a_stats_call_is_a_plain_method_call() -> None:
    # Scrapy's look-up makes each call a Python-level __getattribute__ (and a raised
    # AttributeError for every attribute a method reads): ours has none
    assert MemoryStatsCollector.__getattribute__ is object.__getattribute__


def test_newsbot_crawls_use_it() -> None:
    assert newsbot_settings.STATS_CLASS == "newsbot.stats.MemoryStatsCollector"


@pytest.mark.parametrize("dump", [True, False])
def test_close_keeps_the_stats_for_the_spider(dump: bool) -> None:
    crawler = get_crawler(
        settings_dict={"STATS_CLASS": "newsbot.stats.MemoryStatsCollector", "STATS_DUMP": dump}
    )
    crawler.spider = crawler._create_spider("s")
    crawler.stats.inc_value("x")
    crawler.stats.close_spider(reason="finished")
    assert crawler.stats.spider_stats["s"] == {"x": 1}
