"""newsbot's MetaRefreshMiddleware answers as Scrapy's does, on every fixture page and on pages
built to sit on its edges (a refresh past 4,096 characters, multi-byte text and bad bytes at
the cut, character references, a byte-order mark, other encodings)."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMiddleware
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from newsbot.middlewares.metarefresh import HEAD_CHARS, MetaRefreshMiddleware
from tests.extraction_snapshot import fixture_pages, page_url

URL = "http://example.com/bbs/board.php?bo_table=free&wr_id=1"
REFRESH = '<meta http-equiv="refresh" content="0;url=/bbs/password.php?w=s">'


def _middlewares():
    crawler = get_crawler(Spider)
    crawler.spider = crawler._create_spider("t")
    return MetaRefreshMiddleware.from_crawler(crawler), ScrapyMiddleware.from_crawler(crawler)


def _outcome(middleware, url, body, headers, method="GET", meta=None):
    request = Request(url, method=method, meta=dict(meta or {}))
    response = HtmlResponse(url, body=body, headers=headers, request=request)
    try:
        result = middleware.process_response(request, response)
    except ValueError as error:
        return ("ValueError", str(error))
    if result is response:
        return "response"
    return (type(result).__name__, result.url, result.method, sorted(result.meta.items()))


def _same(body: bytes, charset: str = "utf-8", url: str = URL, **kwargs) -> None:
    ours, scrapys = _middlewares()
    headers = {"Content-Type": f"text/html; charset={charset}"} if charset else {}
    assert _outcome(ours, url, body, headers, **kwargs) == _outcome(
        scrapys, url, body, headers, **kwargs
    )


def test_same_answer_on_every_fixture_page():
    for path in fixture_pages():
        _same(path.read_bytes(), url=page_url(path))
        _same(path.read_bytes(), charset="", url=page_url(path))


def _page(before: str, refresh: str = REFRESH) -> bytes:
    return f"<html><head><title>t</title>{before}{refresh}</head><body>x</body></html>".encode()


@pytest.mark.parametrize("filler", ["a", "가", "😀", "é"])
@pytest.mark.parametrize("shift", range(-6, 7))
def test_refresh_around_the_4096th_character(filler, shift):
    # the tag's last character lands on the 4,096th character at shift 0
    for refresh in (REFRESH, "<meta http-equiv='refresh' content='5'>"):
        before = filler * (HEAD_CHARS - len(_page("", "")) + len("</head><body>x</body></html>"))
        before = before[: HEAD_CHARS - len("<html><head><title>t</title>") - len(refresh) + shift]
        _same(_page(before, refresh))


@pytest.mark.parametrize("bad", [b"\xff", b"\xe0\xa0", b"\xf0\x9f\x98", b"\xc3", b"\xed\xa0\x80"])
@pytest.mark.parametrize("at", [4090, 4095, 4096, 4097, 16380, 16383, 16384, 16385, 16390])
def test_bad_bytes_at_the_cut(bad, at):
    head = b"<html><head>"
    filler = "😀".encode() * 4100
    body = head + filler[: at - len(head)] + bad + REFRESH.encode() + b"</head></html>"
    _same(body)
    _same(head + b"a" * (at - len(head)) + bad + REFRESH.encode() + b"</head></html>")


@pytest.mark.parametrize(
    "refresh",
    [
        REFRESH,
        '<META HTTP-EQUIV="Refresh" CONTENT="3; URL=http://other.org/x">',
        '<meta http-equiv="&#114;efresh" content="0;url=/a">',
        '<meta content="0;url=&amp;/a?b=1&amp;c=2" http-equiv="refresh">',
        '<base href="http://base.example/g5/"><meta http-equiv="refresh" content="0;url=bbs/x">',
        '<BASE HREF="/g5/"><meta http-equiv="refresh" content="0;url=bbs/x">',
        '<base href="http://[::1"><meta http-equiv="refresh" content="0;url=bbs/x">',
        '<base href="http://[::1">',
        '<meta http-equiv="refresh" content="0;url=http://[::1/x">',
        '<meta http-equiv="refresh" content="0;url=b%20s/ x?q=한글">',
        '<script><meta http-equiv="refresh" content="0;url=/in-script"></script>',
        '<noscript><meta http-equiv="refresh" content="0;url=/in-noscript"></noscript>',
        '<meta http-equiv="refresh" content="1000;url=/late">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ],
)
def test_refresh_forms(refresh):
    _same(_page("", refresh))
    _same(_page("", refresh), method="HEAD")
    _same(_page("", refresh), meta={"dont_redirect": True})


def test_other_encodings_and_byte_order_marks():
    page = _page("한글 ", REFRESH)
    _same(page.decode().encode("cp949"), charset="euc-kr")
    _same(page.decode().encode("cp949"), charset="")
    _same(b"\xef\xbb\xbf" + page)
    _same("\ufeff".encode("utf-16-le") + page.decode().encode("utf-16-le"), charset="utf-16")
    _same(page, charset="iso-8859-1")


def test_not_html():
    ours, scrapys = _middlewares()
    request = Request(URL)
    response = TextResponse(URL, body=REFRESH.encode(), request=request)
    assert ours.process_response(request, response) is response
    assert scrapys.process_response(request, response) is response
