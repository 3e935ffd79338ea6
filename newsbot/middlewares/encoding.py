"""``CharsetMiddleware``: decode old Korean boards right when the HTTP header lies.

gnuboard4 sites are EUC-KR (really CP949: it has syllables EUC-KR lacks, like 똠 and 햏), yet
their servers often send ``charset=iso-8859-1`` or ``utf-8`` (a PHP or Apache default) while the
page's ``<meta>`` says ``euc-kr``. Scrapy trusts the header, which turns Hangul into mojibake.

The page's own declaration wins when the header names a Latin-1 family charset, or names UTF-8
and the body is not valid UTF-8. A site's ``encoding`` in the sites file (``newsbot_encoding`` in
``request.meta``) wins over both. Stats: ``newsbot/charset/<from>-><to>``.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Request, Response
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    resolve_encoding,
)

#: Charsets servers send by default, never because they know the page.
DEFAULT_HEADER_CHARSETS = frozenset({"cp1252", "latin_1", "iso8859-1", "ascii"})
SNIFF_BYTES = 4096


def better_encoding(body: bytes, header_encoding: str | None) -> str | None:
    """The encoding to use instead of the header's, or None to keep what Scrapy chose."""
    declared = html_body_declared_encoding(body[:SNIFF_BYTES])
    declared = resolve_encoding(declared) if declared else None
    header = resolve_encoding(header_encoding) if header_encoding else None
    if not declared or declared == header:
        return None
    if header is None or header in DEFAULT_HEADER_CHARSETS:
        return declared
    if header == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return declared
    return None


class CharsetMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        forced = request.meta.get("newsbot_encoding")
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        header = http_content_type_encoding(content_type)
        chosen = resolve_encoding(forced) if forced else better_encoding(response.body, header)
        if not chosen or chosen == response.encoding:
            return response
        self.stats.inc_value(f"newsbot/charset/{response.encoding}->{chosen}")
        return response.replace(encoding=chosen)
