"""``PostLoader``: the only path from raw page text to a ``Post``.

Context: ``now`` (crawl time, aware), ``stats`` (crawler stats or None), ``url`` (for warnings).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itemloaders.processors import TakeFirst
from scrapy.loader import ItemLoader

from newsbot.items import LIST_FIELDS, Post
from newsbot.normalize import KST


class PostLoader(ItemLoader):
    default_item_class = Post
    default_output_processor = TakeFirst()

    def __init__(self, *, now: datetime | None = None, stats: Any = None, url: str = "", **kw):
        now = (now or datetime.now(KST)).astimezone(KST)
        super().__init__(now=now, stats=stats, url=url, **kw)

    def load_item(self) -> Post:
        item = super().load_item()
        for name in LIST_FIELDS:
            item.setdefault(name, [])
        return item
