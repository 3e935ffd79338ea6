"""The generic reader: what gnuboard's core prints whatever the skin, read without a skin table.

Used for a page no skin table matches, and for each field a matched table has no selector for
(so the stock skins never pay for it). Every cue here comes from gnuboard itself, not from a
theme:

- list rows are the repeated elements that each hold the links to one post of the board (core
  ``get_list()`` hrefs carry ``wr_id``); the subject is the row's link with the most text;
- a table's header cell names its column (``조회``/``Hit``, ``날짜``, ``글쓴이``…);
- authors are the core sideview spans (``sv_member``/``sv_guest``, g4/g6 ``member``/``guest``);
- categories are links carrying ``sca=``, or the element a heading prints before the subject;
- dates, views, comments and votes are labelled (``작성일``, ``조회``, ``댓글``, ``추천``) or sit
  next to an icon (Font Awesome ``fa-clock-o``/``fa-eye``/``fa-comment…``, Bootstrap Icons
  ``bi-…``, XEIcon ``xi-…``);
- votes are the links to core ``good.php`` (g6 ``/bbs/ajax/good/…``);
- the body, where ``#bo_v_con`` is gone, is the block holding the most paragraph text outside
  comments (``c_<id>`` anchors), navigation and forms;
- ``게시물이 없습니다.`` (g4/g5) / ``게시글이 없습니다.`` (g6) is the empty-board row.

Functions take a ``parsel.Selector`` and return raw strings, like the rest of extraction.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from parsel import Selector

from newsbot.skins.query import css as fast_css
from newsbot.skins.query import xpath as fast_xpath
from newsbot.skins.text import MENU_AND_LABEL_CLASSES, TITLE_DECORATION_CLASSES, inline_text
from newsbot.urls import BoardRef

#: Header-cell text (spaces removed, lower case) → the field of that column.
COLUMN_FIELDS = {
    "조회": "views",
    "조회수": "views",
    "hit": "views",
    "hits": "views",
    "views": "views",
    "view": "views",
    "날짜": "date",
    "작성일": "date",
    "등록일": "date",
    "일자": "date",
    "date": "date",
    "글쓴이": "author",
    "작성자": "author",
    "이름": "author",
    "닉네임": "author",
    "writer": "author",
    "author": "author",
    "name": "author",
    "분류": "category",
    "카테고리": "category",
    "category": "category",
    "댓글": "comments",
    "comments": "comments",
}
#: Icon classes (any of the element's classes starting with one of these) → field.
ICON_FIELDS: list[tuple[tuple[str, ...], str]] = [
    (("fa-eye", "bi-eye", "xi-eye", "ion-eye", "ti-eye"), "views"),
    (
        ("fa-comment", "bi-chat", "xi-comment", "xi-speech", "ion-chatbubble", "ti-comment"),
        "comments",
    ),
    (
        (
            "fa-clock",
            "fa-calendar",
            "bi-clock",
            "bi-calendar",
            "xi-time",
            "xi-calendar",
            "ion-clock",
            "ti-time",
            "ti-calendar",
        ),
        "date",
    ),
    (("fa-thumbs-up", "fa-thumbs-o-up", "bi-hand-thumbs-up", "xi-thumbs-up"), "likes"),
    (("fa-thumbs-down", "fa-thumbs-o-down", "bi-hand-thumbs-down", "xi-thumbs-down"), "dislikes"),
]
ICON_CSS = "i[class], span[class*='fa-'], span[class*='bi-'], svg[class]"
#: Labels in running text: ``조회 56``, ``Hit : 56``, ``댓글 3``, ``Comments 3``.
LABEL_RES = {
    "views": re.compile(r"(?:조회수?|hits?|views?)\s*[:：]?\s*([\d,]+)", re.I),
    "comments": re.compile(r"(?:댓글|코멘트|comments?)\s*[:：]?\s*([\d,]+)", re.I),
    "likes": re.compile(
        r"(?<!비)(?:추천|좋아요|likes?|recommend(?:ed|s)?|votes?)\s*[:：]?\s*([\d,]+)", re.I
    ),
    "dislikes": re.compile(r"(?:비추천|싫어요|dislikes?)\s*[:：]?\s*([\d,]+)", re.I),
    "date": re.compile(
        r"(?:작성일|등록일|날짜|date|posted)\s*[:：]?\s*("
        r"\d{2,4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)",
        re.I,
    ),
    "author": re.compile(r"(?:작성자|글쓴\s*이|writer|author)\s*[:：]?\s*(\S+)", re.I),
    "category": re.compile(r"(?:분류|카테고리|category)\s*[:：]?\s*([^\s:：]{1,20})", re.I),
}
#: A whole cell that is a board date: ``2026-11-28 10:42``, ``26.11.28``, ``11-27``, ``10:42``.
DATE_CELL_RE = re.compile(
    r"^(?:\d{2,4}[-./]\d{1,2}[-./]\d{1,2}\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"\d{1,2}[-./]\d{1,2}|\d{1,2}:\d{2})$"
)
COUNT_RE = re.compile(r"\d[\d,]*")
#: A bare count beside a subject: ``3``, ``[3]``, ``(3)``, ``+3``.
BARE_COUNT_RE = re.compile(r"^[\[(+]?\s*(\d[\d,]*)\s*[\])]?$")
NOTICE_WORDS = frozenset({"공지", "공지사항", "notice", "필독"})
#: Classes themes give a pinned notice row: g5 ``bo_notice``, g6 ``is_notice``, ``sticky``…
NOTICE_CLASS_RE = re.compile(r"notice|sticky|pinned", re.I)
EMPTY_LIST_RE = re.compile(
    r"^(?:등록된\s*)?(?:게시물|게시글|글)이\s*없습니다\.?$|^no\s+(?:posts|articles)(?:\s+yet)?\.?$"
    r"|^there\s+are\s+no\s+(?:posts|articles)\.?$",
    re.I,
)
SIDEVIEW_CSS = "a.sv_member, a.sv_guest, span.sv_member, span.sv_guest, span.member, span.guest"
#: Subtrees that are never the post body (navigation, forms, comments, files, footers).
NOT_BODY_XPATH = (
    "ancestor-or-self::*[self::nav or self::header or self::footer or self::form or "
    "self::aside or self::script or starts-with(@id, 'c_') or "
    "contains(@class, 'comment') or contains(@class, 'cmt')]"
)
BODY_CANDIDATE_TAGS = frozenset({"div", "td", "section", "article", "main"})
#: Elements whose own text is never post text.
SKIP_TEXT_TAGS = frozenset(
    "script style noscript a button title head option select textarea label h1 h2 th dt caption "
    "legend".split()
)
#: A body needs at least this much paragraph text to win over a page's other blocks.
MIN_BODY_CHARS = 20
CATEGORY_CLASS_RE = re.compile(r"cate|badge|label|tag", re.I)


# -- list pages ----------------------------------------------------------------------------------


def list_rows(
    scope: Selector, ref_of: Callable[[str], BoardRef | None]
) -> list[tuple[Selector, Selector, BoardRef]]:
    """``(row, subject link, ref)`` per post: the largest element around a post link that holds
    links to that post only, in page order (each row once)."""
    anchors: list[tuple[Selector, BoardRef]] = []
    for anchor in fast_css(scope, "a[href]"):
        ref = ref_of(anchor.root.get("href") or "")
        if ref is not None:
            anchors.append((anchor, ref))
    if not anchors:
        return []
    # every ancestor → the posts linked below it
    posts_under: dict[etree._Element, set[object]] = {}
    for anchor, ref in anchors:
        key = ref.wr_id if ref.wr_id is not None else ref.slug
        for el in anchor.root.iterancestors():
            posts_under.setdefault(el, set()).add(key)
    rows: dict[etree._Element, list[tuple[Selector, BoardRef]]] = {}
    for anchor, ref in anchors:
        row = anchor.root
        for el in anchor.root.iterancestors():
            if len(posts_under[el]) > 1:
                break
            row = el
        rows.setdefault(row, []).append((anchor, ref))
    found = []
    for row_el, links in rows.items():
        subject = max(links, key=lambda pair: len(_title_text(pair[0])))
        if not _title_text(subject[0]):
            continue
        found.append((Selector(root=row_el), subject[0], subject[1]))
    return found


def _title_text(anchor: Selector) -> str:
    return inline_text(anchor, TITLE_DECORATION_CLASSES)


def table_columns(row: Selector) -> dict[str, int]:
    """Field → cell index, from the header cells of the table a ``tr`` row sits in."""
    if row.root.tag != "tr":
        return {}
    headers = fast_xpath(row, "ancestor::table[1]/thead//th | ancestor::table[1]/tr[th][1]/th")
    if not headers:
        headers = fast_xpath(row, "ancestor::table[1]/tbody/tr[th][1]/th")
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = "".join(inline_text(header, MENU_AND_LABEL_CLASSES).split()).lower()
        field = COLUMN_FIELDS.get(name)
        if field and field not in columns:
            columns[field] = index
    return columns


def row_values(
    row: Selector, subject: Selector | None, columns: dict[str, int]
) -> dict[str, tuple[str, str]]:
    """Field → ``(raw text, cue)`` for what one list row shows besides its subject (without the
    subject link, nothing is read beside it)."""
    found: dict[str, tuple[str, str]] = {}
    cells = fast_xpath(row, "./td | ./th") if columns else []
    for field, index in columns.items():
        if index < len(cells):
            text = inline_text(cells[index], MENU_AND_LABEL_CLASSES)
            if text:
                found[field] = (text, "column header")
    author = _first(row, SIDEVIEW_CSS)
    if "author" not in found and author is not None:
        name = inline_text(author, MENU_AND_LABEL_CLASSES) or author.root.get("title") or ""
        if name:
            found["author"] = (name, "sideview span")
    for field, (text, cue) in icon_values(row).items():
        found.setdefault(field, (text, cue))
    if "category" not in found and subject is not None:
        category = _category_near(row, subject)
        if category:
            found["category"] = category
    if "comments" not in found and subject is not None:
        count = _count_beside(subject)
        if count:
            found["comments"] = (count, "count beside the subject")
    if "date" not in found:
        for leaf in fast_xpath(row, ".//*[not(*) or self::span or self::td or self::li]"):
            text = inline_text(leaf, MENU_AND_LABEL_CLASSES)
            if DATE_CELL_RE.match(text):
                found["date"] = (text, "date-shaped cell")
                break
    text = inline_text(row, MENU_AND_LABEL_CLASSES)
    for field in ("views", "comments"):
        if field not in found:
            match = LABEL_RES[field].search(text)
            if match:
                found[field] = (match.group(1), "label")
    return found


def is_notice_row(row: Selector) -> bool:
    """Core notice markers: a ``notice`` class on the row, or a ``공지`` badge/cell in it."""
    if NOTICE_CLASS_RE.search(row.root.get("class") or ""):
        return True
    for node in fast_xpath(row, ".//*[not(self::a)]"):
        if NOTICE_CLASS_RE.search(node.root.get("class") or ""):
            return True
        own = " ".join("".join(fast_xpath(node, "./text()").getall()).split()).lower()
        if own in NOTICE_WORDS:
            return True
    return bool(fast_css(row, "i.fa-bullhorn, i.bi-megaphone, i.fa-thumb-tack"))


def shows_empty_message(scope: Selector) -> bool:
    """Does the page print gnuboard's empty-board row (``게시물이 없습니다.``)?"""
    for text in fast_xpath(
        scope,
        "//body//*[self::td or self::li or self::p or self::div or self::span]"
        "[not(*[self::div or self::table or self::ul])]/text()",
    ).getall():
        if EMPTY_LIST_RE.match(" ".join(text.split())):
            return True
    return False


