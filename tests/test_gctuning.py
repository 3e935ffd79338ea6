"""``GarbageCollectorTuning``: start-up objects frozen and a larger young generation while a
crawl runs, Python's collector as it was once the crawl is over, the collections counted."""

from __future__ import annotations

import gc
import re

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsbot import exitcodes
from newsbot.extensions.gctuning import GarbageCollectorTuning
from tests.test_crawl_sample import board_url


def _tuning(**settings):
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    return crawler, GarbageCollectorTuning.from_crawler(crawler)


def _send(ext: GarbageCollectorTuning, signal) -> None:
    """What the crawler's signal calls on the extension (the other receivers of a bare
    ``get_crawler`` crawler need a running reactor)."""
    {
        signals.engine_started: ext.engine_started,
        signals.spider_closed: ext.spider_closed,
        signals.engine_stopped: ext.engine_stopped,
    }[signal]()


@pytest.fixture(autouse=True)
def _collector_as_python_left_it():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_applied_while_the_engine_runs_and_undone_after():
    before = gc.get_threshold()
    crawler, ext = _tuning(NEWSBOT_GC_THRESHOLD=12_345)
    _send(ext, signals.engine_started)
    assert gc.get_freeze_count() > 1000  # what the process had made up to now
    assert gc.get_threshold() == (12_345, *before[1:])
    assert crawler.stats.get_value("newsbot/gc/frozen_objects") == gc.get_freeze_count()
    gc.collect(0)  # a young collection while the spider runs is counted
    _send(ext, signals.spider_closed)
    assert crawler.stats.get_value("newsbot/gc/collections") >= 1
    assert crawler.stats.get_value("newsbot/gc/seconds") >= 0
    _send(ext, signals.engine_stopped)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    gc.collect(0)  # no longer counted, and its callback is gone
    assert all(getattr(cb, "__self__", None) is not ext for cb in gc.callbacks)


def test_two_crawlers_in_one_process_share_it_until_the_last_stops():
    before = gc.get_threshold()
    _first, first = _tuning()
    _second, second = _tuning(NEWSBOT_GC_THRESHOLD=999)
    _send(first, signals.engine_started)
    frozen = gc.get_freeze_count()
    _send(second, signals.engine_started)  # already applied: the first crawler's setting stays
    assert gc.get_threshold()[0] == 20_000
    assert gc.get_freeze_count() >= frozen
    _send(first, signals.engine_stopped)
    assert gc.get_threshold()[0] == 20_000 and gc.get_freeze_count() > 0
    _send(second, signals.engine_stopped)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_off_leaves_the_collector_alone_and_still_counts():
    before = gc.get_threshold()
    crawler, ext = _tuning(NEWSBOT_GC_TUNING=False)
    _send(ext, signals.engine_started)
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
    gc.collect(0)
    _send(ext, signals.spider_closed)
    _send(ext, signals.engine_stopped)
    assert crawler.stats.get_value("newsbot/gc/collections") >= 1
    assert crawler.stats.get_value("newsbot/gc/frozen_objects") is None


def test_python_threshold_kept_when_asked():
    before = gc.get_threshold()
    _crawler, ext = _tuning(NEWSBOT_GC_THRESHOLD=0)
    _send(ext, signals.engine_started)
    assert gc.get_threshold() == before and gc.get_freeze_count() > 0
    _send(ext, signals.engine_stopped)


def test_a_negative_threshold_is_refused():
    crawler = get_crawler(settings_dict={"NEWSBOT_GC_THRESHOLD": -1})
    with pytest.raises(NotConfigured, match="NEWSBOT_GC_THRESHOLD"):
        GarbageCollectorTuning.from_crawler(crawler)


def test_a_crawl_reports_its_collections(crawl, sample_server):
    result = crawl.run(url=board_url(sample_server))
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    frozen = re.search(r"'newsbot/gc/frozen_objects': (\d+)", result.stderr)
    collections = re.search(r"'newsbot/gc/collections': (\d+)", result.stderr)
    assert frozen and int(frozen.group(1)) > 10_000  # Scrapy, Twisted, lxml and newsbot
    assert collections is not None
