"""The shortcuts of issue 17 give exactly what the plain code gives.

``clean_text``: the plain loop is ``_clean_once`` until nothing changes; the shortcuts return text
that needs no cleaning as is, and give text without ``&`` one pass; ``clean_multiline_text``
cleans text without entities in one pass over all its lines. The news reader
(``parse_caption``, ``parse_byline``, ``parse_wire_lead``, the line classifier): a pattern is
skipped when the line lacks text it cannot match without (``news.SKIP_BY_REQUIRED_TEXT``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from scrapy.http import HtmlResponse

from newsbot import news
from newsbot.normalize import (
    KST,
    NEEDS_CLEANING_RE,
    _clean_once,
    clean_multiline_text,
    clean_text,
)
from newsbot.skins import gnuboard
from newsbot.skins.page import page_selector
from tests.extraction_snapshot import fixture_pages


def clean_text_by_loop(text: str) -> str:
    current = text
    while True:
        cleaned = _clean_once(current)
        if cleaned == current:
            return cleaned
        current = cleaned


#: The characters the cleaning cares about, mixed with ordinary text.
TRICKY = st.sampled_from(
    [
        *" \t\n\r\x0b\x0c\xa0\u3000\u3164\uffa0\u200b\u200c\u200d\u202e\ufeff\x00\x85\xad&;#",
        *["&amp;", "&amp;amp;", "&#38;", "&lt;", "&nbsp;", "👨", "👩", "가", "a", "1"],
    ]
)
TEXTS = st.one_of(st.text(), st.lists(TRICKY, max_size=30).map("".join))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_clean_text_equals_the_loop(text):
    assert clean_text(text) == clean_text_by_loop(text)


LINE_BREAKS = st.sampled_from(["\n", "\n", "\n\n", "\r", "\r\n", "\u2028", "\x1c", "\x85", " \n "])
MULTILINE_TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(TRICKY, LINE_BREAKS), max_size=40).map("".join),
    st.lists(
        st.sampled_from(["가 다", "amp;", "lt", " ", "\n", "\t", "\u200b", "&", "#"]), max_size=40
    ).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(MULTILINE_TEXTS)
def test_clean_multiline_text_equals_clean_text_per_line(text):
    by_line = "\n".join(line for line in (clean_text(x) for x in text.splitlines()) if line)
    assert clean_multiline_text(text) == by_line
    assert clean_multiline_text(by_line) == by_line


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\n", "\n \n", "가", "a b", " 나 "]), max_size=40))
def test_spaced_lines_collapse_as_split_and_join(pieces):
    from newsbot.normalize import _collapse_spaced_lines

    text = "".join(pieces)
    plain = "\n".join(line for line in (" ".join(x.split()) for x in text.splitlines()) if line)
    assert _collapse_spaced_lines(text) == plain


def test_every_whitespace_but_space_is_unprintable():
    """``is_collapsed_lines`` rules out other whitespace (line breaks included) by
    ``str.isprintable()``: true of every code point."""
    spaces = [
        chr(c) for c in range(0x110000) if chr(c).isspace() or len(f"a{chr(c)}b".splitlines()) > 1
    ]
    assert len(spaces) > 20
    assert [c for c in spaces if c.isprintable()] == [" "]


def _collapsed_by_splitting(text: str) -> str:
    return "\n".join(line for line in (" ".join(ln.split()) for ln in text.splitlines()) if line)


@settings(max_examples=500, deadline=None)
@given(MULTILINE_TEXTS)
def test_collapsed_lines_check_is_exact(text):
    from newsbot.normalize import is_collapsed_lines

    collapsed = _collapsed_by_splitting(text)
    if collapsed.replace("\n", "").isprintable():  # else the check leaves it to the slow path
        assert is_collapsed_lines(collapsed) == bool(collapsed)
    if is_collapsed_lines(text):
        assert collapsed == text
        assert text.split("\n") == [ln for ln in text.splitlines() if ln]


@settings(max_examples=500, deadline=None)
@given(MULTILINE_TEXTS)
def test_one_pass_check_by_str_searches_equals_the_regex(text):
    from newsbot.normalize import ONE_PASS_BLOCKERS_RE, _blocks_one_pass

    assert _blocks_one_pass(text) == (ONE_PASS_BLOCKERS_RE.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_text_the_check_calls_clean_is_left_alone_by_a_pass(text):
    if NEEDS_CLEANING_RE.search(text) is None:
        assert _clean_once(text) == text


NEWS_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
CAPTION_BITS = st.sampled_from(
    [
        "/",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "ⓒ",
        "©",
        "=",
        "사진",
        "제공",
        "기자",
        "뉴스1",
        "연합뉴스",
        "DB",
        "재판매 및 DB 금지",
        ". ",
        "다.",
        " ",
        "홍길동",
        "2023.9.5",
        "a@b.kr",
        "자료사진",
        "특파원",
        "(서울=연합뉴스) ",
        "[",
        "【",
        "http://a.kr/1",
        "ⓒ 머니투데이 무단전재",
        # the marks that send a line past the classifier's unmarked path, and what that path
        # still tries (title bylines, related markers, dropped lines, promos)
        ":",
        "Ⓒ",
        "Copyright",
        "C",
        "관련기사",
        "▶",
        "구독하기",
        "무단 전재",
    ]
)


def _caption_without_shortcut(line: str, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patched:
        patched.setattr(news, "SKIP_BY_REQUIRED_TEXT", False)
        return news.parse_caption(line)


def test_caption_shortcut_on_every_news_fixture_line(monkeypatch):
    lines = [
        line.strip()
        for path in sorted(NEWS_FIXTURES.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 100
    for line in lines:
        assert news.parse_caption(line) == _caption_without_shortcut(line, monkeypatch), line


@settings(max_examples=500, deadline=None)
@given(st.lists(CAPTION_BITS, max_size=14).map("".join))
def test_caption_shortcut_on_caption_like_text(text):
    with pytest.MonkeyPatch.context() as patched:
        fast = news.parse_caption(text)
        patched.setattr(news, "SKIP_BY_REQUIRED_TEXT", False)
        assert fast == news.parse_caption(text)


PROMO_BITS = st.sampled_from(
    [
        *["구독", "하기", "채널", " 추가", "앱", "다운", "[구독]", "제보", "는", "를 기다립니다"],
        *["카톡", ":", "：", "☎", "기자", "의 다른 기사", "네이버", " 메인에서", "뉴스", "스탠드"],
        *["구글", "에서", "jebo@", "JEBO@", "okjebo", "O\u212aJEBO", "재판매", " 및 ", "DB", "db"],
        *[" 금지", "Google", "GOOGLE", "gOoGlE", " ", "\n", "j", "J", "가"],
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(PROMO_BITS, max_size=10).map("".join)))
def test_promo_halves_equal_the_whole_pattern(text):
    assert news._promo_strong(text) == (news.PROMO_STRONG_RE.search(text) is not None)


def test_promo_shortcut_on_every_news_fixture_line():
    lines = [
        line
        for path in sorted(NEWS_FIXTURES.glob("*.txt"))
        for line in news._split_lines(path.read_text("utf-8"), None)
    ]
    promos = 0
    for line in lines:
        expected = news.PROMO_STRONG_RE.search(line) is not None
        assert news._promo_strong(line) == expected, line
        promos += expected
    assert promos > 3


DROPPED_PARTS = (
    news.ARROW_LINE_RE,
    news.PLACEHOLDER_RE,
    news.LABEL_RE,
    news.META_RE,
    news.PRODUCTION_CREDITS_RE,
)


def _dropped_one_by_one(line: str) -> bool:
    return any(rx.match(line) for rx in DROPPED_PARTS)


def test_dropped_line_pattern_is_its_parts():
    import re

    # the combined pattern carries IGNORECASE per part; no part may have another flag
    assert all(rx.flags & ~(re.IGNORECASE | re.UNICODE) == 0 for rx in DROPPED_PARTS)
    lines = [
        line
        for path in sorted(NEWS_FIXTURES.glob("*.txt"))
        for line in news._split_lines(path.read_text("utf-8"), None)
    ]
    dropped = 0
    for line in lines:
        expected = _dropped_one_by_one(line)
        assert bool(news.DROPPED_LINE_RE.match(line)) == expected, line
        dropped += expected
    assert dropped > 3


DROP_BITS = st.sampled_from(
    [
        *["▶", "☞", "►", "본문", " ", "이미지", "사진", "확대", "IMAGE", "Photo", "img", "[", "]"],
        *["앵커", "기자", "뉴스", "기사", "입력", ":", "2023.09.05", "촬영", "기자:", "VJ", "vj"],
        *["CG", "그래픽", "\u0130", "가", "\n"],
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(DROP_BITS, max_size=8).map("".join)))
def test_dropped_line_pattern_on_line_like_text(text):
    assert bool(news.DROPPED_LINE_RE.match(text)) == _dropped_one_by_one(text)


def test_only_j_and_J_match_j_ignoring_case():
    """The Latin promo half is skipped on a line without "j"/"J" (or "재판매", "뉴스"): every
    alternative needs one, and IGNORECASE matches "j" with no other character."""
    import re

    j = re.compile("j", re.IGNORECASE)
    assert [c for c in map(chr, range(0x110000)) if j.match(c)] == ["J", "j"]


def _classified(line: str, lead_seen: bool, shortcuts: bool):
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(news, "SKIP_BY_REQUIRED_TEXT", shortcuts)
        return news._classify(line, lead_seen)


def test_line_shortcuts_on_every_news_fixture_line():
    lines = [
        line
        for path in sorted(NEWS_FIXTURES.glob("*.txt"))
        for line in news._split_lines(path.read_text("utf-8"), None)
    ]
    assert len(lines) > 100
    kinds = set()
    for line in lines:
        for lead_seen in (False, True):
            fast = _classified(line, lead_seen, True)
            assert fast == _classified(line, lead_seen, False), line
            kinds.add(fast.kind)
    # the fixtures exercise the shortcut patterns, not only plain text
    assert {news.BYLINE, news.LEAD, news.CAPTION, news.COPYRIGHT, news.TEXT} <= kinds


@settings(max_examples=500, deadline=None)
@given(st.lists(CAPTION_BITS, max_size=14).map("".join))
def test_line_shortcuts_on_news_like_text(text):
    line = " ".join(text.split())
    for lead_seen in (False, True):
        assert _classified(line, lead_seen, True) == _classified(line, lead_seen, False)


def test_page_globals_from_the_script_walk_equal_the_xpath():
    """The scripts declaring gnuboard's globals, found by lxml's walk, on every fixture page (both
    element kinds) and on pages with several, empty, long and CDATA scripts."""
    xpath = etree.XPath(gnuboard.GLOBALS_SCRIPTS_XPATH, smart_strings=False)
    long_script = "var x = 1;\n" * 2000 + 'var g5_bo_table = "long";'
    made = [
        "<html><head><script></script><script>var g5_bo_table = 'a';</script>"
        "<script>var g5_bbs_url = '/bbs'; var g4_path = '..';</script></head>"
        "<body><script>/*<![CDATA[*/ var g4_bo_table = 'b'; /*]]>*/</script>"
        f"<script>{long_script}</script><p>g5_bo_table</p></body></html>",
        "<html><body>no scripts</body></html>",
    ]
    bodies = [path.read_bytes() for path in fixture_pages()] + [m.encode() for m in made]
    with_globals = 0
    for body in bodies:
        usual = HtmlResponse("http://127.0.0.1/", body=body).selector.root
        fast = page_selector(HtmlResponse("http://127.0.0.1/", body=body)).root
        for document in (usual, fast):
            assert gnuboard._globals_scripts_text(document) == xpath(document)
        with_globals += bool(xpath(usual))
    assert with_globals > 150


GLOBAL_PATTERNS = (gnuboard.BO_TABLE_VAR_RE, gnuboard.BBS_URL_VAR_RE, gnuboard.G4_PATH_VAR_RE)


def _first_in_whole_text(selector, pattern) -> str | None:
    """The plain reading: the pattern's first match in every declaring script's text, joined."""
    document = selector.root.getroottree().getroot()
    match = pattern.search("\n".join(gnuboard._globals_scripts_text(document)))
    return match.group(1) if match else None


def _fresh(page: bytes):
    gnuboard.forget_page()
    return page_selector(HtmlResponse("http://127.0.0.1/", body=page))


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # the head declares it: the head's is the first in document order
        (
            "<html><head><script>var g5_bo_table = 'head';</script></head><body>"
            "<script>var g5_bo_table = 'body';</script></body></html>",
            "head",
        ),
        # the head declares other globals only: the body's declaration is found
        (
            "<html><head><script>var g5_bbs_url = '/bbs';</script></head><body>"
            "<script>var g5_bo_table = 'body';</script></body></html>",
            "body",
        ),
        # no head at all, or a comment before it: the whole page's scripts
        ("<html><body><script>var g5_bo_table = 'bare';</script></body></html>", "bare"),
        ("<html><!-- x --><head><script>var g5_bo_table = 'h';</script></head></html>", "h"),
        ("<html><head><title>t</title></head><body><p>none</p></body></html>", None),
    ],
)
def test_page_global_from_the_head_first(page, expected):
    selector = _fresh(page.encode())
    assert gnuboard._global_var(selector, gnuboard.BO_TABLE_VAR_RE) == expected
    assert _first_in_whole_text(selector, gnuboard.BO_TABLE_VAR_RE) == expected


def test_page_globals_from_the_head_first_equal_the_whole_pages_on_every_fixture():
    """The head's declaring scripts are the start of the whole page's: the first match there is
    the page's first (every fixture page, every global read this way, both element kinds); and
    a gnuboard4 page is told as by the whole page's scripts."""
    from newsbot.skins.skins import SKINS

    from_head = 0
    for path in fixture_pages():
        body = path.read_bytes()
        for selector in (
            HtmlResponse("http://127.0.0.1/", body=body).selector,
            page_selector(HtmlResponse("http://127.0.0.1/", body=body)),
        ):
            for pattern in GLOBAL_PATTERNS:
                gnuboard.forget_page()
                found = gnuboard._global_var(selector, pattern)
                assert found == _first_in_whole_text(selector, pattern), (path, pattern)
                from_head += gnuboard._last_globals[2] is None  # the rest were not read
            for skin in (skin for skin, _probe in SKINS):
                gnuboard.forget_page()
                plain = skin.title_tag == "g4" or bool(
                    _first_in_whole_text(selector, gnuboard.G4_PATH_VAR_RE)
                )
                assert gnuboard._is_g4(selector, skin) == plain, (path, skin.name)
    gnuboard.forget_page()
    assert from_head > 600  # most pages' board and bbs URL come from the head


