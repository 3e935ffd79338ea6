"""``MetaRefreshMiddleware``: Scrapy's, reading a UTF-8 page's head without decoding the page.

Scrapy's middleware looks for ``<meta http-equiv="refresh">`` in the first 4,096 characters of
every HTML response, and takes them from ``response.text``: the whole body decoded (≈ 60 µs on
a 34 KB bench page, half of the middleware's ≈ 130 µs), and kept on the response while it
waits for its items (newsbot reads UTF-8 pages from their bytes, :mod:`newsbot.skins.page`,
so nothing else decodes them). For a UTF-8 body without a byte-order mark, ``response.text``
is ``body.decode("utf-8", "replace")``, and its first 4,096 characters are decoded from at
most 4 × 4,096 bytes: those characters are decoded alone, then given to the same w3lib
functions (base URL, refresh) as Scrapy gives them. Any other response goes through Scrapy's
own ``get_meta_refresh``.
"""

from __future__ import annotations

import re
from typing import cast

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import (
    MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware,
)
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import get_meta_refresh
from w3lib import html
from w3lib.encoding import read_bom
from w3lib.url import safe_url_string

#: Scrapy reads a refresh and a ``<base>`` from this many characters of ``response.text``.
HEAD_CHARS = 4096
#: Bytes that hold that many characters of UTF-8 for sure (≤ 4 bytes a character, also for
#: each U+FFFD that replaces bad bytes), with room for the decoder to look past the last one.
HEAD_BYTES = 4 * HEAD_CHARS + 8
#: A ``<base>`` tag may start here (w3lib's ``get_base_url`` reads nothing without a match).
BASE_TAG_RE = re.compile("<base", re.IGNORECASE | re.ASCII)


def meta_refresh(
    response: TextResponse, ignore_tags: list[str]
) -> tuple[None, None] | tuple[float, str]:
    """``scrapy.utils.response.get_meta_refresh(response, ignore_tags)``."""
    body = response.body
    encoding = response.encoding  # a property that parses the headers again on every call
    if encoding != "utf-8" or read_bom(body[:4])[0] is not None:
        return get_meta_refresh(response, ignore_tags=ignore_tags)
    head = body[:HEAD_BYTES].decode("utf-8", "replace")[:HEAD_CHARS]
    if BASE_TAG_RE.search(head):  # what w3lib's get_base_url looks for before anything else
        base_url = html.get_base_url(head, response.url, encoding)
        return html.get_meta_refresh(head, base_url, encoding, ignore_tags=ignore_tags)
    # No <base>: the base URL is the page's own (get_base_url's safe_url_string(url)), and only
    # a refresh that was found needs it; whether one is found does not depend on it.
    found = html.get_meta_refresh(head, "", encoding, ignore_tags=ignore_tags)
    if found[1] is None:
        return found
    base_url = safe_url_string(response.url)
    return html.get_meta_refresh(head, base_url, encoding, ignore_tags=ignore_tags)


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        # Scrapy's own steps, with meta_refresh() for get_meta_refresh()
        if (
            request.meta.get("dont_redirect", False)
            or request.method == "HEAD"
            or not isinstance(response, HtmlResponse)
            or urlparse_cached(request).scheme not in {"http", "https"}
        ):
            return response
        interval, url = meta_refresh(response, self._ignore_tags)
        if not url:
            return response
        redirected = self._redirect_request_using_get(request, response, url)
        if urlparse_cached(redirected).scheme not in {"http", "https"}:
            return response
        if cast("float", interval) < self._maxdelay:
            return self._redirect(redirected, request, "meta refresh")
        return response