def _category_near(row: Selector, subject: Selector) -> tuple[str, str] | None:
    for link in fast_css(row, "a[href*='sca=']"):
        text = inline_text(link, MENU_AND_LABEL_CLASSES).lstrip("#").strip()
        if text:
            return text, "sca link"
    before = fast_xpath(subject, "preceding-sibling::*[1]")
    if before and CATEGORY_CLASS_RE.search(before[0].root.get("class") or ""):
        text = inline_text(before[0], MENU_AND_LABEL_CLASSES)
        if text and len(text) <= 20 and text.lower() not in NOTICE_WORDS:
            return text, "badge before the subject"
    return None


def _count_beside(subject: Selector) -> str | None:
    after = fast_xpath(subject, "following-sibling::*[1]")
    if not after:
        return None
    match = BARE_COUNT_RE.match(inline_text(after[0], MENU_AND_LABEL_CLASSES))
    return match.group(1) if match else None


# -- icons and labels ----------------------------------------------------------------------------


def icon_field(classes: str) -> str | None:
    for class_name in classes.split():
        for prefixes, field in ICON_FIELDS:
            if class_name.startswith(prefixes):
                return field
    return None


def icon_values(scope: Selector, before: Selector | None = None) -> dict[str, tuple[str, str]]:
    """Field → ``(text, "icon fa-eye")`` for each known icon in ``scope`` with a value beside it:
    the icon's tail text, else the text of its parent (labels dropped). With ``before`` (a
    post's body), only icons ahead of it count: after it come comments with their own."""
    found: dict[str, tuple[str, str]] = {}
    for icon in fast_css(scope, ICON_CSS):
        if before is not None and _after(icon.root, before.root):
            break
        classes = icon.root.get("class") or ""
        field = icon_field(classes)
        if field is None or field in found:
            continue
        text = " ".join((icon.root.tail or "").split())
        if not text:
            parent = fast_xpath(icon, "..")
            text = inline_text(parent[0], MENU_AND_LABEL_CLASSES) if parent else ""
        value = _value_for(field, text)
        if value:
            cue = next((c for c in classes.split() if icon_field(c)), classes)
            found[field] = (value, f"icon {cue}")
    return found


