"""The run report's per-item counts taken by ``ReportPipeline`` (the last pipeline step) equal
the counts its ``item_scraped`` receiver takes, and are never taken twice."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsbot.extensions.runreport import RunReport
from newsbot.items import Comment, Post
from newsbot.pipelines.report import ReportPipeline


def _items() -> list:
    posts = [
        Post(site="s", board="b", post_id=1, url="u1", title="t", body_text="x", comments=2),
        Post(site="s", board="b", post_id=2, url="u2", title="", duplicate_of="u1"),
        Post(site="s", board="c", post_id=3, url="u3", title="t", published_at=None),
    ]
    comments = [
        Comment(site="s", board="b", post_id=1, comment_id=10, url="u1#c", author="a"),
        Comment(site="s", board="b", post_id=1, comment_id=11, url="u1#d", body_text=""),
    ]
    return [posts[0], *comments, posts[1], posts[2]]


def _report(crawler) -> RunReport:
    crawler._apply_settings()
    return next(e for e in crawler.extensions.middlewares if isinstance(e, RunReport))


def _counts(report: RunReport) -> tuple:
    return (
        report.comments_scraped,
        {board: dict(c) for board, c in report.post_counts.items()},
        {board: dict(c) for board, c in report.comment_counts.items()},
    )


def test_the_pipeline_counts_what_the_signal_counted_once():
    settings = {
        "EXTENSIONS": {"newsbot.extensions.runreport.RunReport": 500},
        "NEWSBOT_RUNS_DIR": "",
        "NEWSBOT_PROGRESS": False,
    }
    by_signal = get_crawler(Spider, settings)
    signal_report = _report(by_signal)
    by_pipeline = get_crawler(Spider, settings)
    pipeline_report = _report(by_pipeline)
    pipeline = ReportPipeline.from_crawler(by_pipeline)
    for item in _items():
        by_signal.signals.send_catch_log(signals.item_scraped, item=item, spider=None)
        assert asyncio.run(pipeline.process_item(item)) is item
        # Scrapy then sends item_scraped: the report no longer listens to it
        by_pipeline.signals.send_catch_log(signals.item_scraped, item=item, spider=None)
    assert _counts(pipeline_report) == _counts(signal_report)
    assert signal_report.comments_scraped == 2
    assert signal_report.post_counts["s/b"]["items"] == 2


def test_without_the_run_report_the_pipeline_is_not_configured():
    crawler = get_crawler(
        Spider,
        {"EXTENSIONS": {"newsbot.extensions.runreport.RunReport": None}, "NEWSBOT_PROGRESS": False},
    )
    crawler._apply_settings()
    with pytest.raises(NotConfigured):
        ReportPipeline.from_crawler(crawler)


NEWSBOT_EXTENSIONS = {
    "scrapy.extensions.corestats.CoreStats": None,
    "newsbot.extensions.scraped.CoreStats": 0,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newsbot.extensions.scraped.FeedExporter": 0,
    "newsbot.extensions.runreport.RunReport": 500,
}


def _scraped_receivers(crawler) -> list:
    from pydispatch.dispatcher import getAllReceivers, liveReceivers

    return list(liveReceivers(getAllReceivers(crawler.signals.sender, signals.item_scraped)))


def _crawler(tmp_path, pipelines: dict) -> object:
    crawler = get_crawler(
        Spider,
        {
            "EXTENSIONS": NEWSBOT_EXTENSIONS,
            "ITEM_PIPELINES": pipelines,
            "FEEDS": {str(tmp_path / "posts.csv"): {"format": "csv"}},
            "NEWSBOT_RUNS_DIR": "",
            "NEWSBOT_PROGRESS": False,
        },
    )
    crawler._apply_settings()
    return crawler


def test_as_the_last_step_it_tells_the_stats_the_feeds_and_the_report_instead_of_the_signal(
    tmp_path,
):
    crawler = _crawler(tmp_path, {"newsbot.pipelines.report.ReportPipeline": 1000})
    listening = _scraped_receivers(crawler)
    assert len(listening) == 3  # CoreStats, FeedExporter, RunReport
    pipeline = ReportPipeline.from_crawler(crawler)
    assert _scraped_receivers(crawler) == []  # Scrapy's signal then costs no task
    exporter = next(e for e in crawler.extensions.middlewares if hasattr(e, "export_scraped"))
    exported: list = []
    exporter.item_scraped = lambda item, spider: exported.append(item)
    items = _items()
    for item in items:
        assert asyncio.run(pipeline.process_item(item)) is item
    assert crawler.stats.get_value("item_scraped_count") == len(items)
    assert exported == items
    assert _report(crawler).comments_scraped == 2


def test_not_the_last_step_it_leaves_every_receiver_on_the_signal(tmp_path):
    crawler = _crawler(
        tmp_path,
        {
            "newsbot.pipelines.report.ReportPipeline": 1000,
            "newsbot.pipelines.validate.ValidatePipeline": 1100,
        },
    )
    with pytest.raises(NotConfigured, match="ValidatePipeline comes after it"):
        ReportPipeline.from_crawler(crawler)
    assert len(_scraped_receivers(crawler)) == 3


def test_a_receivers_error_is_logged_as_the_signals_and_the_others_still_run(tmp_path, caplog):
    told: list = []

    def broken(item):
        raise RuntimeError("disk full")

    pipeline = ReportPipeline([broken, told.append])
    item = _items()[0]
    assert asyncio.run(pipeline.process_item(item)) is item
    assert told == [item]
    assert "Error caught on signal handler" in caplog.text
    assert "disk full" in caplog.text