def test_a_page_whose_head_declares_gnuboard5_is_not_gnuboard4():
    """Its other scripts are not read for a ``g4_path`` (a leftover of a migrated site)."""
    from newsbot.skins.skins import GENERIC

    page = (
        "<html><head><script>var g5_bbs_url = 'http://x/bbs'; var g5_bo_table = 'free';</script>"
        "</head><body><script>var g4_path = '..'; var g4_bo_table = 'old';</script></body></html>"
    )
    assert not gnuboard._is_g4(_fresh(page.encode()), GENERIC)
    assert gnuboard._last_globals[2] is None
    g4_page = page.replace("g5_bbs_url", "g5_other")  # no gnuboard5 bbs URL in the head
    assert gnuboard._is_g4(_fresh(g4_page.encode()), GENERIC)
    g4_head = (
        "<html><head><script>var g4_path = '..'; var g5_bbs_url = '/bbs';</script></head></html>"
    )
    assert gnuboard._is_g4(_fresh(g4_head.encode()), GENERIC)
    gnuboard.forget_page()


#: Skin fields that hold no selector.
NOT_CSS_FIELDS = {"name", "title_tag", "heading_category_sep", "views_header", "row_notice_class"}


def _skin_queries() -> list[str]:
    from dataclasses import fields

    from newsbot.skins.query import alternatives
    from newsbot.skins.skins import GENERIC, SKINS

    found: set[str] = set()
    for skin in [GENERIC, *(skin for skin, _probe in SKINS)]:
        for each in fields(skin):
            value = getattr(skin, each.name)
            if each.name not in NOT_CSS_FIELDS and isinstance(value, str) and value:
                found.update(alternatives(value))
    found.update(probe for _skin, probe in SKINS)
    return sorted(found)


