"""EUC-KR/CP949 pages decode right even when the HTTP header disagrees with the meta tag."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newsbot.middlewares.encoding import CharsetMiddleware, better_encoding

PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head>'
    "<body>똠방각하 햏 뷁 쌰 게시판</body></html>"
).encode("cp949")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=iso-8859-1", "cp949"),
        ("text/html; charset=windows-1252", "cp949"),
        ("text/html", "cp949"),
        ("text/html; charset=utf-8", "cp949"),  # not valid UTF-8: the meta is right
        ("text/html; charset=euc-kr", None),
    ],
)
def test_better_encoding(header: str, expected: str | None) -> None:
    from w3lib.encoding import http_content_type_encoding

    assert better_encoding(PAGE, http_content_type_encoding(header)) == expected


def test_valid_utf8_page_keeps_its_header() -> None:
    page = '<meta charset="euc-kr"><body>한글</body>'.encode()
    assert better_encoding(page, "utf-8") is None


@pytest.mark.parametrize("header", ["text/html; charset=iso-8859-1", "text/html; charset=utf-8"])
def test_middleware_fixes_the_text(header: str) -> None:
    middleware = CharsetMiddleware(get_crawler())
    request = Request("http://ex.com/bbs/board.php?bo_table=free&wr_id=1")
    response = HtmlResponse(
        request.url, body=PAGE, headers={"Content-Type": header}, request=request
    )
    fixed = middleware.process_response(request, response)
    assert "똠방각하 햏 뷁 쌰" in fixed.text


def test_sites_file_encoding_wins() -> None:
    middleware = CharsetMiddleware(get_crawler())
    body = "<html><body>한글만</body></html>".encode("cp949")
    request = Request("http://ex.com/", meta={"newsbot_encoding": "euc-kr"})
    response = HtmlResponse(
        request.url,
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=request,
    )
    assert "한글만" in middleware.process_response(request, response).text
