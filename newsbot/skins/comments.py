"""Comments (댓글) off a view page: pure functions, Selector in, ``RawComment`` dataclasses out.

Where comments live is data: :data:`COMMENT_SKINS` says, per skin table name, which block holds a
comment's text, name, date and votes. What gnuboard core prints on every skin backs it up, so a
theme newsbot has never seen still yields its comments:

- ``c_<wr_id>``: an ``id`` on the comment's element (g5, Nariya, Eyoom, themes) or an
  ``<a name>`` right before it (g4, whose comment is the table that follows the anchor);
- ``save_comment_<id>`` (the raw text, for the edit form) and ``secret_comment_<id>`` (``secret``
  on a 비밀댓글) beside every comment;
- the sideview name (``sv_member``/``sv_guest``, g4 ``member``/``guest``), a masked IP
  ``(123.♡.45.67)``, ``<time datetime>`` or a date-shaped text;
- replies are indented (``margin-left``/``padding-left``, a spacer's width, a ``depth-N``
  class): the distinct indents of a page, ranked, are the depths.

Values stay raw page text; :func:`newsbot.loaders.load_comment` normalises them with the post
processors.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

# the member id as the post header reads it: profile link, g4 sideview call, title
from newsbot.skins.gnuboard import PageQueries, member_id
from newsbot.skins.query import (
    compile_xpath,
    css,
    has_class,
    select_nodes,
)
from newsbot.skins.text import MENU_AND_LABEL_CLASSES, attr, block_text, inline_text


@dataclass(frozen=True)
class CommentSkin:
    """Where one skin prints a comment's parts, relative to the comment's element."""

    body: str = ""
    author: str = ""
    date: str = ""
    likes: str = ""
    dislikes: str = ""


@dataclass
class RawComment:
    comment_id: int
    depth: int = 0
    parent_comment_id: int | None = None
    author: str | None = None
    author_id: str | None = None
    author_ip: str | None = None
    date_texts: list[str] = field(default_factory=list)  # most trustworthy first
    body_text: str = ""
    likes: str | None = None
    dislikes: str | None = None
    is_secret: bool = False


@dataclass
class CommentBlock:
    """What a view page says about its comments."""

    comments: list[RawComment] = field(default_factory=list)
    #: Comments shown only as a placeholder (``삭제된 댓글입니다``): gone, not items.
    deleted_placeholders: int = 0
    #: ``cpage``/``comment_page`` links to further comment pages, in page order.
    more_pages: list[str] = field(default_factory=list)


_G5_AUTHOR = "header .sv_member, header .sv_guest, header .member, header .guest"
COMMENT_SKINS: dict[str, CommentSkin] = {
    "gnuboard5-basic": CommentSkin(body=".cmt_contents", author=_G5_AUTHOR),
    "gnuboard5-gallery": CommentSkin(body=".cmt_contents", author=_G5_AUTHOR),
    "gnuboard5-mobile": CommentSkin(body=".cmt_contents", author=_G5_AUTHOR),
    "gnuboard5-5.2": CommentSkin(body=".cmt_contents, p", author=_G5_AUTHOR),
    # the comment table after ``<a name="c_N">``: the text is the word-wrapped div
    "gnuboard4-basic": CommentSkin(
        body="div[style*='word-break']", author="span.member, span.guest"
    ),
    "eyoom-eb4-basic": CommentSkin(
        body=".comment-cont-txt",
        author=".comment-name .sv_wrap > a, .comment-name a, .comment-name",
        date=".comment-time",
        likes=".comment-good strong, .cmt-good-num",
        dislikes=".comment-nogood strong, .cmt-nogood-num",
    ),
    "nariya-basic": CommentSkin(
        # ``.cmt-contents``: the paged list Nariya's ``comment.page.php`` answers
        body=".cmt_contents, .cmt-contents",
        author=".sv_member, .sv_guest, .member, .guest",
        likes=".cmt-good b, .cmt_good b",
        dislikes=".cmt-nogood b, .cmt_nogood b",
    ),
}

COMMENT_ID_RE = re.compile(r"^c_(\d+)$")
_COMMENT_NODES = (
    "//@id[starts-with(., 'c_') or starts-with(., 'secret_comment_') "
    "or starts-with(., 'save_comment_')]/.. | //a[starts-with(@name, 'c_')]"
)
#: Precompiled, over the ``id`` attributes only: a few times faster than testing every element.
COMMENT_NODES_XPATH = compile_xpath(_COMMENT_NODES)
#: The same search inside one element (``.//`` for ``//``).
COMMENT_NODES_WITHIN_XPATH = compile_xpath(_COMMENT_NODES.replace("//", ".//"))
#: gnuboard5's comment section, ``<section id="bo_vc">`` (the basic skin and the themes built on
#: it, mobile and Nariya included): an ``id()`` lookup, where the whole-page search visits every
#: ``id`` attribute of the page (≈ 160 µs of a 28 KB view page, against ≈ 20 µs inside the section).
COMMENT_SECTION_XPATH = compile_xpath("id('bo_vc')")
#: ``<p id="bo_vc_empty">등록된 댓글이 없습니다.</p>``: the section says it has no comments.
NO_COMMENTS_XPATH = compile_xpath("boolean(.//*[@id='bo_vc_empty'])")
#: ...looked up in the page's id table first (the walk of the section, comment form and all,
#: was ≈ 12 µs of a bench view page without comments).
NO_COMMENTS_BY_ID_XPATH = compile_xpath("id('bo_vc_empty')")
# parsel's ``.xpath`` builds an evaluator and a Selector per result on every call (≈ 5 calls per
# comment): the per-comment queries are compiled once and run on the lxml elements.
_SAVED_TEXT_XPATH = compile_xpath("string()")
_NEXT_ELEMENT_XPATH = compile_xpath("following-sibling::*[1]")
_INDENT_NODES_XPATH = compile_xpath("./*[1] | ./*/*[1] | ./tr/td[1] | ./tbody/tr/td[1]")
_SPACER_CELLS_XPATH = compile_xpath(".//tr[1]/td[1][not(normalize-space())]")
_SPACER_WIDTH_XPATH = compile_xpath("./img/@width")
#: What a guest sees of a 비밀댓글: g5 ``비밀글 입니다.``, g4 ``* 비밀글 입니다.``.
SECRET_TEXT_RE = re.compile(r"^\s*\*?\s*비밀(?:댓)?글\s*입니다\.?\s*$")
#: ...or a link to the comment's password page (``password.php?w=sc``, ``a.s_cmt``).
SECRET_LINK_CSS = "a.s_cmt, a[href*='w=sc&'], a[href*='w=sc&amp;']"
SECRET_ICON_CSS = "img[alt='비밀글'], img[src*='icon_secret']"
#: Every link's ``href``, for the links to further comment pages (``cpage=``/``comment_page=``),
#: anywhere on the page: tested in Python, as ``contains()`` in the query cost a third more.
_LINK_HREFS = compile_xpath("//a/@href")
#: ...asked only when the page's hrefs, joined in libxml2 (EXSLT ``str:concat``: one string, not
#: one per link), hold either name: most pages have no comment pages (a bench view page:
#: 34 → 17 µs). Joined without a separator, a name may seem to span two hrefs, which only costs
#: the look at each link.
_LINK_HREFS_JOINED = compile_xpath(
    "str:concat(//a/@href)", namespaces={"str": "http://exslt.org/strings"}
)
DELETED_TEXT_RE = re.compile(r"^\s*삭제된\s*(?:댓글|코멘트)\s*(?:입니다)?\.?\s*$")
GUEST_IP_RE = re.compile(r"\(?\s*(\d{1,3}\.[♡*\d]{1,3}\.[♡*\d]{1,3}\.\d{1,3})\s*\)?")
DATE_TEXT_RE = re.compile(
    r"\d{2,4}[-./]\d{1,2}[-./]\d{1,2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"|\d{1,2}[-./]\d{1,2}\s+\d{1,2}:\d{2}"
    r"|\d{2,4}[-./]\d{1,2}[-./]\d{1,2}"
    r"|(?:\d+\s*(?:초|분|시간|일|주)\s*)+전|방금\s*전?|어제\s+\d{1,2}:\d{2}"
    r"|(?<![\d:.])\d{1,2}:\d{2}(?![\d:])"
)
INDENT_STYLE_RE = re.compile(r"(?:margin|padding)-left\s*:\s*(\d+(?:\.\d+)?)\s*(px|em|rem)?", re.I)
DEPTH_CLASS_RE = re.compile(r"(?:^|[\s-])(?:depth|lv|level|reply|re)-?w?(\d+)(?:\s|$)")
COMMENT_PAGE_RE = re.compile(r"[?&](?:cpage|comment_page)=(\d+)")
#: Inside a comment: never its text (actions, forms, the edit textarea, reply slots, menus).
NOT_TEXT_CLASSES = MENU_AND_LABEL_CLASSES | {
    "bo_vl_opt",
    "bo_vc_act",
    "bo_vc_w",
    "cmt_btn",
    "comment-btn",
    "view-comment-best-label",
}
_GENERIC_AUTHOR = (
    "a.sv_member, a.sv_guest, span.sv_member, span.sv_guest, span.member, span.guest, "
    "[class*='name'] a, [class*='name']"
)


def extract_comments(
    sel: Selector, page_url: str, skin_name: str, comment_count: int | None = None
) -> CommentBlock:
    """Every comment printed on a view page, in page order, with depth and parent.

    ``comment_count``: the post's own count of its comments, when known. A page that prints
    exactly that many (deleted placeholders included) holds them all: no further comment page
    is looked for (the search reads every link of the page, ≈ 20 µs, on every post with
    comments). Any other count, or none, and the links are read.
    """
    table = COMMENT_SKINS.get(skin_name, CommentSkin())
    root = sel.root
    if not isinstance(root, etree._Element):
        return CommentBlock()
    block = CommentBlock()
    seen: set[int] = set()
    indents: list[float] = []
    found: list[RawComment] = []
    # One pass over the page: comment anchors and gnuboard's edit-form helpers beside them
    # (``secret_comment_<id>``, ``save_comment_<id>``), not one search per comment.
    secret_flags: dict[str, str] = {}
    saved_texts: dict[str, str] = {}
    anchors = []
    nodes = comment_nodes(root)
    # the lxml elements themselves (``attr``'s ``get`` without a Selector per node): the search
    # returns elements only, whose ``id``/``name``/``value`` are plain attribute names
    for element in nodes:
        node_id = element.get("id") or ""
        if node_id.startswith("secret_comment_"):
            secret_flags[node_id[len("secret_comment_") :]] = element.get("value") or ""
        elif node_id.startswith("save_comment_"):
            # a leaf's string value is its text (no XPath evaluation for the usual textarea)
            saved_texts[node_id[len("save_comment_") :]] = (
                (element.text or "") if not len(element) else _SAVED_TEXT_XPATH(element)
            )
        else:
            anchors.append(element)
    if not anchors:
        return block
    queries = PageQueries(sel)
    for anchor in anchors:
        match = COMMENT_ID_RE.match(anchor.get("id") or anchor.get("name") or "")
        if not match:
            continue
        comment_id = int(match.group(1))
        if comment_id in seen:
            continue
        scope = _scope(anchor)
        if scope is None:
            continue
        seen.add(comment_id)
        comment = _read_comment(
            scope,
            comment_id,
            table,
            queries,
            secret_flags.get(str(comment_id), ""),
            saved_texts.get(str(comment_id)),
        )
        if comment is None:
            block.deleted_placeholders += 1
            continue
        found.append(comment)
        indents.append(_indent(scope))
    ranks = {value: rank for rank, value in enumerate(sorted(set(indents) | {0.0}))}
    parents: list[int | None] = []  # the last comment seen at each depth
    for comment, indent in zip(found, indents, strict=True):
        comment.depth = ranks[indent]
        del parents[comment.depth :]
        if comment.depth and parents:
            comment.parent_comment_id = parents[-1]
        if parents:  # a reply opening a comment page keeps its depth; its parent is earlier
            comment.depth = min(comment.depth, len(parents))
        # levels above a reply that opens the page are on an earlier page: kept as unknown,
        # so a deeper reply after it keeps its own depth
        parents += [None] * (comment.depth - len(parents))
        parents.append(comment.comment_id)
    block.comments = found
    if found and not prints_all_comments(block, comment_count):
        block.more_pages = _comment_pages(root, page_url)
    return block


def prints_all_comments(block: CommentBlock, comment_count: int | None) -> bool:
    """Whether the page printed as many comments as the post counts (placeholders of deleted
    ones too: gnuboard counts them until they are gone), so no other page holds one."""
    return comment_count is not None and comment_count == (
        len(block.comments) + block.deleted_placeholders
    )


def comment_nodes(root: etree._Element) -> list[etree._Element]:
    """The page's comment anchors and edit-form helpers, in page order: searched inside
    ``#bo_vc`` when the page has exactly one and it holds any or says it has none
    (``#bo_vc_empty``); on every fixture page with a ``#bo_vc`` that is all of them
    (``tests/test_comments.py`` checks it). Otherwise over the whole page, so a theme whose
    section is only a wrapper, or that prints its comments elsewhere, still has them read."""
    sections = COMMENT_SECTION_XPATH(root)
    if len(sections) == 1:
        nodes = COMMENT_NODES_WITHIN_XPATH(sections[0])
        if nodes or says_it_has_no_comments(sections[0]):
            return nodes
    return COMMENT_NODES_XPATH(root)


def says_it_has_no_comments(section: etree._Element) -> bool:
    """``NO_COMMENTS_XPATH(section)``: an element ``id="bo_vc_empty"`` inside ``section``. The
    page's id table names one such element (the first, when a page repeats the id): when it
    names none, there is none; when it names one inside the section, there is one; only one
    outside sends the question to the walk of the section."""
    named = NO_COMMENTS_BY_ID_XPATH(section)
    if not named:
        return False
    if any(ancestor is section for ancestor in named[0].iterancestors()):
        return True
    return bool(NO_COMMENTS_XPATH(section))


def _scope(anchor: etree._Element) -> etree._Element | None:
    """The element holding the comment: the anchor's own element, or for ``<a name="c_N">``
    (g4) the table or block that follows it. A comment is read on the lxml elements: a parsel
    ``Selector`` per node (≈ 3 a comment: the comment, its body, its name) cost more than the
    queries they wrapped; one is made only for the rare comment without a known body block."""
    if anchor.get("id"):
        return anchor
    following = _NEXT_ELEMENT_XPATH(anchor)
    return following[0] if following else None


def _read_comment(
    scope: etree._Element,
    comment_id: int,
    table: CommentSkin,
    queries: PageQueries,
    secret_flag: str,
    saved: str | None,
) -> RawComment | None:
    comment = RawComment(comment_id=comment_id)
    body_node = queries.first(scope, table.body)
    author_node = queries.first(scope, table.author)
    author_node = author_node if author_node is not None else queries.first(scope, _GENERIC_AUTHOR)
    if author_node is not None:
        comment.author = inline_text(author_node, MENU_AND_LABEL_CLASSES) or attr(
            author_node, "title"
        )
        comment.author_id = member_id(author_node)
    header = _header_text(scope, body_node)
    ip = GUEST_IP_RE.search(header)
    comment.author_ip = ip.group(1) if ip else None
    comment.date_texts = _dates(scope, queries, table, header)
    if body_node is not None:
        text = block_text(body_node, NOT_TEXT_CLASSES)
    elif saved is not None:
        text = saved
    else:
        text = _text_after_header(Selector(root=scope, type="html"), author_node)
    flat = " ".join(text.split())
    if DELETED_TEXT_RE.match(flat):
        saved_flat = " ".join((saved or "").split())
        if not saved_flat or DELETED_TEXT_RE.match(saved_flat):
            return None  # a placeholder of a deleted comment: gone, not an item
    locked, secret_icon = secret_marks(scope)  # locked: 댓글내용 확인, the password page
    comment.is_secret = (
        secret_flag == "secret" or locked or bool(SECRET_TEXT_RE.match(flat)) or secret_icon
    )
    if comment.is_secret and (locked or SECRET_TEXT_RE.match(flat) or not flat):
        text = ""  # a guest sees only the placeholder: the row is kept, its text is unknown
    elif not flat and body_node is not None and select_nodes(body_node, "img"):
        # an image-only comment (an emoticon): its alt text, else the image's file name
        names = [
            attr(img, "alt") or attr(img, "src").rsplit("/", 1)[-1]
            for img in select_nodes(body_node, "img")
        ]
        text = "\n".join(f"[{name}]" for name in names if name)
    comment.body_text = text
    if table.likes:
        comment.likes = _first_text(scope, queries, table.likes)
    if table.dislikes:
        comment.dislikes = _first_text(scope, queries, table.dislikes)
    return comment


def secret_marks(scope: etree._Element) -> tuple[bool, bool]:
    """Whether ``scope`` (itself included) holds a :data:`SECRET_LINK_CSS` link, and a
    :data:`SECRET_ICON_CSS` icon: lxml's one walk of the ``a`` and ``img`` elements, each tested
    as the CSS tests it (libxml2's two XPath walks of every node: 4.75 → 2.77 µs a bench
    comment; ``tests/test_comment_shortcuts.py`` checks it against the CSS on every element of
    every fixture page)."""
    locked = icon = False
    for element in scope.iter("a", "img"):
        if element.tag == "a":
            if not locked:
                href = element.get("href") or ""
                locked = "w=sc&" in href or "w=sc&amp;" in href or has_class(element, "s_cmt")
        elif not icon:
            icon = element.get("alt") == "비밀글" or "icon_secret" in (element.get("src") or "")
        if locked and icon:
            break
    return locked, icon


def _first_text(scope: etree._Element, queries: PageQueries, query: str) -> str | None:
    node = queries.first(scope, query)
    return (inline_text(node, MENU_AND_LABEL_CLASSES) or None) if node is not None else None


def _header_text(scope: etree._Element, body: etree._Element | None) -> str:
    """The comment's text ahead of its body: name, IP, date."""
    if body is None:
        headers = select_nodes(scope, "header, [class*='head'], [class*='info']")
        if headers:
            return inline_text(headers[0], MENU_AND_LABEL_CLASSES)
        return inline_text(scope, MENU_AND_LABEL_CLASSES)
    return inline_text(scope, MENU_AND_LABEL_CLASSES, stop_at=body)


def time_datetime(element: etree._Element) -> list[str]:
    """``time::attr(datetime)``'s first value, as a list of at most one: lxml's ``iter`` stops at
    the first ``<time>`` that has one (no XPath context per comment, no walk past it)."""
    for time in element.iter("time"):
        value = time.get("datetime")
        if value is not None:
            return [value]
    return []


def _dates(
    scope: etree._Element, queries: PageQueries, table: CommentSkin, header: str
) -> list[str]:
    dates = time_datetime(scope)
    if table.date:
        text = _first_text(scope, queries, table.date)
        if text:
            dates.append(text)
    match = DATE_TEXT_RE.search(header)
    if match:
        dates.append(match.group(0))
    return dates


def _text_after_header(scope: Selector, author: etree._Element | None) -> str:
    """No body block known: the comment without its header. The header is the smallest block
    holding both the name and the date; when the comment itself is that block, the name and
    the date are left out one by one. Headings such as ``OO님의 댓글`` never are the text."""
    root = scope.root
    date = _date_node(scope)
    dropped: list[Any] = []
    marks = [node for node in (author, date.root if date is not None else None) if node is not None]
    if len(marks) == 2:
        common = _common_ancestor(marks[0], marks[1], root)
        dropped = [common] if common is not root else marks
    else:
        dropped = marks
    dropped += [h.root for h in scope.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6") if _is_label(h)]
    order = {el: n for n, el in enumerate(root.iter())}
    positions = {order[el] for el in dropped if el in order}
    copy = deepcopy(root)
    for n, el in reversed(list(enumerate(copy.iter()))):
        if n in positions and el is not copy:
            _remove_keeping_tail(el)
    return block_text(copy, NOT_TEXT_CLASSES)


def _date_node(scope: Selector) -> Selector | None:
    """The comment's date: a ``<time>``, else the innermost element whose own text is a date."""
    times = css(scope, "time")
    if times:
        return times[0]
    for node in scope.xpath(".//*[text()]"):
        own = " ".join(node.xpath("./text()").getall())
        if DATE_TEXT_RE.search(own):
            return node
    return None


def _common_ancestor(a: Any, b: Any, stop: Any) -> Any:
    ancestors_of_a = [a, *a.iterancestors()]
    for el in [b, *b.iterancestors()]:
        if el in ancestors_of_a:
            return el
        if el is stop:
            break
    return stop


def _is_label(heading: Selector) -> bool:
    text = inline_text(heading)
    return text.endswith("댓글") or text.endswith("comment")


def _remove_keeping_tail(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _indent(root: etree._Element) -> float:
    """How far a comment is indented: its own (or its first descendants') left margin or
    padding, a spacer's width (g4), or a ``depth-N`` class; 0 when flush left."""
    for node in [root, *_INDENT_NODES_XPATH(root)]:
        style = node.get("style")
        match = INDENT_STYLE_RE.search(style) if style else None
        if match:
            value = float(match.group(1))
            return value * 16 if match.group(2) in ("em", "rem") else value
    # a comment without any table cell (every g5 skin) has no spacer: lxml's ``iter`` answers
    # that without the XPath's evaluation context
    spacers = _SPACER_CELLS_XPATH(root) if next(root.iter("td"), None) is not None else []
    for node in spacers:
        widths = _SPACER_WIDTH_XPATH(node)
        spacer = (widths[0] if widths else None) or node.get("width") or ""
        if spacer and spacer.isdigit():
            return float(spacer)
    parent = root.getparent()  # ``ancestor::*[1]``
    for node in [root] if parent is None else [root, parent]:
        match = DEPTH_CLASS_RE.search(node.get("class") or "")
        if match:
            return float(match.group(1)) * 1000
    return 0.0


def _comment_pages(root: etree._Element, page_url: str) -> list[str]:
    """Further comment pages linked from the page (``cpage=``/``comment_page=``), each once."""
    joined = _LINK_HREFS_JOINED(root)
    if "cpage=" not in joined and "comment_page=" not in joined:
        return []
    pages: dict[int, str] = {}
    for href in _LINK_HREFS(root):
        if "cpage=" not in href and "comment_page=" not in href:
            continue
        match = COMMENT_PAGE_RE.search(href)
        if match and int(match.group(1)) > 1:
            pages.setdefault(int(match.group(1)), _join(page_url, href))
    return [pages[n] for n in sorted(pages)]


def _join(base: str, href: str) -> str:
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return ""


__all__ = ["COMMENT_SKINS", "CommentBlock", "CommentSkin", "RawComment", "extract_comments"]