def test_attribute_steps_answer_as_cssselect():
    """A one-attribute predicate asked on the attribute axis (``query.attribute_steps``) finds
    the same nodes, in the same order, as cssselect's XPath: every skin-table selector, on every
    fixture page, from the root and from the first elements with an id."""
    from parsel.csstranslator import css2xpath

    from newsbot.skins import query

    queries = [q for q in _skin_queries() if "#" not in q]  # id() steps are another rewrite
    assert sum(query.attribute_steps(css2xpath(q)) != css2xpath(q) for q in queries) > 40
    plain = {css: etree.XPath(css2xpath(css), smart_strings=False) for css in queries}
    compared = 0
    for path in fixture_pages():
        root = page_selector(HtmlResponse("http://127.0.0.1/", body=path.read_bytes())).root
        scopes = [root, *etree.XPath("//*[@id]")(root)[:8]]
        for css in queries:
            for scope in scopes:
                assert query.select_nodes(scope, css) == plain[css](scope), (path, css)
                compared += 1
    assert compared > 10_000


def test_inline_text_walk_equals_collapsed_block_text():
    """``inline_text``'s own walk gives ``block_text`` collapsed, on every element of every
    fixture page (both element kinds), with each skip set the readers pass."""
    from newsbot.skins.text import (
        MENU_AND_LABEL_CLASSES,
        MENU_CLASSES,
        TITLE_DECORATION_CLASSES,
        block_text,
        inline_text,
    )

    skips = (MENU_CLASSES, MENU_AND_LABEL_CLASSES, TITLE_DECORATION_CLASSES)
    compared = 0
    for path in fixture_pages():
        body = path.read_bytes()
        usual = HtmlResponse("http://127.0.0.1/", body=body).selector.root
        fast = page_selector(HtmlResponse("http://127.0.0.1/", body=body)).root
        for document in (usual, fast):
            for index, element in enumerate(document.iter(etree.Element)):
                skip = skips[index % len(skips)]
                expected = " ".join(block_text(element, skip).split())
                assert inline_text(element, skip) == expected, (path, element.tag)
                compared += 1
    assert compared > 50_000


