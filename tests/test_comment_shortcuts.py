"""The comment reader's shortcuts (issue 13) give exactly what the plain queries give.

Each test runs the shortcut and the plain form it replaces on every fixture page, and counts the
cases where the answer is not empty, so that it fails if the fixtures stop exercising it.
"""

from __future__ import annotations

from lxml import etree
from parsel.csstranslator import css2xpath
from scrapy.http import HtmlResponse

from newsbot.skins import comments
from newsbot.skins.page import page_selector
from tests.extraction_snapshot import fixture_pages


def _fixture_roots() -> list[etree._Element]:
    return [
        page_selector(HtmlResponse("http://127.0.0.1/", body=path.read_bytes())).root
        for path in fixture_pages()
    ]


def test_secret_marks_answer_as_the_css_groups():
    """``SECRET_MARKS_XPATH``'s links and icons are ``SECRET_LINK_CSS`` and ``SECRET_ICON_CSS``
    (as cssselect translates them), from every element of every fixture page."""
    link = etree.XPath(css2xpath(comments.SECRET_LINK_CSS))
    icon = etree.XPath(css2xpath(comments.SECRET_ICON_CSS))
    found = {"a": 0, "img": 0}
    compared = 0
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            marks = comments.SECRET_MARKS_XPATH(element)
            assert [m for m in marks if m.tag == "a"] == link(element)
            assert [m for m in marks if m.tag == "img"] == icon(element)
            found["a"] += element is root and any(m.tag == "a" for m in marks)
            found["img"] += element is root and any(m.tag == "img" for m in marks)
            compared += 1
    assert compared > 40_000
    assert found["a"] >= 1 and found["img"] >= 1, found
