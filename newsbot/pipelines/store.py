"""``StorePipeline``: write posts to the store in batched transactions.

A batch is written when it holds ``NEWSBOT_STORE_BATCH_SIZE`` posts (or ten times as many
comments) or is older than ``NEWSBOT_STORE_FLUSH_SECONDS``, and always when the spider closes,
whatever the reason (finished, Ctrl-C shutdown, CloseSpider). Stats:
``newsbot/store/{new,updated,unchanged}`` and the same per board under
``newsbot/board/<site>/<board>/…`` for the run report.

Writes run in one writer thread of the pipeline's own (``async def process_item`` awaits them), so
a network database's round trips never block the reactor, and batches are written one at a time
and in order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from scrapy.crawler import Crawler

from newsbot.crawlid import crawl_id
from newsbot.items import field_values, is_comment
from newsbot.storage import PostStore, StoreError, WriteResult, open_store

logger = logging.getLogger(__name__)
T = TypeVar("T")
#: A batch is also written when this many comments per batch post are waiting.
COMMENTS_PER_POST_BATCH = 10


class StorePipeline:
    def __init__(self, crawler: Crawler, store: PostStore) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.store = store
        self.batch_size = crawler.settings.getint("NEWSBOT_STORE_BATCH_SIZE", 200)
        self.flush_seconds = crawler.settings.getfloat("NEWSBOT_STORE_FLUSH_SECONDS", 5.0)
        self.crawl_id = crawl_id(crawler)
        self.pending: list[dict[str, Any]] = []
        self.pending_comments: list[dict[str, Any]] = []
        self.last_flush = time.monotonic()
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbot-store")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, open_store(crawler.settings))

    async def _in_writer(self, call: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(self.writer.submit(call, *args))

    async def process_item(self, item: Any) -> Any:
        # a shallow copy of the set fields: the store only reads the values (ItemAdapter.asdict
        # deep-copies; dict(item) looks each key up through the Item's Mapping methods)
        if is_comment(item):
            self.pending_comments.append(dict(field_values(item)))
        else:
            self.pending.append(dict(field_values(item)))
        # Posts make a batch: counting comments too cut the batches of a board with 1.3
        # comments a post to ≈ 90 posts, and each SQLite commit writes a full-text index segment
        # (and merges them): ≈ 40 µs more writer CPU a post. Comments only bound the memory.
        if (
            len(self.pending) >= self.batch_size
            or len(self.pending_comments) >= COMMENTS_PER_POST_BATCH * self.batch_size
            or time.monotonic() - self.last_flush >= self.flush_seconds
        ):
            await self.flush()
        return item

    async def flush(self) -> None:
        """Write the posts waiting, then the comments that were waiting with them.

        A comment is yielded after its post, so every comment taken here belongs to a post of
        this batch or an earlier one: its row never lands without its post's. Items that arrive
        while the batch is written wait for the next one (before, a post arriving then held all
        the comments back, and each next item flushed a batch of a few posts).
        """
        if not self.pending and not self.pending_comments:
            return
        posts, self.pending = self.pending, []
        comments, self.pending_comments = self.pending_comments, []
        self.last_flush = time.monotonic()
        if posts:
            try:
                result = await self._in_writer(self.store.write, posts, self.crawl_id)
            except StoreError as exc:
                # Keep the batch: the next flush (at the latest, at close) tries again.
                self.pending = posts + self.pending
                self.pending_comments = comments + self.pending_comments
                self.stats.inc_value("newsbot/store/write_failed")
                logger.error("%s; %d posts kept for the next try", exc, len(self.pending))
                return
            self._count(result)
        if comments:
            try:
                result = await self._in_writer(self.store.write_comments, comments, self.crawl_id)
            except StoreError as exc:
                self.pending_comments = comments + self.pending_comments
                self.stats.inc_value("newsbot/store/write_failed")
                logger.error("%s; %d comments kept for the next try", exc, len(comments))
                return
            self._count(result)

    def _count(self, result: WriteResult) -> None:
        # summed per key first: two calls per stored row through Scrapy's wrapped stats methods
        # (≈ 900 a batch of 200 posts with their comments) for a handful of keys
        counts: Counter[str] = Counter()
        for site, board, outcome in result.outcomes:
            counts[f"newsbot/store/{outcome}"] += 1
            counts[f"newsbot/board/{site}/{board}/{outcome}"] += 1
        for key, count in counts.items():
            self.stats.inc_value(key, count)

    async def close_spider(self) -> None:
        try:
            await self.flush()
            if self.pending:
                self.stats.inc_value("newsbot/store/lost", len(self.pending))
                logger.error("%d posts could not be stored", len(self.pending))
            if self.pending_comments:
                self.stats.inc_value("newsbot/store/comments_lost", len(self.pending_comments))
                logger.error("%d comments could not be stored", len(self.pending_comments))
        finally:
            await self._in_writer(self.store.close)
            self.writer.shutdown()