# -- URLs: the plain-URL shortcut of parse_board_url and resolve_href (urls.PLAIN_URL_RE) -----

URL_PARTS = st.sampled_from(
    [
        *"/?&=#%+;:@.-_~!$'()*,[] \t\nAZaz09가",
        *["http://", "https://", "HTTP://", "ftp://", "//", "bbs/", "board.php", "bo_table="],
        *["wr_id=", "page=", "&amp;", "127.0.0.1", ":8000", "Example.COM", "/g5/", "../"],
        *["board/", "free", "123", "?", "&&", "=="],
    ]
)
URLS = st.one_of(
    st.lists(URL_PARTS, max_size=14).map("".join),
    st.builds(
        lambda scheme, host, path, query: f"{scheme}{host}{path}{query}",
        st.sampled_from(["http://", "https://", "HTTP://", "http:/"]),
        st.sampled_from(["example.com", "Ex.com:8080", "h:", "a.b:99999", "", "[::1]"]),
        st.sampled_from(["", "/", "/bbs/board.php", "/g5/bbs/board.php", "/free", "/free/12"]),
        st.lists(URL_PARTS, max_size=8).map("".join),
    ),
    # mostly within the shortcut's characters, so that most examples take it
    st.builds(
        lambda scheme, host, rest: f"{scheme}{host}{rest}",
        st.sampled_from(["http://", "https://"]),
        st.sampled_from(["example.com", "Ex.com:8080", "h:", "a.b:99999", "x.y"]),
        st.text(alphabet="/?&=.-_~!$'()*,:@azAZ09%+#", max_size=40),
    ),
)


