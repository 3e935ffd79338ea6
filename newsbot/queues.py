"""The scheduler's disk queue for ``JOBDIR``: requests are written without session secrets.

A request that came back through a redirect or a retry carries the ``Cookie`` header its first
download was sent with; Scrapy's own disk queue would pickle that session id into
``JOBDIR/requests.queue``. This queue writes requests without ``Cookie`` and ``Authorization``
headers — the cookie middleware adds the jar's current cookie again when the request is
downloaded, which is also what a resumed run needs — and never writes a login request at all
(the scheduler keeps an unwritable request in memory).

Setting: ``SCHEDULER_DISK_QUEUE = "newsbot.queues.SecretFreeDiskQueue"``.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.squeues import PickleLifoDiskQueue

from newsbot.middlewares.login import LOGIN_META

SECRET_HEADERS = (b"Cookie", b"Authorization", b"Proxy-Authorization")


class SecretFreeDiskQueue(PickleLifoDiskQueue):  # type: ignore[misc,valid-type]
    def push(self, request: Request) -> None:
        if request.meta.get(LOGIN_META):
            # ValueError is the scheduler's "cannot serialise": it keeps the request in memory
            raise ValueError("a login request is never written to disk")
        if any(name in request.headers for name in SECRET_HEADERS):
            request = request.replace(
                headers={k: v for k, v in request.headers.items() if k not in SECRET_HEADERS}
            )
        super().push(request)
