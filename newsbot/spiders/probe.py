"""``ProbeSpider``: read one list page and a few posts of a board, and keep what each field was
read from. ``scrapy probe URL`` (:mod:`newsbot.commands.probe`) prints it; nothing is stored.

It asks the same questions the crawl does (refusal? which rows? which values?) with the same
extraction, so what the probe shows is what a crawl of the board would collect.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from newsbot.loaders import load_post
from newsbot.normalize import KST
from newsbot.skins.base import ListPage, ListRow, RawPost
from newsbot.skins.gnuboard import board_ref_for_page, extract_list_page, extract_post
from newsbot.skins.refusals import detect_refusal, refusal_message
from newsbot.urls import parse_board_url

#: Posts read after the list page.
PROBE_POSTS = 3


@dataclass
class ProbedPost:
    url: str
    row: ListRow | None
    raw: RawPost | None = None
    item: dict[str, Any] = field(default_factory=dict)
    refused: str | None = None
    error: str | None = None


@dataclass
class ProbeResult:
    url: str
    listing: ListPage | None = None
    list_refused: str | None = None
    list_error: str | None = None
    message: str | None = None  # what a refusal page said
    posts: list[ProbedPost] = field(default_factory=list)


class ProbeSpider(scrapy.Spider):
    name = "probe"
    # A probe stores nothing and writes no report or CSV; its verdict is the probe command's,
    # so the crawl's run report (which would log "exit 0 (ok)" beside it) is off.
    custom_settings = {
        "ITEM_PIPELINES": {},
        "FEEDS": {},
        "NEWSBOT_RUNS_DIR": "",
        "EXTENSIONS": {"newsbot.extensions.runreport.RunReport": None},
    }

    def __init__(self, url: str = "", posts: int = PROBE_POSTS, **kwargs: Any) -> None:
        super().__init__(name=self.name, **kwargs)
        self.result = ProbeResult(url=url)
        self.post_count = int(posts)

    async def start(self) -> AsyncIterator[Any]:
        ref = parse_board_url(self.result.url)
        if ref is not None and (ref.wr_id is not None or ref.slug is not None):
            yield self._post_request(self.result.url, None)
            return
        yield scrapy.Request(
            self.result.url,
            callback=self.parse_list,
            errback=self.failed,
            meta={"handle_httpstatus_list": [403, 404]},
            dont_filter=True,
        )

    def _post_request(self, url: str, row: ListRow | None) -> scrapy.Request:
        probed = ProbedPost(url=url, row=row)
        self.result.posts.append(probed)
        return scrapy.Request(
            url,
            callback=self.parse_post,
            errback=self.failed,
            cb_kwargs={"probed": probed},
            meta={"handle_httpstatus_list": [403, 404]},
            dont_filter=True,
        )

    def _refusal(self, response: Response) -> str | None:
        redirects = response.meta.get("redirect_urls") or []
        return detect_refusal(response.selector, response.url, redirects[0] if redirects else None)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        refusal = self._refusal(response)
        if refusal:
            self.result.list_refused = refusal
            self.result.message = refusal_message(response.selector)
            return
        if response.status >= 400:
            self.result.list_error = f"http_{response.status}"
            return
        listing = extract_list_page(response.selector, response.url)
        self.result.listing = listing
        rows = [r for r in listing.rows if not r.is_notice] or listing.rows
        for row in rows[: self.post_count]:
            yield self._post_request(row.url, row)

    def parse_post(self, response: Response, probed: ProbedPost) -> None:
        refusal = self._refusal(response)
        if refusal:
            probed.refused = refusal
            return
        if response.status >= 400:
            probed.error = f"http_{response.status}"
            return
        raw = extract_post(response.selector, response.url)
        probed.raw = raw
        ref = board_ref_for_page(response.selector, response.url)
        post_id = (probed.row.post_id if probed.row else None) or raw.wr_id
        if ref is None or post_id is None:
            probed.error = "no board/post id on the page"
            return
        item = load_post(raw, ref, post_id, row=probed.row, now=datetime.now(KST))
        probed.item = dict(item)

    def failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        reason = type(failure.value).__name__
        probed = request.cb_kwargs.get("probed")
        if probed is not None:
            probed.error = reason
        else:
            self.result.list_error = reason