def _without_shortcut(call):
    import re as re_module

    from newsbot import urls

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(urls, "PLAIN_URL_RE", re_module.compile(r"(?!)"))
        return call()


def _outcome(call):
    try:
        return ("ok", call())
    except ValueError as error:
        return ("ValueError", str(error))


@settings(max_examples=500, deadline=None)
@given(URLS, st.sampled_from([None, "", "/g5", "/board"]))
def test_parse_board_url_shortcut_equals_urllib(url, known_base):
    from newsbot.urls import parse_board_url

    fast = _outcome(lambda: parse_board_url(url, known_base=known_base))
    slow = _without_shortcut(lambda: _outcome(lambda: parse_board_url(url, known_base=known_base)))
    assert fast == slow


@settings(max_examples=500, deadline=None)
@given(URLS, st.sampled_from(["http://example.com/bbs/board.php?bo_table=a", "https://x/", ""]))
def test_resolve_href_shortcut_equals_urljoin(href, page_url):
    from newsbot.urls import resolve_href

    fast = _outcome(lambda: resolve_href(href, page_url))
    slow = _without_shortcut(lambda: _outcome(lambda: resolve_href(href, page_url)))
    assert fast == slow


# -- dedupe: content_hash drops whitespace by str.split before the non-word regex -------------


def content_hash_by_regex(title, body_text):
    import hashlib
    import unicodedata

    from newsbot.pipelines.dedupe import NON_WORD_RE

    text = unicodedata.normalize("NFKC", f"{title or ''}\n{body_text or ''}").casefold()
    words = NON_WORD_RE.sub("", text)
    return hashlib.sha1(words.encode("utf-8")).hexdigest() if words else None


def test_no_whitespace_character_is_a_word_character():
    from newsbot.pipelines.dedupe import NON_WORD_RE

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert spaces and all(NON_WORD_RE.fullmatch(c) for c in spaces)


#: Characters that NFKC changes, or that compose with their neighbours, beside line feeds:
#: compatibility jamo (ㅎ becomes a leading jamo that composes with a following vowel),
#: conjoining jamo, combining marks in and out of canonical order, compatibility forms.
NFKC_PIECES = [
    *"\n\n\r a e A 가ㅎㅏㄱ학\u0301\u0323\u0308\u0327\u093c\u0915\u1100\u1161\u11a8",
    *"ⓒ…ﬁ①Ⅻ㈜㎏ｱ\uff21\u2126\u212b\u1e9b\u00c5\u0041\u030a\u0387\u037e\ufb2c\u2024\u00a0",
]

HASH_TEXTS = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [
                *" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u3000\ufeff_.,",
                *["가", "나다", "a", "B", "1", "①", "Ⅻ", "ﬁ", "Straße", "—", "…", "“", "”", "·"],
            ]
        ),
        max_size=40,
    ).map("".join),
    st.lists(st.sampled_from(NFKC_PIECES), max_size=40).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(NFKC_PIECES), max_size=40).map("".join)))
def test_nfkc_by_lines_equals_nfkc(text):
    import unicodedata

    from newsbot.pipelines.dedupe import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.none(), HASH_TEXTS), st.one_of(st.none(), HASH_TEXTS))