def _value_for(field: str, text: str) -> str | None:
    if field == "date":
        match = re.search(
            r"\d{2,4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|"
            r"\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2})?|\d{1,2}:\d{2}",
            text,
        )
        return match.group(0) if match else None
    match = COUNT_RE.search(text)
    return match.group(0) if match else None


def label_value(text: str, field: str) -> str | None:
    match = LABEL_RES[field].search(text) if text else None
    return match.group(1) if match else None


# -- view pages ----------------------------------------------------------------------------------


def find_body(sel: Selector) -> Selector | None:
    """The block holding the most paragraph text outside comments, navigation and forms."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return None
    scores: dict[etree._Element, int] = {}
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in SKIP_TEXT_TAGS:
            continue
        own = len((element.text or "").strip()) + sum(
            len((child.tail or "").strip()) for child in element
        )
        if not own:
            continue
        owner = element
        while owner is not None and owner.tag not in BODY_CANDIDATE_TAGS:
            owner = owner.getparent()
        if owner is not None:
            scores[owner] = scores.get(owner, 0) + own
    best: etree._Element | None = None
    best_score = MIN_BODY_CHARS - 1
    for element, score in sorted(scores.items(), key=lambda pair: -pair[1]):
        if score <= best_score:
            break
        if not Selector(root=element).xpath(NOT_BODY_XPATH) and not _inside_link(element):
            best = element
            break
    return Selector(root=best) if best is not None else None


def _inside_link(element: etree._Element) -> bool:
    return any(a.tag in ("a", "button") for a in element.iterancestors())


def vote_count(sel: Selector, which: str) -> str | None:
    """The count on the core vote link: g4/g5 ``good.php?…good=good|nogood``, g6
    ``/bbs/ajax/good/<bo_table>/<wr_id>/good|nogood``."""
    for anchor in fast_css(sel, "a[href*='good.php'], a[href*='/ajax/good/']"):
        href = anchor.root.get("href") or ""
        if not re.search(rf"(?:[?&;]good={which}\b|/{which}$)", href):
            continue
        match = COUNT_RE.search(inline_text(anchor, MENU_AND_LABEL_CLASSES))
        if match:
            return match.group(0)
    return None


def heading_for(sel: Selector, subject: str, stem: str) -> tuple[str, str | None] | None:
    """``(subject, category)`` from the heading that prints the subject ``stem`` starts: the
    heading's text from the stem on, and what it printed before it (a category badge). A heading
    that copies ``<title>`` itself (its cut ``subject``, a `` > `` board) is not the post's."""
    stem = stem.strip()
    if not stem:
        return None
    best: tuple[str, str | None] | None = None
    for heading in fast_xpath(sel, "//body//*[self::h1 or self::h2 or self::h3 or self::h4]"):
        text = inline_text(heading, MENU_AND_LABEL_CLASSES)
        at = text.find(stem)
        if at < 0 or (subject != stem and subject in text) or " > " in text[at:]:
            continue
        subject, prefix = text[at:].strip(), text[:at].strip()
        if best is None or len(subject) > len(best[0]):
            best = (subject, prefix or None)
    return best


