"""``DedupePipeline``: one post once per run; the same story across boards marked or dropped.

- Within a run a post is ``(site, board, post_id)``; a second sighting (notices repeat, list
  pages shift while a crawl runs) is dropped: ``newsbot/dedupe/in_run``.
- Across boards and sites, the same content (title + body text, normalized for whitespace and
  punctuation) is one story: the later post keeps its row and gets ``duplicate_of`` = the URL of
  the first one stored (``newsbot/dedupe/duplicate_of``), or is dropped when
  ``NEWSBOT_DUPLICATES = "drop"`` (``newsbot/dedupe/dropped``).

A network store (PostgreSQL) is asked in a thread of the pipeline's own (its round trip must not
block the reactor), one post at a time, so "first" means the same as in a run without threads. A
store with ``local_reads = True`` (SQLite: an indexed read of a local WAL file, which the store
pipeline's writer never blocks) is asked in place: the hand-over to a thread and back (futures,
the event loop's wake-up, two GIL switches) cost more CPU per post than the query.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from newsbot.items import is_comment
from newsbot.storage import PostStore, open_store

#: Everything but letters and digits: whitespace, punctuation, symbols, quotes of any width.
NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, normalizing only the lines that need it.

    Most posts are not NFKC as a whole (a ``ⓒ`` or ``…`` line, a compatibility jamo such as
    ``ㅎ``), and ``normalize`` then decomposes and recomposes every character (≈ 25 µs a bench
    post); ``is_normalized`` passes a clean line in ≈ 1/20 of that. A line feed is a stable
    boundary for NFKC: it has combining class 0 and no decomposition, and no composition
    starts or ends with it, so nothing before it interacts with anything after it.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(
        [
            line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
            for line in text.split("\n")
        ]
    )


def content_hash(title: str | None, body_text: str | None) -> str | None:
    """A fingerprint of the story that survives re-wrapping, re-spacing and re-punctuating."""
    text = nfkc(f"{title or ''}\n{body_text or ''}").casefold()
    # Spaces and line feeds first, by str.replace (no whitespace is a word character, so the
    # result is the regex's alone): a post's few hundred spaces were each a match, and a
    # replacement, of the regex, ≈ half its time; what is left for it is punctuation, symbols
    # and rarer whitespace. (``"".join(text.split())`` did the same in 18 µs a bench post,
    # the two replaces take 2; the regex then 27.)
    words = NON_WORD_RE.sub("", text.replace(" ", "").replace("\n", ""))
    if not words:
        return None
    return hashlib.sha1(words.encode("utf-8")).hexdigest()


class DedupePipeline:
    def __init__(self, crawler: Crawler, store: PostStore) -> None:
        self.stats = crawler.stats
        mode = crawler.settings.get("NEWSBOT_DUPLICATES", "mark")
        if mode not in ("mark", "drop"):
            raise NotConfigured(f"NEWSBOT_DUPLICATES must be 'mark' or 'drop', not {mode!r}")
        self.drop_duplicates = mode == "drop"
        self.store = store
        self.seen: set[tuple[str, str, int]] = set()
        self.first_url_by_hash: dict[str, str] = {}
        self.lookups = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbot-dedupe")
        self.one_at_a_time = asyncio.Lock()
        self.local_reads = bool(getattr(store, "local_reads", False))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler, open_store(crawler.settings))

    async def close_spider(self) -> None:
        await asyncio.wrap_future(self.lookups.submit(self.store.close))
        self.lookups.shutdown()

    # a coroutine, though it awaits nothing here: see ITEM_PIPELINES in newsbot/settings.py
    async def process_item(self, item: Any) -> Any:
        if is_comment(item):
            # a comment is its post's: no story of its own; its key is unique per page
            return item
        key = (item["site"], item["board"], int(item["post_id"]))
        if key in self.seen:
            self.stats.inc_value("newsbot/dedupe/in_run")
            raise DropItem(f"already collected in this run: {item['url']}")
        self.seen.add(key)
        digest = content_hash(item.get("title"), item.get("body_text"))
        item["content_hash"] = digest
        item["duplicate_of"] = None
        if digest is None:
            return item
        if self.local_reads:
            first = self.first_url_by_hash.get(digest)
            if first is None:
                first = self.store.first_with_content(digest, *key)
            return self._mark(item, digest, first)
        return await self._mark_after_lookup(item, key, digest)

    async def _mark_after_lookup(self, item: Any, key: tuple[str, str, int], digest: str) -> Any:
        # one at a time: a copy waits until the post before it with the same story is known
        async with self.one_at_a_time:
            first = self.first_url_by_hash.get(digest)
            if first is None:
                first = await asyncio.wrap_future(
                    self.lookups.submit(self.store.first_with_content, digest, *key)
                )
            return self._mark(item, digest, first)

    def _mark(self, item: Any, digest: str, first: str | None) -> Any:
        """Keep the item as the story's first, or mark (or drop) it as a copy of ``first``."""
        if first is None or first == item["url"]:
            self.first_url_by_hash.setdefault(digest, item["url"])
            return item
        if self.drop_duplicates:
            self.stats.inc_value("newsbot/dedupe/dropped")
            raise DropItem(f"same story as {first}: {item['url']}")
        self.stats.inc_value("newsbot/dedupe/duplicate_of")
        item["duplicate_of"] = first
        return item
