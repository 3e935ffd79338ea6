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
    """``secret_marks`` says whether ``SECRET_LINK_CSS`` and ``SECRET_ICON_CSS`` (as cssselect
    translates them) find anything, from every element of every fixture page."""
    link = etree.XPath(css2xpath(comments.SECRET_LINK_CSS))
    icon = etree.XPath(css2xpath(comments.SECRET_ICON_CSS))
    found = {"a": 0, "img": 0}
    compared = 0
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            locked, secret_icon = comments.secret_marks(element)
            assert locked == bool(link(element))
            assert secret_icon == bool(icon(element))
            found["a"] += element is root and locked
            found["img"] += element is root and secret_icon
            compared += 1
    assert compared > 40_000
    assert found["a"] >= 1 and found["img"] >= 1, found


def test_page_queries_answer_as_select_first_on_comments():
    """``PageQueries.first``, prepared once per page, finds what ``select_first`` finds for every
    query of every comment table (and the generic name), from every element of every comment
    of every fixture page and from the page itself."""
    from parsel import Selector

    from newsbot.skins.gnuboard import PageQueries, select_first

    queries = {
        query
        for table in comments.COMMENT_SKINS.values()
        for query in vars(table).values()
        if query
    } | {comments._G5_AUTHOR, comments._GENERIC_AUTHOR}
    compared = found = 0
    for root in _fixture_roots():
        anchors = [
            node
            for node in comments.comment_nodes(root)
            if (node.get("id") or node.get("name") or "").startswith("c_")
        ]
        scopes = [scope for scope in map(comments._scope, anchors) if scope is not None]
        elements = [root, *(e for scope in scopes for e in scope.iter(etree.Element))]
        prepared = PageQueries(Selector(root=root, type="html"))
        for query in queries:
            for element in elements:
                plain = select_first(Selector(root=element, type="html"), query)
                expected = plain[0].root if plain else None
                got = prepared.first(element, query)
                got = got.root if isinstance(got, Selector) else got
                assert got is expected, (query, element)
                compared += 1
                found += expected is not None
    assert compared > 20_000 and found > 1_000, (compared, found)


def test_group_of_classes_answers_as_the_css_union():
    """``group_of_classes_xpath`` finds what ``css`` finds for the group, in the same order, for
    every comment-table group it takes, from every element of every fixture page."""
    from parsel import Selector

    from newsbot.skins.query import css, group_of_classes_xpath

    groups = {
        query
        for table in comments.COMMENT_SKINS.values()
        for query in vars(table).values()
        if query and group_of_classes_xpath(query) is not None
    }
    assert comments._G5_AUTHOR in groups and len(groups) >= 3, groups
    for query in ("a.x, .y", ".x strong, .y", "header .x, footer .y", ".x"):
        assert group_of_classes_xpath(query) is None, query
    found = 0
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            for query in groups:
                nodes = group_of_classes_xpath(query)(element)
                plain = [s.root for s in css(Selector(root=element, type="html"), query)]
                assert nodes == plain, query
                found += element is root and bool(nodes)
    assert found >= 20


def test_inline_text_up_to_a_descendant_equals_collapsed_block_text():
    """``inline_text(..., stop_at=d)`` (a comment's header: its text up to the body) is
    ``block_text(..., stop_at=d)`` collapsed, from every element of every fixture page that has
    children, stopping at the element itself, its first, middle and last descendants and every
    ``cmt_contents``-like body in it."""
    from newsbot.skins.text import MENU_AND_LABEL_CLASSES, block_text, inline_text

    compared = 0
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            descendants = list(element.iterdescendants())
            if not descendants:
                continue
            stops = {element, descendants[0], descendants[len(descendants) // 2], descendants[-1]}
            stops.update(d for d in descendants if "cont" in (d.get("class") or ""))
            for stop in stops:
                plain = " ".join(block_text(element, MENU_AND_LABEL_CLASSES, stop_at=stop).split())
                assert inline_text(element, MENU_AND_LABEL_CLASSES, stop_at=stop) == plain
                compared += 1
    assert compared > 50_000


def test_time_datetime_is_the_first_xpath_value():
    """``time_datetime`` is ``descendant-or-self::time/@datetime``'s first value (``[:1]``)."""
    plain = etree.XPath("descendant-or-self::time/@datetime", smart_strings=False)
    found = 0
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            assert comments.time_datetime(element) == plain(element)[:1]
            found += element is root and bool(plain(element))
    assert found >= 20


def test_spacer_cells_need_a_table_cell():
    """``_indent`` asks for spacer cells only under an element with a ``td``: without one the
    query finds nothing, from every element of every fixture page (and g4's spacers are found)."""
    found = 0
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            spacers = comments._SPACER_CELLS_XPATH(element)
            if next(element.iter("td"), None) is None:
                assert spacers == []
            found += bool(spacers)
    assert found >= 20


def test_member_id_on_elements_answers_as_the_selector_reader():
    """``comments.member_id`` (``iterancestors``/``iter`` on the lxml element) reads the member id
    ``gnuboard._member_id`` reads through its two queries (the nearest ``<a>`` at or above, then
    every ``a/@href`` below), from every element of every fixture page: names inside a link,
    names with links inside, g4 sideview calls, titles, and elements that are links themselves."""
    from parsel import Selector

    from newsbot.skins.gnuboard import MB_ID_RE, SIDEVIEW_ID_RE, TITLE_ID_RE
    from newsbot.skins.query import css, xpath
    from newsbot.skins.text import attr

    def _member_id(node: Selector) -> str | None:
        # the reader as it was before the lxml walks: two queries and their Selectors
        anchors = xpath(node, "ancestor-or-self::a[1]")
        anchor = anchors[0] if anchors else node
        for name, pattern in (
            ("href", MB_ID_RE),
            ("onclick", SIDEVIEW_ID_RE),
            ("title", TITLE_ID_RE),
        ):
            match = pattern.search(attr(anchor, name))
            if match:
                return match.group(1)
        for href in css(node, "a::attr(href)").getall():
            match = MB_ID_RE.search(href)
            if match:
                return match.group(1)
        return None

    found = {"own link": 0, "link above": 0, "link below": 0}
    for root in _fixture_roots():
        for element in root.iter(etree.Element):
            expected = _member_id(Selector(root=element, type="html"))
            assert comments.member_id(element) == expected
            if expected is None:
                continue
            if element.tag == "a":
                found["own link"] += 1
            elif next(element.iterancestors("a"), None) is not None:
                found["link above"] += 1
            else:
                found["link below"] += 1
    assert all(count >= 20 for count in found.values()), found
