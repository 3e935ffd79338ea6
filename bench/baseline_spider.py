"""Scrapy's own ceiling on this machine: a spider that fetches what newsbot fetches, parses nothing.

It requests the same pages in the same order as newsbot's ``gnuboard`` spider — a board's list
page, then that page's posts and the next list page, with ``dont_filter=True`` as newsbot does —
but builds no selector: a bytes regex finds the rows' post links and the pager's last page, and
post pages are dropped on arrival (no items, no pipelines). Run by :mod:`bench.run` as

    python -m scrapy runspider bench/baseline_spider.py -a url=<list url> -a stats_out=<json>

with the same concurrency settings as the newsbot run, outside newsbot's project settings.
``stats_out`` receives Scrapy's stats as the spider closes (request and response counts; the
benchmark reads the elapsed time from the closing stats dump in the log, which comes later).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

#: Row subject links of the basic skin: ``<div class="bo_tit">`` then the post's ``<a href>``.
ROW_LINK_RE = re.compile(rb'<div class="bo_tit">\s*<a href="[^"]*?[?&](?:amp;)?wr_id=(\d+)')
LAST_PAGE_RE = re.compile(rb'page=(\d+)" class="pg_page pg_end"')


class BaselineSpider(scrapy.Spider):
    name = "bench_baseline"

    def __init__(self, url: str = "", stats_out: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.list_url = url
        self.stats_out = stats_out
        self.seen: set[int] = set()
        self.last_page: int | None = None

    async def start(self) -> Any:
        yield self._list_request(1)

    def _page_url(self, page: int) -> str:
        parts = urlsplit(self.list_url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"]
        if page > 1:
            query.append(("page", str(page)))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))

    def _list_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self._page_url(page),
            callback=self.parse_list,
            cb_kwargs={"page": page},
            dont_filter=True,
        )

    def parse_list(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        body = response.body
        if self.last_page is None:
            found = LAST_PAGE_RE.search(body)
            self.last_page = int(found.group(1)) if found else page
        base = self._page_url(1)
        for match in ROW_LINK_RE.finditer(body):
            wr_id = int(match.group(1))
            if wr_id in self.seen:
                continue
            self.seen.add(wr_id)
            yield scrapy.Request(
                f"{base}&wr_id={wr_id}", callback=self.parse_post, dont_filter=True
            )
        if page < self.last_page:
            yield self._list_request(page + 1)

    def parse_post(self, response: Response) -> None:
        return None

    def closed(self, reason: str) -> None:
        if not self.stats_out:
            return
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        stats = {k: v if isinstance(v, int | float | str) else str(v) for k, v in stats.items()}
        stats["finish_reason"] = reason
        with open(self.stats_out, "w", encoding="utf-8") as handle:
            json.dump(stats, handle, indent=1, sort_keys=True)
