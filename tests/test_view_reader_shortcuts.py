"""The view reader's shortcuts (issue 17) give exactly what the plain queries they replace give:
each is compared with the query on every fixture page, from many scopes, and on made pages
with the markup that would make it go wrong."""

from __future__ import annotations

from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from parsel import Selector
from parsel.csstranslator import css2xpath
from scrapy.http import HtmlResponse

from newsbot import news
from newsbot.skins import gnuboard, query
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
                assert query.has_class(element, name) == bool(xpath(element))
                compared += 1
    assert compared > 10_000


#: Anchors the attribute walk could read differently: an empty or missing href, a case
#: difference in the value, both alternatives in one href, an anchor inside an anchor (the
#: parser closes it), an uppercase attribute name, a ``<link>`` (another tag).
MADE_ANCHORS = """<html><head><link href="/link.php"></head><body><div id="bo_v">
<a href="">empty</a><a>none</a><a href="DOWNLOAD.PHP?x">case</a>
<a HREF="/bbs/download.php?bo_table=a&wr_id=1&no=0">upper name</a>
<a href="javascript:file_download('/bbs/download.php?no=1', 'f.txt')">both</a>
<a href="/bbs/link.php?no=1"><a href="/bbs/link.php?no=2">inner</a></a>
<a href="/board/free/1/download/0">g6</a><a href="/board/free/1/link/0">g6 link</a>
</div></body></html>"""


def _attribute_queries() -> list[str]:
    from newsbot.skins.skins import GENERIC, SKINS

    queries = {
        q for skin in [GENERIC, *(s for s, _p in SKINS)] for q in (skin.view_files, skin.view_links)
    }
    queries |= {"link[href*='/plugin/nariya/'], script[src*='/plugin/nariya/']"}
    queries |= {"script[src*='/plugin/nariya/']", 'a[href*="wr_id="]'}
    return sorted(q for q in queries if q)


def test_attribute_walk_equals_the_query():
    queries = _attribute_queries()
    shortcut = [q for q in queries if query.attribute_contains(q) is not None]
    # every skin's file and link query takes the walk; the two-tag probe does not
    assert len(shortcut) == len(queries) - 1
    documents = [
        *_documents(),
        page_selector(HtmlResponse("http://127.0.0.1/", body=MADE_ANCHORS.encode())).root,
    ]
    compared = found = 0
    for document in documents:
        for scope in _scopes(document):
            for css in queries:
                walked = query.select_nodes(scope, css)
                assert walked == query.xpath_nodes(scope, css), (css, scope.tag)
                rows = query.scoped_query(document, css)
                if scope is not document and query.attribute_contains(css) is not None:
                    assert rows is not None and rows(scope) == walked, (css, scope.tag)
                compared += 1
                found += bool(walked)
    assert compared > 50_000
    assert found > 1_000


def test_attribute_contains_reads_only_its_shape():
    assert query.attribute_contains("a[href*='x'], a[href*=\"y\"]") == ("a", "href", ("x", "y"))
    for other in [
        "a[href*='x'], link[href*='y']",
        "a[href*='x'], a[src*='y']",
        "a[href^='x']",
        "a[href*='x'] span",
        "#bo_v a[href*='x']",
        "a[href*='']",
        "a[href*='x\\'y']",
        "*[href*='x']",
        "",
    ]:
        assert query.attribute_contains(other) is None, other


CLASS_QUERIES = [
    ".bo_v_cate",
    "span.bo_v_cate",
    ".if_date",
    "a.sv_member",
    ".sv_member.sv_guest",
    ".text-gray",
    "strong.if_date",
    ".sound_only",
    ".pg_wrap",
]
#: Class words split by XML and by other whitespace, a case difference, a nested match.
MADE_CLASSES = """<html><body><div id="bo_v"><h2 class="x"><span class="bo_v_cate\tz">a</span>
<span class="BO_V_CATE">b</span></h2><span class="x\x0cbo_v_cate">c</span>
<div class="bo_v_cate"><span class="bo_v_cate">nested</span></div></div></body></html>"""


def test_first_class_node_equals_the_query():
    assert query.class_compound("#bo_v .x") is None
    assert query.class_compound(".a, .b") is None
    assert query.class_compound("span.a.b") == ("span", ("a", "b"))
    documents = [
        *_documents(),
        page_selector(HtmlResponse("http://127.0.0.1/", body=MADE_CLASSES.encode())).root,
    ]
    walked = asked = far = 0
    for document in documents:
        for scope in _scopes(document):
            selector = Selector(root=scope, type="html")
            for css in CLASS_QUERIES:
                expected = gnuboard._first_node(selector, css)
                found = gnuboard._first_class_node(selector, css)
                assert (found.root if found is not None else None) == (
                    expected.root if expected is not None else None
                ), (css, scope.tag)
                if found is not None and css == ".pg_wrap" and scope is document:
                    far += found.root not in islice(scope.iter(), query.NEAR_START)
                walked += found is not None
                asked += 1
    # matches and misses, and matches past NEAR_START elements (the query's answers)
    assert walked > 1_000
    assert asked - walked > 10_000
    assert far > 10


