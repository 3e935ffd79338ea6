"""The page's parsed tree, built once from the response's bytes when they are UTF-8.

Scrapy's ``response.selector`` decodes the body to text (``response.text``, ≈ 20 µs on a 20 KB
page), finds ``<base href>`` in it, and parsel encodes that text back to UTF-8 bytes before
libxml2 parses them: ≈ 45 % more than the parse itself. A UTF-8 body (most gnuboard5/6 sites)
can go to libxml2 as it is, through parsel's own ``body=`` path, giving the same tree;
:func:`page_selector` does that and leaves it where ``response.selector`` looks first, so every
later ``response.selector`` / ``response.css`` of the same response gets this tree.

Its elements are plain ``lxml.etree`` elements: ``lxml.html`` looks the Python class of every
element up in Python each time lxml hands one out (≈ 100 times per view page, ≈ 300 per list
page, and again on every query result and tree walk), and no reader uses what ``HtmlElement``
adds. The parser is the same libxml2 HTML parser, so the tree is the same.

The libxml2 parser itself is made once per thread (:func:`shared_html_parser`) rather than once
per page as parsel makes it: a fresh parser allocates and sets up a new parser context on its
first parse (≈ 3 µs a bench view page, 7 µs a list page), and the tree it builds is the same
(every fixture page compared).

Any other page goes the usual way: another encoding (EUC-KR/CP949 boards), a byte-order mark,
or a body that does not begin with ``<`` and end with ``>`` once ASCII whitespace is stripped
(parsel strips Unicode whitespace such as U+00A0 from text, which bytes cannot mirror).
"""

from __future__ import annotations

import re
import threading
from typing import Any

from lxml import etree
from parsel import Selector
from parsel.selector import create_root_node
from scrapy.http import TextResponse

ASCII_WHITESPACE = b" \t\n\r\x0b\x0c"
LEADING_WHITESPACE_RE = re.compile(rb"[ \t\n\r\x0b\x0c]*")
LT, GT = ord("<"), ord(">")
#: What libxml2 would read differently from ``response.text`` (which drops the mark).
BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


_THREAD = threading.local()


def shared_html_parser(**options: Any) -> etree.HTMLParser:
    """``etree.HTMLParser(**options)``, made once per thread and set of options (lxml's parsers
    may not parse in two threads at once). Given to parsel's ``create_root_node`` as its parser
    class: it asks for ``recover``, ``encoding`` and ``huge_tree`` (its decoded-text retry too)
    and reads the error log of that parse only, which lxml clears at the start of every parse."""
    parsers: dict[tuple[Any, ...], etree.HTMLParser] | None = getattr(_THREAD, "parsers", None)
    if parsers is None:
        parsers = _THREAD.parsers = {}
    key = tuple(sorted(options.items()))
    parser = parsers.get(key)
    if parser is None:
        parser = parsers[key] = etree.HTMLParser(**options)
    return parser


def parses_from_bytes(response: TextResponse) -> bool:
    """Would the tree from the raw bytes be the one ``response.selector`` builds from text?"""
    body = response.body
    if not body or body.startswith(BYTE_ORDER_MARKS) or response.encoding != "utf-8":
        return False
    return starts_and_ends_as_markup(body)


def starts_and_ends_as_markup(body: bytes) -> bool:
    """``body.strip(ASCII_WHITESPACE)`` begins with ``<`` and ends with ``>``: read off the
    first and last bytes that are not ASCII whitespace, without a stripped copy of the page."""
    start = LEADING_WHITESPACE_RE.match(body).end()  # type: ignore[union-attr] # matches ""
    end = len(body)
    while end > start and body[end - 1] in ASCII_WHITESPACE:
        end -= 1
    return end > start and body[start] == LT and body[end - 1] == GT


def page_selector(response: TextResponse) -> Selector:
    """``response.selector``, parsed straight from the bytes when :func:`parses_from_bytes`."""
    cached = getattr(response, "_cached_selector", None)
    if cached is not None:
        return cached
    if not parses_from_bytes(response):
        return response.selector
    # The document URL is the page's own: no reader looks at it (hrefs are resolved against
    # the page URL explicitly), and finding <base href> would need the decoded text again.
    root = create_root_node(
        "", shared_html_parser, base_url=response.url, body=response.body, encoding="utf-8"
    )
    selector = Selector(root=root, type="html")
    response._cached_selector = selector
    return selector