def test_content_hash_equals_the_regex_alone(title, body_text):
    from newsbot.pipelines.dedupe import content_hash

    assert content_hash(title, body_text) == content_hash_by_regex(title, body_text)


# -- hrefs: only a complete reference (ended by ``;``) is decoded; a query field never is ------

#: Pieces of hrefs: query fields, named references with and without ``;`` (real entity names
#: in either case, and near misses), numeric ones, and ordinary characters.
HREF_PIECES = st.sampled_from(
    [
        *"&;#xX=?/._ a1Z가",
        *["&amp", "&AMP", "&amp;", "&copy", "&Copy", "&COPY=", "&copy;", "&not", "&notin"],
        *["&page=2", "&wr_id=3", "&bo_table=x", "&sca=", "&lt", "&gt;", "&nbsp", "&reg"],
        *["&#38;", "&#x26;", "&#", "&#x", "&#0;", "&#128;", "&#xD800;", "&zzz;", "&a1b2"],
        *["&sub=2", "&image=3", "&part=1", "&not=4"],
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(), st.lists(HREF_PIECES, max_size=12).map("".join)))
def test_unescape_href_decodes_only_complete_references(href):
    import html
    import re

    from newsbot.urls import unescape_href

    found = unescape_href(href)
    if ";" not in href:
        assert found is href  # a bare ``&name`` is a query field: nothing to decode
    # what is left between the references is untouched, each reference decoded as HTML does
    pieces = re.split(r"(&(?:[a-z][a-z0-9]*|#[0-9]+|#x[0-9a-f]+);)", href, flags=re.I)
    assert found == "".join(html.unescape(p) if i % 2 else p for i, p in enumerate(pieces))


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("http://ex.com/bbs/board.php?bo_table=free&wr_id=12&page=3", None),
        ("board.php?a=1&copy=2&sub=3&image=4&not=5&part=6", None),  # HTML5 leaves them too
        ("board.php?a=1&amp;wr_id=2", "board.php?a=1&wr_id=2"),  # escaped twice
        ("board.php?a=1&amp;amp;b=2", "board.php?a=1&amp;b=2"),  # one level, as before
        ("board.php?a=1&#38;b=2&#x26;c=3", "board.php?a=1&b=2&c=3"),
        ("board.php?a=1&zzz;b", None),  # no such entity: kept, not dropped
    ],
)
def test_unescape_href_cases(href, expected):
    from newsbot.urls import unescape_href

    assert unescape_href(href) == (href if expected is None else expected)


# -- counts: a plain ASCII number is read without the cleaning and label steps ---------------


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789,", max_size=12),
        st.lists(
            st.sampled_from([*"0123456789,. +-[]()", "１", "٣", "조회", "회", "k", "만", "\n"]),
            max_size=10,
        ).map("".join),
        st.integers(min_value=0, max_value=10**600).map(str),
    )
)
def test_plain_count_shortcut_equals_the_full_reading(text):
    from newsbot.normalize import _parse_count_text, parse_count

    assert parse_count(text) == _parse_count_text(text)


# -- dates: a reading kept per text and crawl time -------------------------------------------

_DATE_NOWS = [
    datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=9))),
    datetime(2026, 3, 10, 0, 0, tzinfo=UTC),  # the same instant, another zone
    datetime(2026, 3, 10, 9, 0),  # naive: taken as KST
    datetime(2024, 1, 1, 0, 1, tzinfo=UTC),
]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.sampled_from(
            [
                *["26-03-10 08:30", "03-10", "03-10 23:59", "02-29", "08:30", "어제 10:00"],
                *["3분 전", "방금", "2023-09-05T05:10:00Z", "작성일 : 23-09-05 14:10", "-", ""],
            ]
        ),
        st.text(alphabet="0123456789-.: 년월일시분전오후", max_size=16),
    ),
    st.sampled_from(_DATE_NOWS),
)
def test_kept_date_reading_equals_a_fresh_one(text, now):
    from newsbot.normalize import _parse_board_datetime, parse_board_datetime

    fresh = _parse_board_datetime(text, now)
    for other in _DATE_NOWS:  # the last reading under each crawl time, then this one's
        parse_board_datetime(text, other)
        assert parse_board_datetime(text, now) == fresh
        assert parse_board_datetime(text, now) == fresh


# -- <title>: lxml's walk of the title elements -----------------------------------------------

_TITLE_PAGES = [
    "<html><head><title>제목 &gt; 게시판 | 사이트</title></head><body></body></html>",
    "<html><head><title></title></head><body><svg><title>아이콘</title></svg></body></html>",
    "<html><head></head><body><p>x</p><title>본문 속 제목</title></body></html>",
    "<html><body><p>no title</p></body></html>",
    "<html><head><title>a</title><title>b</title></head></html>",
    "<html><head><title><!-- c -->after a comment</title></head></html>",
]


