"""``ValidatePipeline``: drop items that miss an identity field, naming the URL and the field.

Stats: ``newsbot/invalid/<field>`` per missing field, ``newsbot/invalid/dropped`` per item.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsbot.items import field_values, is_comment

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("site", "board", "post_id", "url", "title")
REQUIRED_COMMENT_FIELDS = ("site", "board", "post_id", "comment_id", "url")


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    # a coroutine, though it awaits nothing here: see ITEM_PIPELINES in newsbot/settings.py
    async def process_item(self, item: Any) -> Any:
        required = REQUIRED_COMMENT_FIELDS if is_comment(item) else REQUIRED_FIELDS
        values = field_values(item)
        missing = [name for name in required if values.get(name) in (None, "")]
        if not missing:
            return item
        for name in missing:
            self.stats.inc_value(f"newsbot/invalid/{name}")
        self.stats.inc_value("newsbot/invalid/dropped")
        url = item.get("url") or item.get("_source_url") or "(no url)"
        raise DropItem(f"missing {', '.join(missing)} on {url}")
