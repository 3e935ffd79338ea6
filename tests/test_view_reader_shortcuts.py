"""The view reader's shortcuts (issue 17) give exactly what the plain queries they replace give:
each is compared with the query on every fixture page, from many scopes, and on made pages
with the markup that would make it go wrong."""

from __future__ import annotations

from lxml import etree
from parsel import Selector
from scrapy.http import HtmlResponse

from newsbot.skins import gnuboard
from newsbot.skins.page import page_selector
from newsbot.skins.query import css as fast_css
from tests.extraction_snapshot import fixture_pages

#: Markup that a walk could read differently from the XPath: nested and repeated ``.if_date``,
#: a ``<time>`` under both alternatives, the scope itself a ``<time>``, a class split by a tab or
#: a line feed (XML whitespace) or by a form feed / no-break space (not XML whitespace), a case
#: difference, a time without datetime or with an empty one, ``bo_v_info`` twice.
MADE_PAGES = [
    """<html><body><div id="bo_v"><section id="bo_v_info"><time datetime="2024-01-02 03:04:05">
    x</time><span class="if_date"><time datetime="a">y</time><time>none</time>
    <time datetime="">e</time></span></section>
    <div class="x\tif_date\ny"><p><time datetime="b"></time></p></div>
    <div class="x\x0cif_date"><time datetime="c"></time></div>
    <div class="x\xa0if_date"><time datetime="c2"></time></div>
    <div class="IF_DATE"><time datetime="d"></time></div>
    <div class="if_date"><div class="if_date"><time datetime="nested"></time></div></div>
    <time datetime="outside"></time><time class="if_date" datetime="self"></time>
    </div><div id="bo_v_info"><time datetime="second id"></time></div>
    <div class="if_date"><time datetime="after the article"></time></div></body></html>""",
    """<html><body><time class="if_date" datetime="root-ish"><time datetime="inner"></time>
    </time><div id="bo_v_info" class="if_date"><time datetime="both"></time></div></body></html>""",
    "<html><body><p>no times</p></body></html>",
]


def _documents():
    for path in fixture_pages():
        body = path.read_bytes()
        yield HtmlResponse("http://127.0.0.1/", body=body).selector.root
        yield page_selector(HtmlResponse("http://127.0.0.1/", body=body)).root
    for made in MADE_PAGES:
        yield page_selector(HtmlResponse("http://127.0.0.1/", body=made.encode())).root


def _scopes(document: etree._Element) -> list[etree._Element]:
    """The root, and every element with an id or a class (or, on a small page, every one)."""
    every = list(document.iter(etree.Element))
    if len(every) < 200:
        return every
    return [document, *(el for el in every if el.get("id") or el.get("class"))]


def test_header_datetimes_equal_the_query():
    compared = found = 0
    for document in _documents():
        for scope in _scopes(document):
            selector = Selector(root=scope, type="html")
            expected = fast_css(selector, gnuboard.HEADER_DATETIMES_CSS).getall()
            assert gnuboard._header_datetimes(selector) == expected, scope.tag
            compared += 1
            found += bool(expected)
    assert compared > 20_000
    assert found > 100


def test_has_class_is_cssselects_class_test():
    names = ["if_date", "sv", "bo_v_cate", "a", "if", "date"]
    tests = {
        name: etree.XPath(
            f"self::*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        )
        for name in names
    }
    compared = 0
    for document in _documents():
        for element in document.iter(etree.Element):
            if element.get("class") is None:
                continue
            for name, xpath in tests.items():
                assert gnuboard.has_class(element, name) == bool(xpath(element))
                compared += 1
    assert compared > 10_000
