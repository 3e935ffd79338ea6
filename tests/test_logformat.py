"""QuietLogFormatter: Scrapy's per-response and per-item DEBUG lines only when a handler takes them."""

from __future__ import annotations

import logging

import pytest
from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.logformatter import LogFormatter

from newsbot.logformat import CRAWLED_LOGGER, SCRAPED_LOGGER, QuietLogFormatter, takes_debug


@pytest.fixture
def calls():
    spider = Spider(name="quiet")
    request = Request("http://example.com/bbs/board.php?bo_table=a&wr_id=1")
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    return (
        lambda formatter: formatter.crawled(request, response, spider),
        lambda formatter: formatter.scraped({"title": "x"}, response, spider),
    )


@pytest.fixture
def root_handlers():
    """Only Scrapy's root handler at the given level (pytest's own capture handlers set aside)."""
    saved = logging.root.handlers[:]
    saved_level = logging.root.level

    def install(level: str) -> None:
        # as Scrapy's install_scrapy_root_handler: the root passes all, its handler filters
        handler = logging.NullHandler()
        handler.setLevel(level)
        logging.root.handlers = [handler]
        logging.root.setLevel(logging.NOTSET)

    yield install
    logging.root.handlers = saved
    logging.root.setLevel(saved_level)


def test_no_debug_records_at_info(calls, root_handlers):
    root_handlers("INFO")
    assert not takes_debug(CRAWLED_LOGGER) and not takes_debug(SCRAPED_LOGGER)
    for call in calls:
        assert call(QuietLogFormatter()) is None


def test_same_records_as_scrapy_at_debug(calls, root_handlers):
    root_handlers("DEBUG")
    for call in calls:
        assert call(QuietLogFormatter()) == call(LogFormatter())


def test_a_debug_handler_anywhere_on_the_way_gets_them(calls, root_handlers):
    root_handlers("INFO")
    handler = logging.NullHandler()
    handler.setLevel(logging.DEBUG)
    logging.getLogger("scrapy").addHandler(handler)
    try:
        for call in calls:
            assert call(QuietLogFormatter()) == call(LogFormatter())
    finally:
        logging.getLogger("scrapy").removeHandler(handler)


def test_a_filter_on_the_logger_gets_them(calls, root_handlers):
    root_handlers("INFO")
    keep = logging.Filter()
    SCRAPED_LOGGER.addFilter(keep)
    try:
        assert calls[1](QuietLogFormatter()) == calls[1](LogFormatter())
    finally:
        SCRAPED_LOGGER.removeFilter(keep)


def test_the_project_uses_it():
    from newsbot import settings

    assert settings.LOG_FORMATTER == "newsbot.logformat.QuietLogFormatter"
