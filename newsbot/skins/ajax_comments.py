"""Comment lists a skin loads by a separate (AJAX) request: pure functions, no Scrapy.

Some gnuboard5 builders print the comment list through their own endpoint and swap it into the
view page with jQuery:

- Nariya (``plugin/nariya``): ``na_page('viewcomment', '…/plugin/nariya/comment.page.php?
  bo_table=B&wr_id=N&cob=old&page=P')`` loads ``comment.page.php``'s answer, an HTML fragment
  (``<section id="bo_vc">`` with the same ``c_<id>`` articles as the view page) into
  ``#viewcomment``; the fragment's pager calls ``na_page`` again for the other pages. Without
  ``page`` the endpoint answers its default page (the last one for the oldest-first order).
- Amina/APMS (``bbs/view_comment.page.php?…&crows=20&page=P``) through ``apms_page('viewcomment',
  url)``, the same way.

:func:`find_comment_loads` reads those calls (``onclick`` attributes and inline scripts) off a
page or a fragment; :func:`comment_loads_to_follow` decides which of them a crawl needs (none when
the view page already prints every comment: a "refresh" button or the "새로운 댓글 확인" check
costs nothing); :func:`parse_comment_answer` reads one answer into the same ``RawComment``
records as the view page, or says why it cannot (cut off, not a comment list);
:func:`order_comment_pages` puts the comments of all pages in page order and links replies to
their parents across page boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree
from parsel import Selector

from newsbot.normalize import decode_references
from newsbot.skins.comments import CommentBlock, RawComment, extract_comments
from newsbot.skins.query import compile_xpath

#: ``na_page('viewcomment', 'URL'…)``, ``apms_page('viewcomment','URL')``, and jQuery's
#: ``$('#viewcomment').load('URL')``: a comment container filled from a URL.
COMMENT_LOAD_RES = (
    re.compile(
        r"\b(?:na_page|apms_page)\(\s*(['\"])(?:view|item)comment\1\s*,\s*(['\"])(?P<url>[^'\"]+)\2"
    ),
    re.compile(
        r"\$\(\s*(['\"])#(?:view|item)comment\1\s*\)\s*\.load\(\s*(['\"])(?P<url>[^'\"]+)\2"
    ),
)
#: The page-number parameter of those endpoints.
PAGE_PARAM = "page"
#: A fragment's first element: its closing tag must end the answer.
FIRST_TAG_RE = re.compile(r"<\s*(!doctype|[a-zA-Z][\w-]*)", re.I)
TRAILING_NOISE_RE = re.compile(r"(?:\s|<!--.*?-->)*\Z", re.S)
#: The containers those calls fill: a page without one loads no comment list (a lookup in
#: libxml2's id table, so the scan below costs only the pages that have one).
COMMENT_CONTAINERS = compile_xpath("id('viewcomment') | id('itemcomment')")
#: Only the scripts and handlers that name a comment container (most pages have none).
SCRIPTS_AND_HANDLERS = compile_xpath(
    "//script[contains(., 'comment')]/text() | //@onclick[contains(., 'comment')]"
)
#: The page a fragment or view page shows: Nariya's hidden ``comment_page_<id>`` inputs, else the
#: active item of a pager that loads comment pages.
SHOWN_PAGE_XPATH = compile_xpath(
    "//input[starts-with(@id, 'comment_page_')]/@value"
    " | //li[contains(concat(' ', normalize-space(@class), ' '), ' active ')]"
    "[../li/a[contains(@onclick, 'comment')]]/a/text()"
)


@dataclass
class CommentLoads:
    """The comment-list URLs a page names."""

    #: The list without a page number: the endpoint's default page.
    default_url: str | None = None
    #: Numbered pages, by page number.
    pages: dict[int, str] = field(default_factory=dict)
    #: The page number this page itself shows, when it says.
    shown_page: int | None = None


@dataclass
class CommentAnswer:
    """One answer of a comment endpoint, read."""

    block: CommentBlock
    loads: CommentLoads
    #: The page number the answer is (asked for, or shown by its pager).
    page: int | None = None


def find_comment_loads(sel: Selector, page_url: str, *, fragment: bool = False) -> CommentLoads:
    """Every comment-list URL the page's handlers and scripts load into a comment container
    (a view page must have that container; a ``fragment``, an answer loaded into it, not)."""
    loads = CommentLoads()
    root = sel.root
    if not isinstance(root, etree._Element) or not (fragment or COMMENT_CONTAINERS(root)):
        return loads
    texts = SCRIPTS_AND_HANDLERS(root)
    for text in texts:
        for pattern in COMMENT_LOAD_RES:
            for match in pattern.finditer(text):
                # a handler's text is decoded once by the parser, a script's not at all: one
                # more decoding of complete references (``&amp;``), never of a query field
                # named like an entity (``&copy=``)
                url = _join(page_url, decode_references(match.group("url")))
                if not url:
                    continue
                page = page_number(url)
                if page is None:
                    loads.default_url = loads.default_url or url
                else:
                    loads.pages.setdefault(page, url)
    if loads.default_url is None and not loads.pages:
        return loads
    shown = SHOWN_PAGE_XPATH(root)
    numbers = [int(v.strip()) for v in shown if v.strip().isdigit() and int(v.strip()) > 0]
    loads.shown_page = numbers[0] if numbers else None
    return loads


def comment_loads_to_follow(
    block: CommentBlock, loads: CommentLoads, comment_count: int | None
) -> list[str]:
    """The comment-list URLs a crawl must read to have every comment of the post.

    A page that prints comments needs only the numbered pages it does not show; a page that
    prints none needs its list loaded, unless the post says it has no comment at all."""
    printed = bool(block.comments or block.deleted_placeholders)
    if printed:
        return [url for n, url in sorted(loads.pages.items()) if n != loads.shown_page]
    if comment_count == 0:
        return []
    if loads.default_url:
        return [loads.default_url]
    return [url for _n, url in sorted(loads.pages.items())]


def parse_comment_answer(text: str, url: str, skin_name: str) -> CommentAnswer | str:
    """A comment endpoint's answer read into comments, or the reason it cannot be:
    ``comments_truncated`` (the fragment is cut off: no half list is ever read) or
    ``comments_invalid`` (an answer that is no comment list, e.g. ``잘못된 접근입니다.``)."""
    body = text.strip()
    if not body.startswith("<"):
        return "comments_invalid"
    if not fragment_complete(body):
        return "comments_truncated"
    sel = Selector(text=body)
    block = extract_comments(sel, url, skin_name)
    loads = find_comment_loads(sel, url, fragment=True)
    is_list = block.comments or block.deleted_placeholders or sel.css("#bo_vc, #bo_vc_empty")
    if not is_list:
        return "comments_invalid"
    page = page_number(url) or loads.shown_page
    return CommentAnswer(block=block, loads=loads, page=page)


def fragment_complete(body: str) -> bool:
    """The fragment closes its first element last: ``<section id="bo_vc"> … </section>``.

    A cut-off answer lacks that closing tag; an HTML page must end with ``</html>``."""
    first = FIRST_TAG_RE.match(body)
    if first is None:
        return False
    name = first.group(1).lower()
    if name == "!doctype":
        name = "html"
    tail = TRAILING_NOISE_RE.sub("", body)
    closing = re.compile(rf"</\s*{re.escape(name)}\s*>\Z", re.I)
    if not closing.search(tail):
        return False
    opened = len(re.findall(rf"<\s*{re.escape(name)}[\s>/]", body, re.I))
    closed = len(re.findall(rf"</\s*{re.escape(name)}\s*>", body, re.I))
    return opened == closed


def order_comment_pages(comments: list[RawComment], page_of: dict[int, int]) -> list[RawComment]:
    """The comments of several pages in page order (pages arrive in any order: the view page may
    show the last one), each reply linked to the nearest earlier comment one level up."""
    ordered = sorted(comments, key=lambda c: page_of.get(c.comment_id, 0))  # stable in a page
    last_at_depth: dict[int, int] = {}
    for comment in ordered:
        depth = comment.depth
        comment.parent_comment_id = last_at_depth.get(depth - 1) if depth else None
        last_at_depth = {d: cid for d, cid in last_at_depth.items() if d < depth}
        last_at_depth[depth] = comment.comment_id
    return ordered


def page_number(url: str) -> int | None:
    """The ``page`` parameter of a comment-list URL; None when it names none."""
    for name, value in parse_qsl(urlsplit(url).query):
        if name == PAGE_PARAM and value.isdigit() and int(value) > 0:
            return int(value)
    return None


def _join(base: str, href: str) -> str:
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return ""


__all__ = [
    "CommentAnswer",
    "CommentLoads",
    "comment_loads_to_follow",
    "find_comment_loads",
    "fragment_complete",
    "order_comment_pages",
    "page_number",
    "parse_comment_answer",
]
