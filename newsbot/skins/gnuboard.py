"""Extraction for gnuboard list and view pages: probe the skin, read its selectors, fall back.

Every function here takes a ``parsel.Selector`` (and the page URL, to resolve hrefs) and returns
raw strings in the dataclasses of :mod:`newsbot.skins.base`. Nothing here imports Scrapy, so tests
and benchmarks can run it on a saved page.

Order of trust: the detected skin's selectors first, then cues every gnuboard skin shares — the
``작성자``/``조회``/``작성일``/``댓글`` labels, ``wr_id`` hrefs, ``c_<id>`` comment anchors,
``download.php``/``link.php`` links and the ``<title>`` pattern ``{subject} > {board} | {site}``.
"""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from newsbot.skins.base import Attachment, ListPage, ListRow, RawPost, Skin
from newsbot.skins.skins import GENERIC, SKINS
from newsbot.skins.text import MENU_AND_LABEL_CLASSES, block_text, inline_text
from newsbot.urls import BoardRef, parse_board_url, resolve_href, strip_list_state

BO_TABLE_VAR_RE = re.compile(r"""var\s+g[45]_bo_table\s*=\s*["']([A-Za-z0-9_]*)["']""")
BBS_URL_VAR_RE = re.compile(r"""var\s+g5_bbs_url\s*=\s*["']([^"']+)["']""")
G4_PATH_VAR_RE = re.compile(r"""var\s+g4_path\s*=\s*["']([^"']*)["']""")
SKIN_COMMENT_RE = re.compile(r"<!--\s*사용스킨\s*:\s*([^>]+?)\s*-->")
TITLE_TAG_RE = re.compile(
    r"^(?P<subject>.*)\s>\s(?P<board>[^>|]+?)(?:\s\|\s(?P<site>[^|]*))?$", re.S
)
#: Labels printed (often as screen-reader-only text) before each header value.
LABEL_VALUE_RES = {
    "author": re.compile(r"(?:작성자|글쓴이|글쓴\s*이|작성)\s*:?\s*(\S+)"),
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
GUEST_IP_RE = re.compile(r"\(\s*(\d{1,3}\.[♡*\d]{1,3}\.[♡*\d]{1,3}\.\d{1,3})\s*\)")
MB_ID_RE = re.compile(r"[?&]mb_id=([A-Za-z0-9_]+)")
PAGE_PARAM_RE = re.compile(r"[?&]page=(\d+)")
FILE_NAME_JS_RE = re.compile(r"file_download\([^,]+,\s*['\"]([^'\"]+)['\"]")
#: An ellipsis the list or heading put where it cut the subject.
CUT_MARKS = ("…", "...", "..")
#: gnuboard cuts the view heading at this many characters (list rows at bo_subject_len, 60).
HEADING_CUT_LEN = 70


# -- page-level probes ---------------------------------------------------------------------------


def page_bo_table(sel: Selector) -> str | None:
    """The board id gnuboard prints in every page head, alert pages included."""
    found = sel.re_first(BO_TABLE_VAR_RE)
    if found:
        return found
    return sel.css('input[name="bo_table"]::attr(value)').get()


def page_base(sel: Selector, page_url: str) -> str | None:
    """The install's base path ('' for root), from ``g5_bbs_url`` or the page URL."""
    bbs = sel.re_first(BBS_URL_VAR_RE)
    ref = parse_board_url(f"{bbs}/board.php?bo_table=x") if bbs else None
    if ref is None:
        ref = parse_board_url(page_url)
    return ref.base if ref else None


def detect_skin(sel: Selector) -> Skin:
    """Pick the skin whose fingerprint the page carries; GENERIC (labels only) when none does."""
    for skin, probe in SKINS:
        if sel.css(probe):
            return skin
    return GENERIC


def skin_comment(sel: Selector) -> str | None:
    return sel.re_first(SKIN_COMMENT_RE)


# -- list pages ----------------------------------------------------------------------------------


def _first_text(scope: Selector | SelectorList, css: str, skip=MENU_AND_LABEL_CLASSES) -> str:
    if not css:
        return ""
    found = scope.css(css)
    return inline_text(found[0], skip) if found else ""


def _post_ref(href: str | None, page_url: str, bo_table: str | None, base: str | None):
    if not href or href.startswith(("javascript:", "#")):
        return None
    ref = parse_board_url(resolve_href(href, page_url), known_base=base)
    if ref is None or ref.wr_id is None:
        return None
    if bo_table and ref.bo_table != bo_table:
        return None
    return ref


def extract_list_page(sel: Selector, page_url: str) -> ListPage:
    skin = detect_skin(sel)
    here = parse_board_url(page_url)
    bo_table = page_bo_table(sel) or (here.bo_table if here else None)
    base = page_base(sel, page_url)
    page = ListPage(
        skin=skin.name,
        bo_table=bo_table,
        board_title=extract_board_title(sel, skin),
        current_page=(here.page if here and here.page else 1),
    )
    scope = sel.css(skin.list_container) if skin.list_container else sel
    rows = scope.css(skin.list_rows) if skin.list_rows else SelectorList([])
    seen_on_page: set[tuple[int, bool]] = set()
    for row in rows:
        parsed = _extract_list_row(row, skin, page_url, bo_table, base)
        if parsed is None:
            continue
        # The same wr_id may appear twice in a row's markup (thumbnail + subject); keep one.
        key = (parsed.post_id, parsed.is_notice)
        if key in seen_on_page:
            continue
        seen_on_page.add(key)
        page.rows.append(parsed)
    if not page.rows:
        page.rows = _generic_list_rows(scope, page_url, bo_table, base)
    page.current_page, page.last_page = _pagination(sel, skin, page_url, bo_table, page)
    return page


def _extract_list_row(
    row: Selector, skin: Skin, page_url: str, bo_table: str | None, base: str | None
) -> ListRow | None:
    link = None
    ref = None
    for candidate in row.css(skin.row_subject_link or "a[href]"):
        ref = _post_ref(candidate.attrib.get("href"), page_url, bo_table, base)
        if ref is not None:
            link = candidate
            break
    if link is None or ref is None:
        return None
    is_notice = bool(skin.row_notice and row.css(skin.row_notice)) or (
        bool(skin.row_notice_class) and skin.row_notice_class in row.attrib.get("class", "").split()
    )
    return ListRow(
        post_id=ref.wr_id,
        url=ref.post_url(),
        title=inline_text(link, MENU_AND_LABEL_CLASSES),
        is_notice=is_notice,
        category=_first_text(row, skin.row_category) or None,
        author=_first_text(row, skin.row_author) or None,
        views=_first_text(row, skin.row_views) or None,
        date_text=_first_text(row, skin.row_date) or None,
        comments=_first_text(row, skin.row_comments, skip=frozenset()) or None,
    )


def _generic_list_rows(
    scope: Selector | SelectorList, page_url: str, bo_table: str | None, base: str | None
) -> list[ListRow]:
    """Unknown skin: every anchor to a post of this board, once, in page order."""
    rows: list[ListRow] = []
    seen: set[int] = set()
    for anchor in scope.css("a[href]"):
        ref = _post_ref(anchor.attrib.get("href"), page_url, bo_table, base)
        if ref is None or ref.wr_id in seen:
            continue
        title = inline_text(anchor, MENU_AND_LABEL_CLASSES)
        if not title:
            continue
        seen.add(ref.wr_id)
        rows.append(ListRow(post_id=ref.wr_id, url=ref.post_url(), title=title))
    return rows


def _pagination(
    sel: Selector, skin: Skin, page_url: str, bo_table: str | None, page: ListPage
) -> tuple[int, int | None]:
    """Current and last page as the pager shows them (``맨끝`` links to the true last page)."""
    pager = sel.css(skin.pagination) if skin.pagination else SelectorList([])
    current = page.current_page
    if pager:
        current_text = pager.css(".pg_current::text, strong::text, .active a::text, b::text").re(
            r"\d+"
        )
        if current_text:
            current = int(current_text[0])
    numbers = [current]
    anchors = pager.css("a[href]") if pager else sel.css("a[href]")
    for anchor in anchors:
        href = resolve_href(anchor.attrib.get("href", ""), page_url)
        ref = parse_board_url(href)
        if ref is None or ref.wr_id is not None or (bo_table and ref.bo_table != bo_table):
            continue
        if re.search(r"[?&](sst|sod|stx)=", href):
            continue  # sort and search links carry page=1 but are not pagination
        match = PAGE_PARAM_RE.search(href)
        if match:
            numbers.append(int(match.group(1)))
    return current, max(numbers) if numbers else None


def extract_board_title(sel: Selector, skin: Skin) -> str | None:
    if skin.board_title:
        found = sel.css(skin.board_title)
        if found:
            text = inline_text(found[0], MENU_AND_LABEL_CLASSES)
            if text:
                return text
    parsed = _parse_title_tag(sel)
    if parsed:
        return parsed[1]
    return None


def _parse_title_tag(sel: Selector) -> tuple[str, str] | None:
    """``<title>{subject} > {board} | {site}</title>`` on g5 view pages."""
    title = " ".join(sel.css("title::text").get("").split())
    match = TITLE_TAG_RE.match(title)
    if not match:
        return None
    return match.group("subject").strip(), match.group("board").strip()


# -- view pages ----------------------------------------------------------------------------------


def extract_post(sel: Selector, page_url: str) -> RawPost:
    skin = detect_skin(sel)
    here = parse_board_url(page_url)
    base = page_base(sel, page_url)
    bo_table = page_bo_table(sel) or (here.bo_table if here else None)
    scope = sel.css(skin.view_container) if skin.view_container else SelectorList([])
    article = scope[0] if scope else sel
    info_sel = article.css(skin.view_info) if skin.view_info else SelectorList([])
    info = inline_text(info_sel[0], frozenset()) if info_sel else ""
    board_title = extract_board_title(sel, skin)
    post = RawPost(skin=skin.name, bo_table=bo_table, board_title=board_title)
    post.wr_id = (here.wr_id if here else None) or _wr_id_from_page(sel, bo_table, page_url, base)
    post.title = _view_title(sel, article, skin)
    post.category = _first_text(article, skin.view_category) or None
    _view_author(post, article, skin, info)
    post.date_texts = _view_dates(article, skin, info)
    post.views = _first_text(article, skin.view_views) or _label(info, "views")
    post.comments = _first_text(article, skin.view_comments, skip=frozenset()) or _label(
        info, "comments"
    )
    if not post.comments and skin.view_comment_items:
        post.comments = str(len(sel.css(skin.view_comment_items)))
    post.likes = _first_text(article, skin.view_likes) or _label(info, "likes")
    post.dislikes = _first_text(article, skin.view_dislikes) or _label(info, "dislikes")
    body = article.css(skin.view_body) if skin.view_body else SelectorList([])
    if body:
        post.body_text = block_text(body[0])
        post.body_html = body[0].get()
    post.image_urls = _view_images(article, skin, page_url)
    post.attachments = _view_attachments(article, skin, page_url)
    post.links = _view_links(article, skin, page_url)
    return post


def _label(info: str, name: str) -> str | None:
    match = LABEL_VALUE_RES[name].search(info) if info else None
    return match.group(1) if match else None


def _wr_id_from_page(
    sel: Selector, bo_table: str | None, page_url: str, base: str | None
) -> int | None:
    """A slug URL carries no wr_id: read it from the comment form or same-board action links."""
    value = sel.css('input[name="wr_id"]::attr(value)').get()
    if value and value.isdigit() and int(value):
        return int(value)
    for href in sel.css("a[href*='wr_id=']::attr(href)").getall():
        resolved = resolve_href(href, page_url)
        match = re.search(r"[?&]bo_table=([A-Za-z0-9_]+).*?[?&]wr_id=(\d+)", resolved) or re.search(
            r"[?&]wr_id=(\d+)", resolved
        )
        if not match:
            continue
        if match.lastindex == 2:
            if bo_table and match.group(1) != bo_table:
                continue
            if re.search(r"/(write|password|good|scrap_popin|link|download)\.php", resolved):
                return int(match.group(2))
    return None


def _view_title(sel: Selector, article: Selector, skin: Skin) -> str | None:
    heading = ""
    if skin.view_title:
        found = article.css(skin.view_title)
        if found:
            node = found[0]
            heading = inline_text(node, MENU_AND_LABEL_CLASSES)
            category = _first_text(node, skin.view_category) if skin.view_category else ""
            if category and heading.startswith(category):
                heading = heading[len(category) :].strip()
            heading = re.sub(r"^분류\s*\|\s*", "", heading)  # 5.0-5.2 prefix
    from_title_tag = _parse_title_tag(sel)
    subject = from_title_tag[0] if from_title_tag else ""
    if not heading:
        return subject or None
    if subject:
        stem = heading.rstrip("".join(CUT_MARKS)).rstrip()
        cut = heading.endswith(CUT_MARKS) or len(heading) >= HEADING_CUT_LEN
        if cut and subject.startswith(stem) and len(subject) > len(stem):
            return subject
    return heading


def _view_author(post: RawPost, article: Selector, skin: Skin, info: str) -> None:
    node = article.css(skin.view_author) if skin.view_author else SelectorList([])
    if node:
        first = node[0]
        post.author = inline_text(first, MENU_AND_LABEL_CLASSES) or first.attrib.get("title")
        href = first.attrib.get("href", "") or " ".join(first.css("a::attr(href)").getall())
        match = MB_ID_RE.search(href)
        if not match:
            match = MB_ID_RE.search(" ".join(first.xpath("..//a/@href").getall()))
        post.author_id = match.group(1) if match else None
        parent_text = inline_text(first.xpath(".."), MENU_AND_LABEL_CLASSES) if first else ""
        ip = GUEST_IP_RE.search(parent_text) or GUEST_IP_RE.search(info)
        post.author_ip = ip.group(1) if ip else None
    else:
        post.author = _label(info, "author")
        ip = GUEST_IP_RE.search(info)
        post.author_ip = ip.group(1) if ip else None


def _view_dates(article: Selector, skin: Skin, info: str) -> list[str]:
    dates: list[str] = []
    # A theme's own machine-readable time wins when it carries real seconds (core g5 rebuilds
    # <time> from the short text, so ':00' seconds say nothing more than the text does).
    for value in article.css("#bo_v_info time::attr(datetime), .if_date time::attr(datetime)"):
        text = value.get()
        if text and not text.endswith((":00", ":00+09:00")):
            dates.append(text)
    if skin.view_date:
        text = _first_text(article, skin.view_date)
        if text:
            dates.append(text)
    labelled = _label(info, "date")
    if labelled:
        dates.append(labelled)
    short = SHORT_DATE_RE.search(info) if info else None
    if short:
        dates.append(short.group(0))
    return dates


def _view_images(article: Selector, skin: Skin, page_url: str) -> list[str]:
    urls: list[str] = []
    for src in article.css(skin.view_images).xpath("@src | @data-src").getall():
        url = resolve_href(src, page_url)
        if url not in urls and not url.startswith("data:"):
            urls.append(url)
    return urls


def _view_attachments(article: Selector, skin: Skin, page_url: str) -> list[Attachment]:
    found: list[Attachment] = []
    for anchor in article.css(skin.view_files):
        href = anchor.attrib.get("href", "")
        name = inline_text(anchor.css("strong")[:1] or anchor, MENU_AND_LABEL_CLASSES)
        if href.startswith("javascript:"):
            js_name = FILE_NAME_JS_RE.search(href)
            name = js_name.group(1) if js_name else name
            url_match = re.search(r"['\"]([^'\"]*download\.php[^'\"]*)['\"]", href)
            if not url_match:
                continue
            href = url_match.group(1)
        url = strip_list_state(resolve_href(href, page_url))
        if name and all(a.url != url for a in found):
            found.append(Attachment(name=name, url=url))
    return found


def _view_links(article: Selector, skin: Skin, page_url: str) -> list[str]:
    """The real target of gnuboard's related links is printed as the anchor text (cut at 70)."""
    links: list[str] = []
    for anchor in article.css(skin.view_links):
        text = inline_text(anchor, MENU_AND_LABEL_CLASSES)
        href = resolve_href(anchor.attrib.get("href", ""), page_url)
        if re.match(r"https?://\S+$", text) and not text.endswith(CUT_MARKS):
            target = text
        else:
            target = strip_list_state(href)
        if target not in links:
            links.append(target)
    return links


def board_ref_for_page(sel: Selector, page_url: str) -> BoardRef | None:
    """Where this page sits, confirmed by the page head when the URL is a short one."""
    ref = parse_board_url(page_url, known_base=page_base(sel, page_url))
    if ref is None:
        return None
    bo_table = page_bo_table(sel)
    if bo_table and ref.bo_table != bo_table:
        return None
    return ref


def is_gnuboard_page(sel: Selector) -> bool:
    """Does the page carry any gnuboard fingerprint (head vars, board containers, bbs links)?"""
    if sel.re_first(BO_TABLE_VAR_RE):
        return True
    if detect_skin(sel) is not GENERIC:
        return True
    return bool(sel.css("a[href*='board.php?bo_table='], a[href*='board.php?&bo_table=']"))


def find_board_links(sel: Selector, page_url: str) -> list[BoardRef]:
    """Board list links on a site's pages (menus, latest-post widgets), each board once."""
    base = page_base(sel, page_url)
    page_origin = parse_board_url(page_url)
    found: dict[str, BoardRef] = {}
    for href in sel.css("a[href]::attr(href)").getall():
        if href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = resolve_href(href, page_url)
        ref = parse_board_url(url, known_base=base)
        if ref is None or not ref.bo_table or ref.short:
            continue
        if page_origin is not None and ref.origin != page_origin.origin:
            continue
        found.setdefault(ref.bo_table, ref)
    return list(found.values())
