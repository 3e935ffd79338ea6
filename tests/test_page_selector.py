"""``page_selector`` builds the very tree ``response.selector`` builds, on every fixture page and
on the bodies where bytes and text could part ways (NUL bytes, invalid UTF-8, byte-order marks,
leading no-break spaces, other encodings)."""

from __future__ import annotations

import threading

import pytest
from lxml import etree
from scrapy.http import HtmlResponse

from newsbot.skins.comments import extract_comments
from newsbot.skins.gnuboard import extract_list_page, extract_post
from newsbot.skins.page import page_selector, parses_from_bytes, shared_html_parser
from tests.extraction_snapshot import fixture_pages, page_url

URL = "http://127.0.0.1:8765/bbs/board.php?bo_table=free&wr_id=1"
UTF8_HEADERS = {"Content-Type": "text/html; charset=utf-8"}


def _tree(selector) -> bytes:
    return etree.tostring(selector.root.getroottree(), encoding="utf-8")


def _both(response_args: dict) -> tuple[bytes, bytes, bool]:
    usual = HtmlResponse(**response_args).selector
    fast_response = HtmlResponse(**response_args)
    fast = page_selector(fast_response)
    assert fast_response.selector is fast  # later readers of the response get the same tree
    return _tree(usual), _tree(fast), parses_from_bytes(HtmlResponse(**response_args))


def test_every_fixture_page_gives_the_same_tree_and_the_same_reading():
    from_bytes = 0
    for path in fixture_pages():
        url = page_url(path)
        usual, fast, bytes_path = _both({"url": url, "body": path.read_bytes()})
        assert fast == usual, path
        from_bytes += bytes_path
        # plain lxml.etree elements instead of lxml.html's: the readers read the same
        usual_sel = HtmlResponse(url, body=path.read_bytes()).selector
        fast_sel = page_selector(HtmlResponse(url, body=path.read_bytes()))
        assert extract_post(fast_sel, url) == extract_post(usual_sel, url), path
        assert extract_list_page(fast_sel, url) == extract_list_page(usual_sel, url), path
        assert extract_comments(fast_sel, url, None) == extract_comments(usual_sel, url, None)
    assert from_bytes > 100  # most fixture pages are UTF-8 and take the bytes path


@pytest.mark.parametrize(
    "body",
    [
        "<html><body><p>안녕하세요</p></body></html>".encode(),
        b"  \n<html><body><p>a\x00b</p></body></html>\n\n",
        b"<html><body><p>\xed\x95\x9c\xff\xfe broken \xc3</p></body></html>",
        b"\xef\xbb\xbf<html><body><p>bom</p></body></html>",
        "\u00a0<html><body><p>nbsp first</p></body></html>\u3000".encode(),
        b"\x1c<html><body><p>file separator</p></body></html>",
        b"text before <b>the markup</b>",
        b"<html><head><base href='http://elsewhere.example/'></head><body>x</body></html>",
        b"",
    ],
)
def test_utf8_bodies_where_bytes_and_text_could_differ(body):
    usual, fast, _ = _both({"url": URL, "body": body, "headers": UTF8_HEADERS})
    assert fast == usual


def test_other_encodings_take_the_usual_path():
    body = "<html><head><meta charset='euc-kr'></head><body>한글</body></html>".encode("cp949")
    response = HtmlResponse(URL, body=body)
    assert not parses_from_bytes(response)
    assert page_selector(response) is response.selector
    assert "한글" in page_selector(response).css("body::text").get()


def test_markup_ends_are_read_as_the_stripped_copy_read_them():
    """``starts_and_ends_as_markup`` answers as ``body.strip(ASCII_WHITESPACE)``'s first and
    last bytes did, on every fixture page and on bodies made for its edges."""
    from newsbot.skins.page import ASCII_WHITESPACE, starts_and_ends_as_markup

    def stripped_copy(body: bytes) -> bool:
        stripped = body.strip(ASCII_WHITESPACE)
        return stripped[:1] == b"<" and stripped[-1:] == b">"

    made = [b"", b"<", b">", b"<>", b"><", b" < ", b" > ", b"\t<a>\n", b"\x0b\x0c<a>\r\n"]
    made += [b"\xa0<a>", b"<a>\xa0", b" \x00<a> ", b"<a>\x85", b"x<a>", b"<a>x", b"  \n\n  "]
    made += [head + b"<p>" + tail for head in (b"", b" \n") for tail in (b"", b" ", b"\n \t")]
    bodies = made + [path.read_bytes() for path in fixture_pages()]
    answers = [stripped_copy(body) for body in bodies]
    assert [starts_and_ends_as_markup(body) for body in bodies] == answers
    assert True in answers and False in answers


def test_one_parser_per_thread_and_arguments():
    first = shared_html_parser(recover=True, encoding="utf-8", huge_tree=True)
    assert shared_html_parser(recover=True, encoding="utf-8", huge_tree=True) is first
    assert shared_html_parser(recover=True, encoding="cp949", huge_tree=True) is not first
    in_thread: list = []
    thread = threading.Thread(
        target=lambda: in_thread.append(
            shared_html_parser(recover=True, encoding="utf-8", huge_tree=True)
        )
    )
    thread.start()
    thread.join()
    assert in_thread[0] is not first


def test_the_shared_parser_reads_each_page_afresh():
    """A page with invalid UTF-8 between two clean ones: parsel reads the broken one again from
    decoded text (the parser's error log says so), and the next page is not read as broken."""
    clean = b"<html><body><p>\xed\x95\x9c clean</p></body></html>"
    broken = b"<html><body><p>\xed\x95\x9c\xff\xfe broken</p></body></html>"
    for body in (clean, broken, clean, broken):
        usual, fast, _bytes_path = _both({"url": URL, "body": body, "headers": UTF8_HEADERS})
        assert fast == usual