# -- the news reader -------------------------------------------------------------------------

CREDIT_LINE_BITS = st.sampled_from(
    [
        *["사진 ", "모습. ", "있다) ", ". ", ") ", " ", "\n", "다.", "가", "a", "1", "."],
        *["DB", "자료사진", "자료 사진", "제공", "서울시 제공", "홍길동 기자", "홍길동기자"],
        *["hong@hani.co.kr", " a@b.kr", "연합뉴스TV", "뉴스1", "News1", "AFPBBNews", "ZDNet Korea"],
        *news.TRAILING_CREDIT_ENDINGS,
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(CREDIT_LINE_BITS, max_size=10).map("".join))
def test_trailing_credit_check_never_refuses_a_match(text):
    if news.CAPTION_TRAILING_RE.match(text):
        assert news._may_end_in_credit(text), text


def test_trailing_credit_check_on_every_credit_ending():
    for ending in news.TRAILING_CREDIT_ENDINGS:
        for line in (f"모습. {ending}", f"모습. {ending}\n", f"모습) {ending} a@b.kr"):
            # an agency's name alone is a credit; DB, 사진, 제공, 기자 end one after more words
            if ending not in {"DB", "사진", "제공", "기자"}:
                assert news.CAPTION_TRAILING_RE.match(line), line
            assert news._may_end_in_credit(line), line
    # prose ends in none of them
    assert not news._may_end_in_credit("정부는 예산을 26% 늘리기로 했다.")


def test_no_category_in_the_article_means_none_in_its_heading():
    """``_view_title`` skips the heading's category query when the article's found nothing:
    the heading's matches are always among the article's, for every skin's category and title
    query, on every fixture page."""
    from newsbot.skins.skins import GENERIC, SKINS

    skins = [GENERIC, *(skin for skin, _probe in SKINS)]
    compared = 0
    for document in _documents():
        page = Selector(root=document, type="html")
        for skin in skins:
            if not skin.view_category:
                continue
            container = gnuboard._first_node(page, skin.view_container)
            for article in (page, container) if container is not None else (page,):
                heading = gnuboard._first_node(article, skin.view_title)
                if heading is None:
                    continue
                in_article = {s.root for s in fast_css(article, skin.view_category)}
                in_heading = {s.root for s in fast_css(heading, skin.view_category)}
                assert in_heading <= in_article
                compared += 1
    assert compared > 300


#: ``#id`` and ``[a=x]`` steps after the first, ids and values repeated, nested, on the root,
#: a value with spaces, a class only on the root element (the page's class check reads it).
MADE_IDS = """<html class="only-root" id="top"><body><div id="bo_v"><section id="bo_v_info">
<div id="bo_v_info" title="a b">x</div></section><div id="bo_v_info"><div id="bo_v_info">
<span title="a b">n</span></div></div></div><div id="bo_v"><div id="bo_v_info">2nd</div>
<a target="_blank" id="x">y</a></div></body></html>"""
EQUALS_QUERIES = [
    "#bo_v div#bo_v_info",
    "#bo_v #bo_v_info",
    "div#bo_v_info",
    "div#bo_v_info span",
    "section#bo_v_info div#bo_v_info, div#bo_v_info",
    "[title='a b']",
    "span[title='a b']",
    "a[target=_blank]",
    "#top .only-root, .only-root",
    "html.only-root",
]


def _before_equals_steps(css: str, scoped: bool) -> str:
    """The query's XPath as it was before ``[@a = 'x']`` went to the attribute axis."""
    head = f"id('\\1'){query.IN_SCOPE}" if scoped else "id('\\1')"
    parts = css2xpath(css).split(" | ")
    return " | ".join(
        query.ATTRIBUTE_PREDICATE_RE.sub(query._attribute_step, query.ID_STEP_RE.sub(head, part))
        for part in parts
    )


def test_attribute_equals_steps_answer_as_the_predicate():
    from newsbot.skins.skins import GENERIC, SKINS

    queries = set(EQUALS_QUERIES)
    for skin, probe in [(GENERIC, ""), *SKINS]:
        for value in (probe, skin.view_info, skin.view_author, skin.view_title, skin.view_body):
            queries.update(q for q in query.alternatives(value or "") if "#" in q)
    queries = sorted(queries)
    rewritten = [q for q in queries if query.root_xpath(q) != _before_equals_steps(q, False)]
    assert len(rewritten) > 5
    before = {
        (css, scoped): etree.XPath(_before_equals_steps(css, scoped), smart_strings=False)
        for css in queries
        for scoped in (False, True)
    }
    documents = [
        *_documents(),
        page_selector(HtmlResponse("http://127.0.0.1/", body=MADE_IDS.encode())).root,
    ]
    compared = found = 0
    for document in documents:
        for scope in _scopes(document)[:400]:
            for css in queries:
                if scope is document:
                    expected = before[css, False](scope)
                else:
                    expected = before[css, True](scope, scope=scope)
                assert query.select_nodes(scope, css) == expected, (css, scope.tag)
                compared += 1
                found += bool(expected)
    assert compared > 50_000
    assert found > 500