def article_category(
    sel: Selector, body: Selector | None, info: str, title: str | None
) -> tuple[str, str] | None:
    """``(category, cue)`` printed in the post header: a ``sca=`` link or an element with a
    ``cate`` class before the body, a ``분류``/``Category`` label, or the short line a theme
    prints just above the subject heading (a kicker)."""
    for node in fast_xpath(sel, "//body//*[contains(@class, 'cate') or contains(@href, 'sca=')]"):
        if body is not None and _after(node.root, body.root):
            break
        text = inline_text(node, MENU_AND_LABEL_CLASSES).lstrip("#").strip()
        if text and len(text) <= 20 and not fast_xpath(node, "ancestor::*[starts-with(@id, 'c_')]"):
            return text, "category class or sca link in the post header"
    labelled = label_value(info, "category")
    if labelled and labelled.lower() not in COLUMN_FIELDS:  # an empty cell before the next label
        return labelled, "label"
    if title:
        for heading in fast_xpath(sel, "//body//*[self::h1 or self::h2 or self::h3]"):
            if inline_text(heading, MENU_AND_LABEL_CLASSES) != title:
                continue
            above = fast_xpath(heading, "preceding-sibling::*[1]")
            text = inline_text(above[0], MENU_AND_LABEL_CLASSES) if above else ""
            if text and len(text) <= 20 and not COUNT_RE.fullmatch(text):
                return text.lstrip("#").strip(), "line above the subject heading"
            break
    return None


def first_sideview(sel: Selector, body: Selector | None) -> Selector | None:
    """The first core sideview name before the body (after it come comments)."""
    for node in fast_css(sel, SIDEVIEW_CSS):
        if body is not None and _after(node.root, body.root):
            return None
        if fast_xpath(node, "ancestor::*[starts-with(@id, 'c_')]"):
            continue
        return node
    return None


def _after(element: etree._Element, anchor: etree._Element) -> bool:
    """Does ``element`` come after the start of ``anchor`` in document order (or inside it)?"""
    order = _document_order(element)
    return order.get(element, -1) > order.get(anchor, -1)


#: Element → position in its document, for the last document asked about.
_last_order: tuple[object, dict[etree._Element, int]] | None = None


def _document_order(element: etree._Element) -> dict[etree._Element, int]:
    global _last_order
    tree = element.getroottree()
    root = tree.getroot()
    if _last_order is None or _last_order[0] is not root:
        _last_order = (root, {el: i for i, el in enumerate(root.iter())})
    return _last_order[1]


def _first(scope: Selector, css: str) -> Selector | None:
    found = fast_css(scope, css)
    return found[0] if found else None