def test_title_text_equals_the_title_query():
    from parsel import Selector

    pages = [path.read_bytes() for path in fixture_pages()]
    pages += [page.encode() for page in _TITLE_PAGES]
    for body in pages:
        sel = page_selector(
            HtmlResponse("http://ex.com/bbs/board.php?bo_table=a", body=body, encoding="utf-8")
        )
        expected = sel.css("title::text").get("")
        assert gnuboard._title_text(sel) == expected
        for node in sel.css("head, body"):  # an element below the root, too
            assert gnuboard._title_text(node) == node.css("title::text").get("")
    # a selector of a string (no element to walk) goes the query's way
    text = Selector(text="<html><head><title>t</title></head></html>").css("title::text")[0]
    assert gnuboard._title_text(text) == text.css("title::text").get("")


# -- probes: matches() answers as the CSS query, on a page's root and below it -----------------


def test_page_probes_answer_as_the_css_query():
    from newsbot.skins.query import matches
    from newsbot.skins.skins import SKINS

    queries = [probe for _skin, probe in SKINS]
    queries += ["a[href*='board.php?bo_table=']", "#pw_confirm", "img", ".sv_member, title::text"]
    for path in fixture_pages():
        sel = page_selector(HtmlResponse(gnuboard_url(path), body=path.read_bytes()))
        for query in queries:
            assert matches(sel, query) == bool(sel.css(query)), (path, query)
            for node in sel.css("body, #bo_v, #bo_list")[:3]:  # below the root, too
                assert matches(node, query) == bool(node.css(query)), (path, query)


def gnuboard_url(path: Path) -> str:
    from tests.extraction_snapshot import page_url

    return page_url(path)


# -- SQLite store: list fields by one JSON encoder made once ------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text()),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.none(), st.lists(JSON_VALUES, max_size=5), st.tuples(st.text(), st.text())))
def test_store_list_cells_equal_json_dumps(value):
    import json

    from newsbot.storage.sqlite import _to_row

    row = _to_row({"image_urls": value, "attachments": value, "is_notice": None})
    plain = json.dumps(list(value or []), ensure_ascii=False)
    assert row["image_urls"] == row["attachments"] == plain


# -- dates: gnuboard5's plain dates read without the general pattern --------------------------

_PLAIN_DATE_PIECES = st.sampled_from(
    [*"0123456789", "-", "-", ":", ":", " ", "T", "t", "+09:00", "+10:00", "Z", ".", "２"]
)
_PLAIN_DATES = st.builds(
    "{}-{:02d}-{:02d}{}".format,
    st.sampled_from(["26", "99", "00", "69", "1969", "1970", "1987", "1988", "2026", "2100"]),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(
        [
            "",
            " 00:00",
            " 08:45",
            " 23:59",
            " 24:00",
            " 12:60",
            "T10:03:00+09:00",
            "T02:30:00",
            " 02:30",
            "T23:59:59+09:00",
            " 10:03:60",
            "T10:03+09:00",
            " 10:03 ",
            "  10:03",
            " 1:03",
            " 10:03:00.5",
            "T10:03:00Z",
        ]
    ),
)


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        _PLAIN_DATES,
        st.lists(_PLAIN_DATE_PIECES, max_size=26).map("".join),
        st.sampled_from(["26-03-10 08:45", "2026-03-10T10:03:00+09:00", "1987-05-10 02:30"]),
        st.builds("{:02d}-{:02d}".format, st.integers(0, 13), st.integers(0, 32)),
        st.builds("{:02d}:{:02d}".format, st.integers(0, 25), st.integers(0, 61)),
        st.sampled_from(["02-29", "03-15", "03-16", "12-31", "10:04", "10:06", "23:59", "1-5"]),
    ),
    st.sampled_from(
        [
            *_DATE_NOWS,
            datetime(2026, 3, 15, 10, 0, tzinfo=KST),
            datetime(2028, 3, 1, 0, 2, tzinfo=KST),
            datetime(2026, 1, 1, 0, 3, tzinfo=KST),
        ]
    ),
)
def test_plain_date_shortcut_equals_the_full_reading(text, now):
    import newsbot.normalize as normalize

    normalize._last_date_reading = None  # read, not kept
    found = normalize.parse_board_datetime(text, now)
    fresh = normalize._parse_board_datetime(text, now)
    assert found == fresh
    if found is not None:
        assert (found.isoformat(), found.precision, found.value.tzinfo) == (
            fresh.isoformat(),
            fresh.precision,
            fresh.value.tzinfo,
        )


