"""``QuietFailureLogs``: one line per failed request, no tracebacks at INFO level.

Our spider logs every failed request itself, once, with its URL and reason
(``failed (connection_refused) site page: …``), and the run report names an unreachable start
page in the exit reason. Scrapy adds its own lines for the same failure: the retry middleware's
``Gave up retrying …`` and, for robots.txt, the robots middleware's ``Error downloading …``
with a full traceback. A cron mail about a host that is down should not be a page of
tracebacks, so this extension lowers those records to DEBUG (where the traceback is still
there for whoever asks for it with ``-s LOG_LEVEL=DEBUG``).

Disable with ``-s NEWSBOT_QUIET_FAILURE_LOGS=0``.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

#: Loggers whose failure records repeat what our spider already says in one line.
QUIETED_LOGGERS = (
    "scrapy.downloadermiddlewares.retry",
    "scrapy.downloadermiddlewares.robotstxt",
)


class DemoteFailureRecords(logging.Filter):
    """Turns Scrapy's duplicate failure records into DEBUG records."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith(("Gave up retrying", "Error downloading")):
            record.levelno = logging.DEBUG
            record.levelname = "DEBUG"
        return True


class QuietFailureLogs:
    def __init__(self) -> None:
        self.filter = DemoteFailureRecords()
        for name in QUIETED_LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietFailureLogs:
        if not crawler.settings.getbool("NEWSBOT_QUIET_FAILURE_LOGS", True):
            raise NotConfigured
        extension = cls()
        crawler.signals.connect(extension.close, signal=signals.engine_stopped)
        return extension

    def close(self) -> None:
        for name in QUIETED_LOGGERS:
            logging.getLogger(name).removeFilter(self.filter)
