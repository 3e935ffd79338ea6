"""``BackoffRetryMiddleware``: Scrapy's retries, spaced out, honouring ``Retry-After``.

Scrapy's ``RetryMiddleware`` re-queues a failed request at once; a struggling board gets hit
again immediately. This subclass waits before each retry: the server's ``Retry-After`` (seconds
or HTTP date) on 429/503, else an exponential backoff ``NEWSBOT_RETRY_BACKOFF * 2**n``. A
``Retry-After`` longer than ``NEWSBOT_RETRY_AFTER_MAX`` seconds is not waited for: the request
gives up and is counted like any other failure.

Stats: ``newsbot/retry/waited_seconds``, ``newsbot/retry/retry_after`` (honoured headers),
``newsbot/retry/retry_after_too_long``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.response import response_status_message


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header value; None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSBOT_RETRY_BACKOFF", 1.0)
        self.retry_after_max = settings.getfloat("NEWSBOT_RETRY_AFTER_MAX", 120.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = parse_retry_after(response.headers.get("Retry-After"))
        stats = self.crawler.stats
        if wait is not None:
            if wait > self.retry_after_max:
                stats.inc_value("newsbot/retry/retry_after_too_long")
                return response
            stats.inc_value("newsbot/retry/retry_after")
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await self._wait(wait if wait is not None else self._backoff(request))
        return retry

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry"):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await self._wait(self._backoff(request))
        return retry

    def _backoff(self, request: Request) -> float:
        return self.backoff * 2 ** request.meta.get("retry_times", 0)

    async def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.crawler.stats.inc_value("newsbot/retry/waited_seconds", round(seconds, 3))
            await asyncio.sleep(seconds)