def test_plain_date_shortcut_is_taken_and_reads_summer_time():
    """The shortcut is what reads gnuboard5's dates (a KST crawl time), and Seoul's +10:00 of
    1987–88 comes out as the full reading gives it."""
    import newsbot.normalize as normalize

    now = datetime(2026, 3, 15, 10, 0, tzinfo=KST)
    for text in ["26-03-10 08:45", "2026-03-10T10:03:00+09:00", "1987-06-01T12:00:00+09:00"]:
        assert normalize.PLAIN_DATE_RE.fullmatch(text)
        assert normalize._plain_date(normalize.PLAIN_DATE_RE.fullmatch(text)) == (
            normalize._parse_board_datetime(text, now)
        )
    for text in ["03-10", "10:04", "26-03-10 08:45"]:  # list dates too
        assert normalize._plain_reading(text, now) is not normalize._NOT_PLAIN
    assert normalize._plain_reading("26-03-10 08:45", now.astimezone(UTC)) is normalize._NOT_PLAIN
    summer = normalize._plain_date(normalize.PLAIN_DATE_RE.fullmatch("1987-06-01T12:00:00+09:00"))
    assert summer is not None and summer.isoformat() == "1987-06-01T13:00:00+10:00"


def test_every_invisible_character_is_unprintable():
    """clean_multiline_text returns printable text (line feeds aside) without INVISIBLE_RE's
    scan: that needs every character the pattern drops to be outside ``str.isprintable()``."""
    from newsbot.normalize import INVISIBLE_RE

    dropped = [chr(c) for c in range(0x110000) if INVISIBLE_RE.fullmatch(chr(c))]
    assert len(dropped) > 60
    assert not any(c.isprintable() for c in dropped)


def _outlet_by_every_domain(host: str) -> str | None:
    """``news.outlet_for_host`` as it was: every domain tried against the host, the longest
    match kept."""
    host = host.lower().strip(".")
    best: tuple[int, str] | None = None
    for outlet, domains in news.OUTLET_DOMAINS.items():
        for domain in domains:
            if (host == domain or host.endswith("." + domain)) and (
                best is None or len(domain) > best[0]
            ):
                best = (len(domain), outlet)
    return best[1] if best else None


HOST_BITS = st.sampled_from(
    [
        *(domain for domains in news.OUTLET_DOMAINS.values() for domain in domains),
        *["news", "biz", "www", ".", "..", "co", "kr", "com", "joins", "M", "T", "x-", "가"],
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(), st.lists(HOST_BITS, max_size=6).map("".join)))
def test_outlet_by_host_suffix_equals_every_domain_tried(host):
    assert news.outlet_for_host(host) == _outlet_by_every_domain(host)


def test_outlet_by_host_suffix_on_every_domain():
    domains = [d for ds in news.OUTLET_DOMAINS.values() for d in ds]
    for domain in domains:
        for host in (domain, f"news.{domain}", f".{domain}.", domain.upper(), f"x{domain}"):
            assert news.outlet_for_host(host) == _outlet_by_every_domain(host), host
    assert news.outlet_for_host("biz.chosun.com") == "조선비즈"


@settings(max_examples=500, deadline=None)
@given(MULTILINE_TEXTS)
def test_remembered_collapsed_text_is_collapsed(text):
    """``is_collapsed_lines`` answers True at once for the last text ``clean_multiline_text``
    remembered: that text passes the full check."""
    from newsbot import normalize

    cleaned = clean_multiline_text(text)
    remembered = normalize._last_collapsed
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(normalize, "_last_collapsed", None)
        if remembered is not None:
            assert normalize.is_collapsed_lines(remembered)
        full = normalize.is_collapsed_lines(cleaned)
    assert normalize.is_collapsed_lines(cleaned) == full


def _remembered_passes_the_full_check(body: str) -> bool:
    """extract_article of ``body``: whether it remembered its article text as collapsed lines;
    asserts that the text then passes the full check."""
    from newsbot import normalize

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(normalize, "_last_collapsed", None)
        article = news.extract_article(body)
        remembered = normalize._last_collapsed
        patched.setattr(normalize, "_last_collapsed", None)
        if remembered is None:
            return False
        assert article is not None and remembered is article.article_text
        assert normalize.is_collapsed_lines(remembered)
        return True


def test_article_text_remembered_as_collapsed_on_every_news_fixture():
    bodies = [clean_multiline_text(path.read_text("utf-8")) for path in NEWS_FIXTURES.glob("*.txt")]
    assert sum(_remembered_passes_the_full_check(body) for body in bodies) > 5


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(CAPTION_BITS, max_size=8).map("".join), max_size=8).map("\n".join))
def test_article_text_remembered_as_collapsed_on_news_like_text(text):
    _remembered_passes_the_full_check(text)
    _remembered_passes_the_full_check(clean_multiline_text(text))
