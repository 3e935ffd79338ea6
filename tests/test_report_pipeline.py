"""The run report's per-item counts taken by ``ReportPipeline`` (the last pipeline step) equal
the counts its ``item_scraped`` receiver takes, and are never taken twice."""

from __future__ import annotations

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
        assert pipeline.process_item(item) is item
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
