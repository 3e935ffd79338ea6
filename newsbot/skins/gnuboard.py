"""Extraction for gnuboard list and view pages: probe the skin, read its selectors, fall back.

Every function here takes a ``parsel.Selector`` (and the page URL, to resolve hrefs) and returns
raw strings in the dataclasses of :mod:`newsbot.skins.base`. Nothing here imports Scrapy, so tests
and benchmarks can run it on a saved page.

Order of trust: the detected skin's selectors first, then cues every gnuboard skin shares — the
``작성자``/``조회``/``작성일``/``댓글`` labels, ``wr_id`` hrefs, ``c_<id>`` comment anchors,
``download.php``/``link.php`` links and the ``<title>`` pattern ``{subject} > {board} | {site}``.

Skins differ in a few named ways, each read from the skin's table: the ``<title>`` layout
(``title_tag``), a category printed inside the heading (``heading_category_sep``, or a ``[분류]``
prefix found against ``<title>``), the views column found by its header (``list_headers``), an IP
shown only as an icon's title (``view_ip``). No function here raises on broken markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from lxml import etree
from parsel import Selector, SelectorList

from newsbot.skins import generic
from newsbot.skins.base import Attachment, ListPage, ListRow, RawPost, Skin
from newsbot.skins.query import (
    alternatives,
    compile_xpath,
    first_class_node,
    first_node,
    forget_class_blob,
    group_of_classes_xpath,
    has_class,
    matches,
    scoped_query,
)
from newsbot.skins.query import css as fast_css
from newsbot.skins.query import xpath as fast_xpath
from newsbot.skins.skins import GENERIC, PROBE_BY_NAME, SKIN_BY_NAME, SKINS
from newsbot.skins.text import (
    MENU_AND_LABEL_CLASSES,
    MENU_CLASSES,
    TITLE_DECORATION_CLASSES,
    attr,
    block_text,
    inline_text,
)
from newsbot.urls import BoardRef, parse_board_url, parse_wr_id, resolve_href, strip_list_state

BO_TABLE_VAR_RE = re.compile(r"""var\s+g[45]_bo_table\s*=\s*["']([A-Za-z0-9_]*)["']""")
BBS_URL_VAR_RE = re.compile(r"""(?:var|const|let)\s+g[56]_bbs_url\s*=\s*["']([^"']+)["']""")
#: gnuboard6 declares its globals as ``const g6_url = "…"`` (and no bo_table).
G6_VAR_RE = re.compile(r"""(?:var|const|let)\s+g6_url\s*=""")
G4_PATH_VAR_RE = re.compile(r"""var\s+g4_path\s*=\s*["']([^"']*)["']""")
#: ``{board} 3 페이지`` (g5/Eyoom/g4 list titles; the number is empty when the URL has no page).
PAGE_SUFFIX_RE = re.compile(r"\s*\d*\s*페이지$")
#: Labels printed (often as screen-reader-only text) before each header value.
LABEL_VALUE_RES = {
    "author": re.compile(r"(?:작성자|글쓴\s*이)\s*:?\s*(\S+)"),
    "views": re.compile(r"(?:조회수?|Hits?)\s*:?\s*([\d,.]+\s*(?:만|천|[kK])?)"),
    "comments": re.compile(r"(?:댓글|코멘트)\s*:?\s*([\d,]+)"),
    "date": re.compile(
        r"(?:작성일|등록일|날짜|작성)\s*:?\s*"
        r"(\d{2,4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    ),
    "likes": re.compile(r"(?<!비)추천\s*:?\s*([\d,]+)"),
    "dislikes": re.compile(r"비추천\s*:?\s*([\d,]+)"),
}
SHORT_DATE_RE = re.compile(r"\d{2,4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?")
#: A ``<time datetime>`` that carries real seconds (core g5 rebuilds it from ``yy-mm-dd H:i``).
DATETIME_SECONDS_RE = re.compile(r"\d{1,2}:\d{2}:(\d{2})")
GUEST_IP_RE = re.compile(r"\(\s*(\d{1,3}\.[♡*\d]{1,3}\.[♡*\d]{1,3}\.\d{1,3})\s*\)")
#: gnuboard's masked IP printed bare (no parentheses): the ``♡`` makes it one for certain.
BARE_MASKED_IP_RE = re.compile(r"(?<![\d.])(\d{1,3}\.♡\.[♡\d]{1,3}\.\d{1,3})(?![\d.])")
MB_ID_RE = re.compile(r"[?&]mb_id=([A-Za-z0-9_]+)")
#: g4 sideview: ``showSideView(this, 'ID', 'Nick', …)`` / ``title="[ID]Nick"`` (guests ``''`` /
#: ``[비회원]``).
SIDEVIEW_ID_RE = re.compile(r"""showSideView\(\s*this\s*,\s*['"]([A-Za-z0-9_]+)['"]""")
TITLE_ID_RE = re.compile(r"^\[([A-Za-z0-9_]+)\]")
PAGE_PARAM_RE = re.compile(r"[?&]page=(\d+)")
FILE_NAME_JS_RE = re.compile(r"file_download\([^,]+,\s*['\"]([^'\"]+)['\"]")
#: What follows a file name in a download link: ``(1.2M)``, ``(22.5K)``, ``(48 bytes)``.
FILE_SIZE_TAIL_RE = re.compile(r"\s*\(\s*[\d.,]+\s*(?:[KMGT]i?B?|bytes?|B)?\s*\).*$", re.I | re.S)
URL_TEXT_RE = re.compile(r"https?://\S+")
#: A category around or before a subject: ``[후기]`` (g4, Eyoom), ``공고 |`` (g5 5.0-5.2).
CATEGORY_PREFIX_RE = re.compile(r"^\[\s*([^\]]{1,40}?)\s*\]$|^(.{1,40}?)\s*\|$")
THUMB_NAME_RE = re.compile(r"/thumb-([^/]+?)_\d+x\d+(\.[A-Za-z0-9]+)$")
COMMENT_ID_RE = re.compile(r"^c_(\d+)$")
#: An ellipsis the list or heading put where it cut the subject.
CUT_MARKS = ("…", "...", "..")
#: gnuboard cuts the view heading at this many characters (list rows at bo_subject_len, 60).
HEADING_CUT_LEN = 70


# -- selectors -----------------------------------------------------------------------------------


def select_first(scope: Selector | SelectorList, css: str) -> SelectorList:
    """The matches of the first alternative of ``css`` that matches anything (a priority list)."""
    if not css:
        return SelectorList([])
    for alternative in alternatives(css):
        found = fast_css(scope, alternative)
        if found:
            return found
    return SelectorList([])


def _first_node(
    scope: Selector | SelectorList,
    css: str,
    find: Callable[[etree._Element, str], Any] = first_node,
) -> Selector | None:
    """``select_first(scope, css)[0]``; on one lxml element by ``find`` (a :mod:`query` reader),
    without wrapping the results it does not return (most of a view page's ≈ 25 skin-table
    reads go through here)."""
    root = scope.root if isinstance(scope, Selector) else None
    if not css or not isinstance(root, etree._Element):
        found = select_first(scope, css)
        return found[0] if found else None
    node = find(root, css)
    return Selector(root=node, type="html") if node is not None else None


def _first_text(scope: Selector | SelectorList, css: str, skip=MENU_AND_LABEL_CLASSES) -> str:
    node = _first_node(scope, css)
    return inline_text(node, skip) if node is not None else ""


def _first_class_node(scope: Selector | SelectorList, css: str) -> Selector | None:
    """:func:`_first_node` by :func:`query.first_class_node` (the view's category: near the
    start of the post and of its heading)."""
    return _first_node(scope, css, first_class_node)


def _name_text(node: Selector | etree._Element) -> str:
    """A name as displayed; an icon-only name (``cf_use_member_icon=1``) is in ``title``."""
    return inline_text(node, MENU_AND_LABEL_CLASSES) or attr(node, "title")


def _unbracket(text: str) -> str:
    """``[잡담]`` -> ``잡담`` (Eyoom and g4 print categories in brackets)."""
    match = re.fullmatch(r"\[\s*(.*?)\s*\]", text)
    return match.group(1) if match else text


# -- URLs (urllib raises ValueError on hrefs such as ``http://[x``; extraction never raises) ----


def _resolve(href: str | None, page_url: str) -> str:
    try:
        return resolve_href(href or "", page_url)
    except ValueError:
        return ""


@lru_cache(maxsize=256)
def _board_url(url: str, known_base: str | None = None) -> BoardRef | None:
    # The page's own URL is parsed 4-6 times while one page is read (its board, the install
    # base, the site root); a BoardRef is frozen, so one parse can serve them all.
    try:
        return parse_board_url(url, known_base=known_base)
    except ValueError:
        return None


def _strip_state(url: str) -> str:
    try:
        return strip_list_state(url)
    except ValueError:
        return url


def _split(url: str):
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


# -- page-level probes ---------------------------------------------------------------------------


#: Only the scripts that declare gnuboard's globals: a regex over them is cheap, while
#: ``Selector.re`` on the whole page serialises the entire document first.
GLOBALS_SCRIPTS_XPATH = (
    "//script[contains(., '_bo_table') or contains(., '_bbs_url') or contains(., 'g4_path')]/text()"
)
#: What :data:`GLOBALS_SCRIPTS_XPATH`'s ``contains()`` tests look for.
GLOBALS_MARKERS = ("_bo_table", "_bbs_url", "g4_path")
_STRING_VALUE = compile_xpath("string()")
_TEXT_NODES = compile_xpath("text()")


#: The last page's globals, ``(root, the head's declaring scripts' text or None, the rest of
#: the page's or None)``, each part read when first asked: one page is asked several times.
#: Without a head first in ``<html>`` the head's part is None and the rest is the whole page's.
_last_globals: tuple[object, str | None, str | None] | None = None


def _page_globals(sel: Selector) -> tuple[object, str | None, str | None]:
    global _last_globals
    if _last_globals is None or _last_globals[0] is not sel.root:
        head = _head_of(sel.root) if isinstance(sel.root, etree._Element) else None
        head_text = "\n".join(_globals_scripts_text(head)) if head is not None else None
        _last_globals = (sel.root, head_text, None)
    return _last_globals


def _rest_globals_text(sel: Selector) -> str:
    """The declaring scripts' text after the head's (the whole page's when it has no head)."""
    global _last_globals
    root, head_text, rest = _page_globals(sel)
    if rest is None:
        if not isinstance(sel.root, etree._Element):
            rest = "\n".join(fast_xpath(sel, GLOBALS_SCRIPTS_XPATH).getall())
        else:
            document = sel.root.getroottree().getroot()
            after_head = document[1:] if head_text is not None else [document]
            rest = "\n".join(text for scope in after_head for text in _globals_scripts_text(scope))
        _last_globals = (root, head_text, rest)
    return rest


def _globals_text(sel: Selector) -> str:
    """The text of every script on the page that declares gnuboard's globals, joined."""
    head_text = _page_globals(sel)[1]
    rest = _rest_globals_text(sel)
    return "\n".join(part for part in (head_text, rest) if part)


def _head_of(element: etree._Element) -> etree._Element | None:
    """The page's ``<head>`` when it is the first node of its ``<html>`` (libxml2 puts it there
    whenever the page has anything for a head): its scripts are then the page's first."""
    document = element.getroottree().getroot()
    if document.tag != "html" or not len(document):
        return None
    head = document[0]
    return head if head.tag == "head" else None


def _global_var(sel: Selector, pattern: re.Pattern[str]) -> str | None:
    """The first declaration ``pattern`` finds in :func:`_globals_text`, looked for in the
    head's declaring scripts first: gnuboard declares its globals there (``head.sub.php``), and
    they are the start of that text, so a match there is its first (no declaration runs from one
    script into the next). The other scripts (≈ 20 µs a bench page: the text of each) are read,
    and searched, only when the head has none."""
    head_text = _page_globals(sel)[1]
    match = pattern.search(head_text) if head_text else None
    if match is None:
        match = pattern.search(_rest_globals_text(sel))
    return match.group(1) if match else None


def forget_page() -> None:
    """The page being read is done with: let go of what is remembered of it (its globals here,
    its class blob in :mod:`newsbot.skins.query`), which holds its tree. Otherwise the tree is
    freed when the next page is read, after that page's parse has pushed it out of the
    processor's caches: ≈ 30 µs more a bench view page, ≈ 75 µs a list page (freeing walks
    every node). Only a cost: a page read again after this is read from scratch."""
    global _last_globals
    _last_globals = None
    forget_class_blob()


def _globals_scripts_text(scope: etree._Element) -> list[str]:
    """:data:`GLOBALS_SCRIPTS_XPATH`'s answer within ``scope`` (the page's root element, or its
    head), from lxml's walk of the scripts there: the XPath
    took each script's string value three times over (≈ 40 µs of a view page's 60 µs here).
    A script's string value is its ``.text`` when it has no children (always, in HTML); the
    matching scripts' text nodes come from XPath, as before (lxml joins adjacent ones)."""
    texts: list[str] = []
    # the markers tested one by one in the loop: ``any()`` over a generator cost more than the
    # tests (≈ 100 scripts a page)
    bo_table, bbs_url, g4_path = GLOBALS_MARKERS
    for script in scope.iter("script"):
        value = (script.text or "") if not len(script) else _STRING_VALUE(script)
        if bo_table in value or bbs_url in value or g4_path in value:
            texts.extend(_TEXT_NODES(script))
    return texts


def page_bo_table(sel: Selector) -> str | None:
    """The board id gnuboard prints in every page head, alert pages included."""
    found = _global_var(sel, BO_TABLE_VAR_RE)
    if found:
        return found
    return fast_css(sel, 'input[name="bo_table"]::attr(value)').get()


def page_base(sel: Selector, page_url: str) -> str | None:
    """The install's base path ('' for root), from ``g5_bbs_url`` or the page URL."""
    bbs = _global_var(sel, BBS_URL_VAR_RE)
    ref = _board_url(f"{bbs}/board.php?bo_table=x") if bbs else None
    if ref is None:
        ref = _board_url(page_url)
    return ref.base if ref else None


def _site_root(sel: Selector, page_url: str) -> str:
    """``G5_URL``: origin plus install path, taken from the page URL's origin."""
    ref = _board_url(page_url)
    base = page_base(sel, page_url)
    if ref is None:
        parts = _split(page_url)
        return f"{parts.scheme}://{parts.netloc}{base or ''}"
    return f"{ref.origin}{base if base is not None else ref.base}"


def detect_skin(sel: Selector, board_skin: Skin | None = None) -> Skin:
    """Pick the skin whose fingerprint the page carries; GENERIC (labels only) when none does.

    ``board_skin`` is the table the same board's pages of this kind were read with so far: when
    its own probe matches, it is the answer, without the probes :data:`SKINS` puts before it
    (on a gnuboard5 basic page, six other tables' probes, two of them walks of the whole page
    for Nariya's files: ≈ 85 µs of a bench view page's ≈ 1.4 ms). A board keeps its skin from
    page to page, and a post that carries another table's markup in its body (a pasted Eyoom
    article) is read with its board's table rather than the pasted one's. When the probe does
    not match (the board changed its skin, an error page), the page is detected as usual."""
    probe = PROBE_BY_NAME.get(board_skin.name) if board_skin is not None else None
    if board_skin is not None and probe is not None and matches(sel, probe):
        return board_skin
    for skin, probe in SKINS:
        if matches(sel, probe):
            return skin
    return GENERIC


def _is_g4(sel: Selector, skin: Skin) -> bool:
    """A gnuboard4 page: its skin table says so, or the page declares ``g4_path``. A page whose
    head declares gnuboard5's or 6's bbs URL and no ``g4_path`` is not one: the rest of its
    scripts are not read for a ``g4_path``."""
    if skin.title_tag == "g4":
        return True
    head_text = _page_globals(sel)[1]
    if head_text and BBS_URL_VAR_RE.search(head_text) and not G4_PATH_VAR_RE.search(head_text):
        return False
    return bool(_global_var(sel, G4_PATH_VAR_RE))


def _title_text(sel: Selector) -> str:
    """``sel.css("title::text").get("")``: the first text node of a ``<title>``, by lxml's walk
    of the ``title`` elements, which stops at the head's (the XPath walked the whole page)."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return fast_css(sel, "title::text").get("")
    for title in root.iter("title"):
        texts = _TEXT_NODES(title)
        if texts:
            return texts[0]
    return ""


def _title_tag_parts(sel: Selector, skin: Skin) -> tuple[str | None, str | None]:
    """``(subject, board)`` read off ``<title>``; either is None when the title lacks it.

    g5 (and themes): ``{subject} > {board} | {site}`` on views, ``{board} {page} 페이지 | {site}``
    on lists, split from the right (Eyoom separates the site with `` - ``). g4: ``{group} >
    {board} > {subject}`` / ``{group} > {board} {page} 페이지``, split from the left.
    """
    title = " ".join(_title_text(sel).split())
    if not title:
        return None, None
    if _is_g4(sel, skin):
        parts = title.split(" > ", 2)
        if len(parts) == 3:
            return parts[2].strip() or None, parts[1].strip() or None
        board = PAGE_SUFFIX_RE.sub("", parts[-1]).strip()
        return None, board or None
    head = title
    for separator in (" | ", " - "):
        left, found, site = head.rpartition(separator)
        if found and left and " > " not in site:
            head = left
            break
    if " > " in head:
        subject, _, board = head.rpartition(" > ")
        return subject.strip() or None, board.strip() or None
    if PAGE_SUFFIX_RE.search(head):
        return None, PAGE_SUFFIX_RE.sub("", head).strip() or None
    return None, None


def extract_board_title(sel: Selector, skin: Skin) -> str | None:
    text = _first_text(sel, skin.board_title)
    if text:
        return text
    return _title_tag_parts(sel, skin)[1]


# -- list pages ----------------------------------------------------------------------------------


def _post_ref(href: str | None, page_url: str, bo_table: str | None, base: str | None):
    if not href or href.startswith(("javascript:", "#")):
        return None
    ref = _board_url(_resolve(href, page_url), known_base=base)
    if ref is None or (ref.wr_id is None and ref.slug is None):
        return None
    if bo_table and ref.bo_table != bo_table:
        return None
    return ref


def extract_list_page(sel: Selector, page_url: str, board_skin: Skin | None = None) -> ListPage:
    """The rows, board title and pager of a list page; ``board_skin``: the table the board's
    list pages were read with so far (see :func:`detect_skin`)."""
    skin = detect_skin(sel, board_skin)
    here = _board_url(page_url)
    bo_table = page_bo_table(sel) or (here.bo_table if here else None)
    base = page_base(sel, page_url)
    page = ListPage(
        skin=skin.name,
        bo_table=bo_table,
        board_title=extract_board_title(sel, skin),
        current_page=(here.page if here and here.page else 1),
    )
    container = _first_node(sel, skin.list_container)
    scope = container if container is not None else sel  # a Selector's truth serialises it
    rows = select_first(scope, skin.list_rows)
    views_column = _column_index(scope, skin.list_headers, skin.views_header)
    # One post may be listed twice on a page (g4 repeats notices among the normal rows): keep
    # both, since they are different rows; only the same row printed twice is dropped.
    seen_on_page: set[tuple[int | str, bool]] = set()
    row_nodes: list[Selector] = []
    queries = PageQueries(sel)
    for row in rows:
        parsed = _extract_list_row(row, skin, page_url, bo_table, base, views_column, queries)
        if parsed is None:
            continue
        key = (parsed.post_id or parsed.url, parsed.is_notice)
        if key in seen_on_page:
            continue
        seen_on_page.add(key)
        page.rows.append(parsed)
        row_nodes.append(row)
    if page.rows and skin is not GENERIC:
        for row in page.rows:
            row.cues = {
                name: f"skin table {skin.name}" for name in ROW_VALUE_FIELDS if getattr(row, name)
            }
        page.cues["rows"] = f"skin table {skin.name}"
        _fill_missing_columns(page.rows, row_nodes)
    else:
        page.rows = _generic_list_rows(scope, page_url, bo_table, base)
        page.cues["rows"] = "list rows (repeated elements holding one post's wr_id links)"
    if not page.rows:
        page.shows_empty = generic.shows_empty_message(sel)
    page.current_page, page.last_page = _pagination(sel, skin, page_url, bo_table, page)
    return page


#: Row fields the generic reader fills when a matched skin table reads them on no row at all
#: (a theme that kept the skin's ids but changed its cells).
FILLED_ROW_FIELDS = {"author": "author", "views": "views", "date_text": "date"}


def _fill_missing_columns(rows: list[ListRow], nodes: list[Selector]) -> None:
    missing = [name for name in FILLED_ROW_FIELDS if all(getattr(r, name) is None for r in rows)]
    if not missing:
        return
    columns = generic.table_columns(nodes[0])
    for row, node in zip(rows, nodes, strict=True):
        values = generic.row_values(node, None, columns)
        for name in missing:
            found = values.get(FILLED_ROW_FIELDS[name])
            if found:
                setattr(row, name, found[0])
                row.cues[name] = found[1]


def _column_index(scope: Selector, headers_css: str, label: str) -> int | None:
    """Position of the header cell reading ``label`` (e.g. ``조회``), or None."""
    if not headers_css or not label:
        return None
    for index, header in enumerate(select_first(scope, headers_css)):
        if inline_text(header, MENU_AND_LABEL_CLASSES).replace(" ", "") == label:
            return index
    return None


#: A node a row query found: an lxml element, or a parsel Selector (a string result, or the
#: row itself when it cannot be read by element); both read the same in ``attr`` and the texts.
RowNode = etree._Element | Selector


class PageQueries:
    """Skin-table queries on the elements of one page, each made once (:func:`scoped_query`) and
    run on lxml elements: a list page asks the same ≈ 8 queries of each of its 15 rows (a view
    page the same few of each comment, :mod:`newsbot.skins.comments`), and
    ``select_first``/``fast_css`` per row and query spent more on the page's class check,
    parsing the selector group and wrapping every result in a Selector than libxml2 spent
    answering. Same results: ``first_matches`` is :func:`select_first`, ``matches`` is
    ``fast_css`` (the whole group as one query), on the same nodes."""

    def __init__(self, sel: Selector) -> None:
        self.page = sel.root if isinstance(sel.root, etree._Element) else None
        self.by_alternative: dict[str, tuple[Callable[[etree._Element], list], ...]] = {}
        self.whole: dict[str, Callable[[etree._Element], list] | None] = {}

    def _element(self, scope: RowNode) -> etree._Element | None:
        """The element to query, or None for the general path (no lxml tree, a string result,
        the page's root element)."""
        element = scope.root if isinstance(scope, Selector) else scope
        if self.page is None or not isinstance(element, etree._Element):
            return None
        return element if element.getparent() is not None else None

    def first_matches(self, scope: RowNode, css: str) -> list:
        """:func:`select_first`: the matches of the first alternative that matches anything."""
        element = self._element(scope)
        if element is None:
            return list(select_first(_as_selector(scope), css))
        if not css:
            return []
        queries = self.by_alternative.get(css)
        if queries is None:
            assert self.page is not None
            made = (scoped_query(self.page, alternative) for alternative in alternatives(css))
            queries = tuple(query for query in made if query is not None)
            self.by_alternative[css] = queries
        for query in queries:
            found = query(element)
            if found:
                return [_node(each) for each in found]
        return []

    def first(self, scope: RowNode, css: str) -> RowNode | None:
        """:func:`_first_node`. A group of classes under one ancestor (a comment's name) is
        asked as one walk first (:func:`group_of_classes_xpath`): when it finds one node or
        none, that is the answer whatever the alternatives' order, so they are asked one by one
        only when it finds several."""
        walk = group_of_classes_xpath(css) if "," in css else None
        element = self._element(scope) if walk is not None else None
        if walk is not None and element is not None:
            nodes = walk(element)
            if len(nodes) <= 1:
                return nodes[0] if nodes else None
        found = self.first_matches(scope, css)
        return found[0] if found else None

    def first_text(self, scope: RowNode, css: str, skip=MENU_AND_LABEL_CLASSES) -> str:
        """:func:`_first_text`."""
        node = self.first(scope, css)
        return inline_text(node, skip) if node is not None else ""

    def matches(self, scope: RowNode, css: str) -> list:
        """``fast_css(scope, css)``: every match of the whole group, in document order."""
        element = self._element(scope)
        if element is None:
            return list(fast_css(_as_selector(scope), css))
        if css not in self.whole:
            assert self.page is not None
            self.whole[css] = scoped_query(self.page, css)
        query = self.whole[css]
        return [_node(each) for each in query(element)] if query is not None else []


def _as_selector(node: RowNode) -> Selector:
    return node if isinstance(node, Selector) else Selector(root=node, type="html")


def _node(found: object) -> RowNode:
    """A query result as a row reader takes it: elements as they are, anything else (a string
    of ``::text``/``::attr``) wrapped as ``select_first`` wraps it."""
    if isinstance(found, etree._Element):
        return found
    return Selector(root=found, type="html")


def _subject_link(
    row: Selector,
    skin: Skin,
    page_url: str,
    bo_table: str | None,
    base: str | None,
    queries: PageQueries,
) -> tuple[RowNode, BoardRef, str, str] | None:
    """The row's link to its post: the first with a wr_id and some text (else the first), with
    its href and title (read once here: the row needs both again)."""
    fallback: tuple[RowNode, BoardRef, str, str] | None = None
    for candidate in queries.first_matches(row, skin.row_subject_link or "a[href]"):
        href = attr(candidate, "href")
        ref = _post_ref(href, page_url, bo_table, base)
        if ref is None:
            continue
        title = _link_title(candidate, skin, queries)
        if title:
            return candidate, ref, href, title
        if fallback is None:
            fallback = (candidate, ref, href, title)
    return fallback


def _link_title(link: RowNode, skin: Skin, queries: PageQueries) -> str:
    node = queries.first(link, skin.row_title) if skin.row_title else None
    return inline_text(node if node is not None else link, TITLE_DECORATION_CLASSES)


def _extract_list_row(
    row: Selector,
    skin: Skin,
    page_url: str,
    bo_table: str | None,
    base: str | None,
    views_column: int | None,
    queries: PageQueries,
) -> ListRow | None:
    subject = _subject_link(row, skin, page_url, bo_table, base, queries)
    if subject is None:
        return None
    _link, ref, href, title = subject
    is_notice = bool(skin.row_notice and queries.matches(row, skin.row_notice)) or (
        bool(skin.row_notice_class) and skin.row_notice_class in attr(row, "class").split()
    )
    author = queries.first(row, skin.row_author)
    views = None
    if views_column is not None and skin.row_cells:
        cells = queries.matches(row, skin.row_cells)
        if len(cells) > views_column:
            views = inline_text(cells[views_column], MENU_AND_LABEL_CLASSES)
    return ListRow(
        post_id=ref.wr_id,
        url=_row_url(ref, href, page_url),
        title=title,
        is_notice=is_notice,
        category=_unbracket(queries.first_text(row, skin.row_category)) or None,
        author=(_name_text(author) if author is not None else "") or None,
        views=views or queries.first_text(row, skin.row_views) or None,
        date_text=queries.first_text(row, skin.row_date) or None,
        comments=queries.first_text(row, skin.row_comments, skip=frozenset()) or None,
    )


def _row_url(ref: BoardRef, href: str, page_url: str) -> str:
    """The canonical URL; for a title-slug link (no wr_id yet) the slug URL without list state."""
    if ref.wr_id is not None:
        return ref.post_url()
    return strip_list_state(_resolve(href, page_url))


#: ListRow fields a skin table or the generic reader fills (for the cues ``probe`` prints).
ROW_VALUE_FIELDS = ("title", "category", "author", "views", "date_text", "comments")


def _generic_list_rows(
    scope: Selector, page_url: str, bo_table: str | None, base: str | None
) -> list[ListRow]:
    """No skin table reads this list: one row per repeated element holding a post's links."""
    rows: list[ListRow] = []
    seen: set[tuple[int | str, bool]] = set()
    found = generic.list_rows(scope, lambda href: _post_ref(href, page_url, bo_table, base))
    columns_by_table: dict[object, dict[str, int]] = {}
    for row, link, ref in found:
        table = row.root.getparent()
        if table not in columns_by_table:
            columns_by_table[table] = generic.table_columns(row)
        values = generic.row_values(row, link, columns_by_table[table])
        parsed = ListRow(
            post_id=ref.wr_id,
            url=_row_url(ref, attr(link, "href"), page_url),
            title=inline_text(link, TITLE_DECORATION_CLASSES),
            is_notice=generic.is_notice_row(row),
            category=_unbracket(values["category"][0]) if "category" in values else None,
            author=values["author"][0] if "author" in values else None,
            views=values["views"][0] if "views" in values else None,
            date_text=values["date"][0] if "date" in values else None,
            comments=values["comments"][0] if "comments" in values else None,
        )
        parsed.cues = {"title": "list row's post link", "is_notice": "notice class or 공지 badge"}
        for name, (_text, cue) in values.items():
            parsed.cues["date_text" if name == "date" else name] = cue
        key = (parsed.post_id or parsed.url, parsed.is_notice)
        if key in seen:
            # the same post in a widget (latest, popular): keep the row that says more of it
            index = next(i for i, r in enumerate(rows) if (r.post_id or r.url, r.is_notice) == key)
            if len(parsed.cues) > len(rows[index].cues):
                rows[index] = parsed
            continue
        seen.add(key)
        rows.append(parsed)
    return rows


def _pagination(
    sel: Selector, skin: Skin, page_url: str, bo_table: str | None, page: ListPage
) -> tuple[int, int | None]:
    """Current and last page as the pager shows them (``맨끝`` links to the true last page)."""
    pager = _first_node(sel, skin.pagination)
    current = page.current_page
    if pager is not None:
        current_text = re.findall(r"\d+", _first_text(pager, skin.pagination_current))
        if current_text:
            current = int(current_text[0])
    numbers = [current]
    anchors = fast_css(pager, "a[href]") if pager is not None else fast_css(sel, "a[href]")
    for anchor in anchors:
        href = _resolve(attr(anchor, "href"), page_url)
        ref = _board_url(href)
        if ref is None or ref.wr_id is not None or (bo_table and ref.bo_table != bo_table):
            continue
        if re.search(r"[?&](sst|sod|stx)=", href):
            continue  # sort and search links carry page=1 but are not pagination
        match = PAGE_PARAM_RE.search(href)
        if match:
            numbers.append(int(match.group(1)))
    return current, max(numbers) if numbers else None


# -- a board's pages, read one after another ----------------------------------------------------


@dataclass
class BoardSkins:
    """The skin tables one board's list and view pages were last read with: each next page of
    that kind is tried with its board's table first (see :func:`detect_skin`). One per board;
    the crawl keeps it in the board's state, the benchmark as the crawl does."""

    list: Skin | None = None
    view: Skin | None = None

    def read_list(self, sel: Selector, page_url: str) -> ListPage:
        listing = extract_list_page(sel, page_url, self.list)
        self.list = SKIN_BY_NAME.get(listing.skin)
        return listing

    def read_post(self, sel: Selector, page_url: str) -> RawPost:
        raw = extract_post(sel, page_url, self.view)
        self.view = SKIN_BY_NAME.get(raw.skin)
        return raw


# -- view pages ----------------------------------------------------------------------------------


def extract_post(sel: Selector, page_url: str, board_skin: Skin | None = None) -> RawPost:
    """Every field a view page shows, as printed; ``board_skin``: the table the board's view
    pages were read with so far (see :func:`detect_skin`)."""
    skin = detect_skin(sel, board_skin)
    here = _board_url(page_url)
    base = page_base(sel, page_url)
    bo_table = page_bo_table(sel) or (here.bo_table if here else None)
    container = _first_node(sel, skin.view_container)
    article = container if container is not None else sel
    body = _first_node(article, skin.view_body)
    table_cue = "skin table" if skin is GENERIC else f"skin table {skin.name}"
    cues: dict[str, str] = {}
    if body is None:
        body = generic.find_body(article)
        if body is not None:
            cues["body_text"] = "largest text block"
    info = _info_text(article, skin, body)
    post = RawPost(skin=skin.name, bo_table=bo_table, board_title=extract_board_title(sel, skin))
    post.wr_id = (here.wr_id if here else None) or _wr_id_from_page(sel, bo_table, page_url, base)
    category = _first_class_node(article, skin.view_category)
    post.title, heading_category = _view_title(sel, article, skin, cues, category)
    post.category = (
        _unbracket(inline_text(category, MENU_AND_LABEL_CLASSES)) if category is not None else ""
    ) or heading_category
    if post.category and "category" not in cues:
        cues["category"] = table_cue
    if not post.category and skin is GENERIC:
        found = generic.article_category(sel, body, info, post.title)
        if found:
            post.category, cues["category"] = found
    _view_author(post, article, skin, info, body, cues)
    post.date_texts = _view_dates(article, skin, info, body, cues)
    icons = generic.icon_values(article, before=body) if skin is GENERIC else {}
    post.views = _counted(
        cues,
        "views",
        (_first_text(article, skin.view_views), table_cue),
        (_label(info, "views"), "label"),
        icons.get("views"),
    )
    post.comments = _counted(
        cues,
        "comments",
        (_first_text(article, skin.view_comments, skip=frozenset()), table_cue),
        (_label(info, "comments"), "label"),
        icons.get("comments"),
    )
    if not post.comments and skin.view_comment_items:
        post.comments = str(_count_comments(sel, skin))
        cues["comments"] = "c_<id> comment anchors"
    likes = _first_text(article, skin.view_likes)
    dislikes = _first_text(article, skin.view_dislikes)
    # the action bar's text is only a fallback for a count the skin table did not find
    actions = (
        _first_text(article, skin.view_actions, skip=MENU_CLASSES)
        if not (likes and dislikes)
        else ""
    )
    post.likes = _counted(
        cues,
        "likes",
        (likes, table_cue),
        (_label(actions, "likes") or _label(info, "likes"), "label"),
        (generic.vote_count(sel, "good"), "good.php vote link") if skin is GENERIC else None,
        (generic.label_value(info, "likes"), "label") if skin is GENERIC else None,
    )
    post.dislikes = _counted(
        cues,
        "dislikes",
        (dislikes, table_cue),
        (_label(actions, "dislikes") or _label(info, "dislikes"), "label"),
        (generic.vote_count(sel, "nogood"), "good.php vote link") if skin is GENERIC else None,
    )
    if body is not None:
        post.body_text = block_text(body)
        post.body_html = body.get()
        cues.setdefault("body_text", table_cue)
    root = _site_root(sel, page_url)
    post.image_urls = _view_images(article, skin, page_url, root)
    post.attachments = _view_attachments(article, skin, page_url)
    post.links, post.unresolved_links = _view_links(article, skin, page_url)
    post.cues = cues
    return post


def _counted(
    cues: dict[str, str], name: str, *candidates: tuple[str | None, str] | None
) -> str | None:
    """The first candidate ``(value, cue)`` with a value; its cue is recorded under ``name``."""
    for candidate in candidates:
        if candidate and candidate[0]:
            cues[name] = candidate[1]
            return candidate[0]
    return None


def _info_text(article: Selector, skin: Skin, body: Selector | None) -> str:
    """The post header's text (labels kept, menus dropped); without an info block (g4), the text
    of the article up to its body."""
    node = _first_node(article, skin.view_info)
    if node is not None:
        return inline_text(node, MENU_CLASSES)
    if body is not None:
        return " ".join(block_text(article, MENU_CLASSES, stop_at=body.root).split())
    return ""


def _label(info: str, name: str) -> str | None:
    match = LABEL_VALUE_RES[name].search(info) if info else None
    return match.group(1) if match else None


def _count_comments(sel: Selector, skin: Skin) -> int:
    """Comment anchors, each id once (Eyoom repeats best comments as ``c_<id>_<n>``)."""
    ids: set[str] = set()
    for node in fast_css(sel, skin.view_comment_items):
        match = COMMENT_ID_RE.match(attr(node, "id") or attr(node, "name") or "")
        if match:
            ids.add(match.group(1))
    return len(ids)


#: Scripts whose links carry the post's own wr_id (edit, delete, reply, vote, files, links).
POST_ACTION_SCRIPT_RE = re.compile(r"/(write|password|good|scrap_popin|link|download)\.php$")


def _wr_id_from_page(
    sel: Selector, bo_table: str | None, page_url: str, base: str | None
) -> int | None:
    """A slug URL carries no wr_id: read it from the comment form or same-board action links."""
    value = fast_css(sel, 'input[name="wr_id"]::attr(value)').get()
    if value and value.isdigit() and int(value):
        return int(value)
    for href in fast_css(sel, "a[href*='wr_id=']::attr(href)").getall():
        parts = _split(_resolve(href, page_url))
        if not POST_ACTION_SCRIPT_RE.search(parts.path):
            continue
        query = dict(parse_qsl(parts.query))
        if bo_table and query.get("bo_table") != bo_table:
            continue
        wr_id = parse_wr_id(query.get("wr_id"))
        if wr_id:
            return wr_id
    return None


def _view_title(
    sel: Selector,
    article: Selector,
    skin: Skin,
    cues: dict[str, str],
    article_category: Selector | None,
) -> tuple[str | None, str | None]:
    """``(title, category printed in the heading)``.

    The heading is cut at 70 characters and may carry the category (``[분류] SUBJECT``,
    ``분류 | SUBJECT``); ``<title>`` has the full subject, so it wins when the heading is a cut
    or prefixed copy of it. Without a heading in the skin table, the heading that prints the
    ``<title>`` subject is found by its text (g6 cuts ``<title>`` at 20 characters).
    ``article_category`` is the category query's first match in the whole article.
    """
    heading = ""
    node = _first_node(article, skin.view_title)
    if node is not None:
        heading = inline_text(node, MENU_AND_LABEL_CLASSES)
        # The heading lies in the article: what the query finds from it, the article's query
        # finds too (its first steps start at or below the article), so none there is none here.
        category_node = (
            _first_class_node(node, skin.view_category) if article_category is not None else None
        )
        category = (
            inline_text(category_node, MENU_AND_LABEL_CLASSES) if category_node is not None else ""
        )
        if category and heading.startswith(category):
            heading = heading[len(category) :].strip()
    subject = _title_tag_parts(sel, skin)[0] or ""
    cues["title"] = "title pattern" if subject else f"skin table {skin.name}"
    if not heading and subject:
        found = generic.heading_for(sel, subject, subject.rstrip("".join(CUT_MARKS)).rstrip())
        if found is not None:
            full, prefix = found
            cut = subject.endswith(CUT_MARKS)
            if cut or full == subject:
                cues["title"] = "heading that prints the <title> subject" if cut else cues["title"]
                if prefix and len(prefix) <= 20:
                    cues["category"] = "heading prefix"
                return (full if cut else subject), (
                    prefix if prefix and len(prefix) <= 20 else None
                )
    if not heading:
        return subject or None, None
    if subject and heading != subject:
        stem = heading.rstrip("".join(CUT_MARKS)).rstrip()
        cut = heading.endswith(CUT_MARKS) or len(heading) >= HEADING_CUT_LEN
        if cut and subject.startswith(stem) and len(subject) > len(stem):
            return subject, None
        if heading.endswith(subject):
            prefix = CATEGORY_PREFIX_RE.match(heading[: -len(subject)].strip())
            if prefix:
                return subject, prefix.group(1) or prefix.group(2)
    if skin.heading_category_sep and skin.heading_category_sep in heading:
        category, _, rest = heading.partition(skin.heading_category_sep)
        if rest.strip() and len(category) <= 40:
            return rest.strip(), category.strip() or None
    return heading, None


def member_id(node: etree._Element) -> str | None:
    """The member id the name markup exposes: g5/Eyoom ``profile.php?mb_id=``, g4 sideview.
    Read from the nearest ``<a>`` at or above the name (by ``iterancestors``), then from every
    ``a/@href`` at or below it (by ``iter``): lxml's walks, without XPath evaluations and the
    Selectors they return (post and comment names both come here)."""
    anchor = node if node.tag == "a" else next(node.iterancestors("a"), node)
    for attribute, pattern in (
        ("href", MB_ID_RE),
        ("onclick", SIDEVIEW_ID_RE),
        ("title", TITLE_ID_RE),
    ):
        match = pattern.search(attr(anchor, attribute))
        if match:
            return match.group(1)
    for link in node.iter("a"):
        href = link.get("href")
        if href:
            match = MB_ID_RE.search(href)
            if match:
                return match.group(1)
    return None


def _member_id(node: Selector) -> str | None:
    """:func:`member_id` of a selector's element (None for a text or attribute result)."""
    return member_id(node.root) if isinstance(node.root, etree._Element) else None


def _view_author(
    post: RawPost,
    article: Selector,
    skin: Skin,
    info: str,
    body: Selector | None,
    cues: dict[str, str],
) -> None:
    if skin is GENERIC:
        # no table: the first core sideview name ahead of the body (comments come after it)
        node = generic.first_sideview(article, body) or _first_node(article, skin.view_author)
        cues["author"] = "sideview span"
    else:
        node = _first_node(article, skin.view_author)
        cues["author"] = f"skin table {skin.name}"
    if node is not None:
        post.author = _name_text(node) or None
        post.author_id = _member_id(node)
        parent_text = inline_text(fast_xpath(node, ".."), MENU_AND_LABEL_CLASSES)
        ip = GUEST_IP_RE.search(parent_text) or GUEST_IP_RE.search(info)
        post.author_ip = ip.group(1) if ip else None
        cues["author_ip"] = "(masked IP) beside the name"
    else:
        post.author = _label(info, "author")
        cues["author"] = "label"
        ip = GUEST_IP_RE.search(info)
        post.author_ip = ip.group(1) if ip else None
    if not post.author_ip and skin is GENERIC:
        bare = BARE_MASKED_IP_RE.search(info)
        post.author_ip = bare.group(1) if bare else None
        cues["author_ip"] = "masked IP (♡) in the post header"
    ip_node = _first_node(article, skin.view_ip)
    if ip_node is not None and not post.author_ip:
        post.author_ip = attr(ip_node, "title") or inline_text(ip_node) or None
        cues["author_ip"] = f"skin table {skin.name}"


def _view_dates(
    article: Selector, skin: Skin, info: str, body: Selector | None, cues: dict[str, str]
) -> list[str]:
    dates: list[str] = []
    # A theme's own machine-readable time wins when it carries real seconds (core g5 rebuilds
    # <time> from the short text, so ':00' seconds say nothing more than the text does).
    for text in _header_datetimes(article):
        seconds = DATETIME_SECONDS_RE.search(text or "")
        if seconds and seconds.group(1) != "00":
            dates.append(text)
    text = _first_text(article, skin.view_date)
    if text:
        dates.append(text)
        cues["published_at"] = f"skin table {skin.name}"
    labelled = _label(info, "date")
    if labelled:
        dates.append(labelled)
        cues.setdefault("published_at", "label")
    short = SHORT_DATE_RE.search(info) if info else None
    if short:
        dates.append(short.group(0))
        cues.setdefault("published_at", "date-shaped text in the post header")
    if not dates and skin is GENERIC:
        icon = generic.icon_values(article, before=body).get("date")
        if icon:
            dates.append(icon[0])
            cues["published_at"] = icon[1]
    return dates


#: The ``<time datetime>`` values a post header may carry (Nariya and themes print seconds).
HEADER_DATETIMES_CSS = "#bo_v_info time::attr(datetime), .if_date time::attr(datetime)"
_BO_V_INFO = compile_xpath("id('bo_v_info')")


def _header_datetimes(article: Selector) -> list[str]:
    """``fast_css(article, HEADER_DATETIMES_CSS).getall()``: the datetime of each ``<time>``
    below ``#bo_v_info`` (the id's element in scope) or below a ``.if_date`` (in scope), once
    each, in document order, from lxml's walk of the ``<time>`` elements. The union of two
    XPath walks over the whole post (one per alternative, ≈ 40 µs a view page) was the costliest
    query of the date reader, for a tag that a few themes print."""
    root = article.root
    if not isinstance(root, etree._Element):
        return fast_css(article, HEADER_DATETIMES_CSS).getall()
    info = None
    for found in _BO_V_INFO(root):
        # in scope: the id's element is the article or lies inside it (query.IN_SCOPE)
        if found is root or any(ancestor is root for ancestor in found.iterancestors()):
            info = found
    values: list[str] = []
    for time in root.iter("time"):
        value = time.get("datetime")
        if value is None or time is root:
            continue
        for ancestor in time.iterancestors():
            if ancestor is info or has_class(ancestor, "if_date"):
                values.append(value)
                break
            if ancestor is root:
                break
    return values


def original_image_url(img: Selector, page_url: str, site_root: str) -> str | None:
    """The original of a possibly thumbnailed image: the ``view_image.php`` link around it
    (``fn=/data/editor/…`` or ``bo_table=X&fn=FILE``), else the src without ``thumb-…_WxH``."""
    src = attr(img, "src") or attr(img, "data-src") or ""
    if not src or src.startswith("data:"):
        return None
    for href in fast_xpath(img, "ancestor::a[1]/@href").getall():
        url = _resolve(href, page_url)
        if "/view_image.php" not in _split(url).path:
            continue
        query = dict(parse_qsl(_split(url).query, keep_blank_values=True))
        name = unquote(query.get("fn", ""))
        if name.startswith("/"):
            return site_root + name
        if name and re.fullmatch(r"[A-Za-z0-9_]+", query.get("bo_table", "")):
            return f"{site_root}/data/file/{query['bo_table']}/{name}"
    url = _resolve(src, page_url)
    parts = _split(url)
    path = THUMB_NAME_RE.sub(r"/\1\2", parts.path)
    return urljoin(url, path) if path != parts.path else url


def _view_images(article: Selector, skin: Skin, page_url: str, site_root: str) -> list[str]:
    urls: list[str] = []
    if not skin.view_images:
        return urls
    for img in fast_css(article, skin.view_images):
        url = original_image_url(img, page_url, site_root)
        if url and url not in urls:
            urls.append(url)
    return urls


def _file_name(anchor: Selector) -> str:
    """A download link's file name: its ``strong`` (g5), the ``strong`` beside a bare
    "다운로드" link (Eyoom), or the link text up to the size (Nariya)."""
    strong = fast_css(anchor, "strong")
    if strong:
        return inline_text(strong[0], MENU_AND_LABEL_CLASSES)
    text = inline_text(anchor, MENU_AND_LABEL_CLASSES)
    item = fast_xpath(anchor, "ancestor::li[1]")
    if item and (not text or not re.search(r"\.\w{1,6}\b", text)):
        beside = fast_css(item[0], "strong")
        if beside:
            return inline_text(beside[0], MENU_AND_LABEL_CLASSES)
    return FILE_SIZE_TAIL_RE.sub("", text).strip()


def _view_attachments(article: Selector, skin: Skin, page_url: str) -> list[Attachment]:
    found: list[Attachment] = []
    if not skin.view_files:
        return found
    for anchor in fast_css(article, skin.view_files):
        href = attr(anchor, "href")
        name = _file_name(anchor)
        if href.startswith("javascript:"):
            js_name = FILE_NAME_JS_RE.search(href)
            name = js_name.group(1) if js_name else name
            url_match = re.search(r"['\"]([^'\"]*download\.php[^'\"]*)['\"]", href)
            if not url_match:
                continue
            href = url_match.group(1)
        url = _strip_state(_resolve(href, page_url))
        if name and all(a.url != url for a in found):
            found.append(Attachment(name=name, url=url))
    return found


def _view_links(article: Selector, skin: Skin, page_url: str) -> tuple[list[str], list[str]]:
    """The post's related links, and those still pointing at ``link.php``.

    gnuboard prints the real target as the link text (cut at 70 with ``…``) and links to
    ``link.php``, which answers with a 302 to it; a cut target stays the ``link.php`` URL.
    """
    links: list[str] = []
    unresolved: list[str] = []
    if not skin.view_links:
        return links, unresolved
    for anchor in fast_css(article, skin.view_links):
        text = inline_text(anchor, MENU_AND_LABEL_CLASSES)
        printed = URL_TEXT_RE.match(text)
        target = printed.group(0) if printed else ""
        if not target or target.endswith(CUT_MARKS) or text.startswith(target + "…"):
            target = _strip_state(_resolve(attr(anchor, "href"), page_url))
            if target not in unresolved:
                unresolved.append(target)
        if target not in links:
            links.append(target)
    return links, unresolved


def resolve_links(post: RawPost, targets: Mapping[str, str]) -> RawPost:
    """Put the real targets of cut related links in place: ``targets`` maps a ``link.php`` URL
    (as in ``post.unresolved_links``) to the ``Location`` its 302 answered with."""
    if not post.unresolved_links:
        return post
    still: list[str] = []
    links: list[str] = []
    for link in post.links:
        target = targets.get(link) or targets.get(_strip_state(link))
        if link in post.unresolved_links and not target:
            still.append(link)
        resolved = target or link
        if resolved not in links:
            links.append(resolved)
    post.links = links
    post.unresolved_links = still
    return post


def board_ref_for_page(sel: Selector, page_url: str) -> BoardRef | None:
    """Where this page sits, confirmed by the page head when the URL is a short one."""
    ref = _board_url(page_url, known_base=page_base(sel, page_url))
    if ref is None:
        return None
    bo_table = page_bo_table(sel)
    if bo_table and ref.bo_table != bo_table:
        return None
    return ref


def is_gnuboard_page(sel: Selector) -> bool:
    """Does the page carry any gnuboard fingerprint (head vars, board containers, bbs links)?"""
    if _global_var(sel, BO_TABLE_VAR_RE) or G6_VAR_RE.search(_globals_text(sel)):
        return True
    if detect_skin(sel) is not GENERIC:
        return True
    return matches(sel, "a[href*='board.php?bo_table='], a[href*='board.php?&bo_table=']")


def find_board_links(sel: Selector, page_url: str) -> list[BoardRef]:
    """Board list links on a site's pages (menus, latest-post widgets), each board once.

    Short (rewritten) links like ``/free`` or ``/free/123`` are candidates too, marked
    ``short``: only the board's own page (its ``g5_bo_table``) can confirm such a name.
    """
    base = page_base(sel, page_url)
    page_origin = "{0.scheme}://{0.netloc}".format(_split(page_url)).lower()
    found: dict[str, BoardRef] = {}
    for href in fast_css(sel, "a[href]::attr(href)").getall():
        if href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = _resolve(href, page_url)
        ref = _board_url(url, known_base=base)
        if ref is None or not ref.bo_table:
            continue
        if ref.origin != page_origin:  # links that leave the site are never followed
            continue
        ref = replace(ref, wr_id=None, slug=None, page=None)
        known = found.get(ref.bo_table)
        if known is None or (known.short and not ref.short):
            found[ref.bo_table] = ref  # a query-form link names the board for certain
    return list(found.values())
