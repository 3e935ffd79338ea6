"""``QuietLogFormatter``: Scrapy's per-response and per-item DEBUG lines, made only when logged.

Scrapy logs ``Crawled (200) <GET …>`` for every response and ``Scraped from <200 …>`` for every
item at DEBUG. Its root logger lets every level through (``NOTSET``; the handler filters by
``LOG_LEVEL``), so at INFO each of those lines still costs a ``LogRecord``, with the caller's
frame looked up, before the handler drops it: ≈ 8 µs, three to four times per post. This
formatter tells Scrapy not to log them (``None``) when no handler on the way to the root would
take a DEBUG record from that logger; with ``-s LOG_LEVEL=DEBUG`` (or any DEBUG handler, or a
filter on the logger that could change the record) they are logged as before.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

#: The loggers Scrapy writes these lines with (its engine and its scraper).
CRAWLED_LOGGER = logging.getLogger("scrapy.core.engine")
SCRAPED_LOGGER = logging.getLogger("scrapy.core.scraper")


def takes_debug(logger: logging.Logger) -> bool:
    """Would a DEBUG record from ``logger`` reach a handler (``Logger.callHandlers``' walk)?"""
    if not logger.isEnabledFor(logging.DEBUG):
        return False
    if logger.filters:
        return True  # a filter may change the record: log it as Scrapy would
    current: logging.Logger | None = logger
    handlers = 0
    while current is not None:
        for handler in current.handlers:
            handlers += 1
            if handler.level <= logging.DEBUG:
                return True
        current = current.parent if current.propagate else None
    if handlers:
        return False
    # no handler at all: logging's last resort takes it (or warns once when there is none)
    last_resort = logging.lastResort
    return last_resort is None or last_resort.level <= logging.DEBUG


class QuietLogFormatter(LogFormatter):
    def crawled(self, *args: Any, **kwargs: Any) -> LogFormatterResult | None:  # type: ignore[override]
        if not takes_debug(CRAWLED_LOGGER):
            return None
        return super().crawled(*args, **kwargs)

    def scraped(self, *args: Any, **kwargs: Any) -> LogFormatterResult | None:  # type: ignore[override]
        if not takes_debug(SCRAPED_LOGGER):
            return None
        return super().scraped(*args, **kwargs)
