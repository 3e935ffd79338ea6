"""What extraction hands to the crawler: raw strings in small dataclasses, no Scrapy types.

Values are raw page text (``"56회"``, ``"23-09-05 14:10"``); the item loader's processors turn them
into typed values, so there is exactly one cleaning path.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Skin:
    """A table of CSS selectors for one board skin; empty string = this skin has no such part.

    A selector group (``"a, b"``) is a priority list for single values: the first alternative that
    matches anything wins, whatever the document order. List values (images, files, links) take
    every match of every alternative, in document order.
    """

    name: str
    # -- list page
    list_container: str = ""
    list_rows: str = ""
    row_subject_link: str = ""  # the anchor to the post (first one that resolves to a wr_id)
    row_title: str = ""  # inside that anchor, when it holds more than the subject (Eyoom)
    row_notice: str = ""  # selector matching inside a notice row
    row_notice_class: str = ""  # ...or a class on the row itself
    row_category: str = ""
    row_author: str = ""
    row_views: str = ""
    row_date: str = ""
    row_comments: str = ""
    #: Header cells and a row's cells, aligned: the views column is the one whose header reads
    #: ``views_header`` (hits, good and nogood share one class in g5, and 5.0-5.2 reorders them).
    list_headers: str = ""
    row_cells: str = ""
    views_header: str = "조회"
    pagination: str = ".pg_wrap, .pg, .paging, .pagination"
    pagination_current: str = ".pg_current"
    board_title: str = ""
    #: ``<title>`` layout: "g5" = ``{subject} > {board} | {site}`` (Eyoom: `` - {site}``, split
    #: from the right); "g4" = ``{group} > {board} > {subject}`` (split from the left).
    title_tag: str = "g5"
    # -- view page
    view_container: str = ""
    view_title: str = ""
    view_category: str = ""
    #: What separates a category printed inside the heading from the subject (5.0-5.2 ``분류 | ``).
    heading_category_sep: str = ""
    #: The header block whose labelled text (작성자/조회/댓글/작성일) is read; when it is missing,
    #: the text between the article's start and the body is read instead (g4 has no such block).
    view_info: str = ""
    view_author: str = ""
    view_ip: str = ""  # the masked IP, when printed apart from the name (value or title attribute)
    view_date: str = ""
    view_views: str = ""
    view_comments: str = ""
    view_likes: str = ""
    view_dislikes: str = ""
    view_actions: str = ""  # block whose text labels the votes (``추천 3 비추천 0``)
    view_body: str = ""
    view_images: str = ""
    view_files: str = ""
    view_links: str = ""
    view_comment_items: str = ""


@dataclass
class ListRow:
    #: None when the list links the post by its title slug (short URLs, mode 2): the view page
    #: says which wr_id it is.
    post_id: int | None
    url: str  # canonical post URL, or the slug URL when post_id is None
    title: str
    is_notice: bool = False
    category: str | None = None
    author: str | None = None
    views: str | None = None
    date_text: str | None = None
    comments: str | None = None
    #: Field → the cue its value came from (``skin table``, ``column header``, ``icon fa-eye``…).
    cues: dict[str, str] = field(default_factory=dict)


@dataclass
class ListPage:
    skin: str
    bo_table: str | None
    board_title: str | None
    rows: list[ListRow] = field(default_factory=list)
    current_page: int = 1
    last_page: int | None = None
    #: No rows, and the page prints gnuboard's empty-board message (``게시물이 없습니다.``): a
    #: healthy empty board, not a layout newsbot cannot read.
    shows_empty: bool = False
    #: Where each list-level value came from (``skin table``, ``list rows``…), for ``probe``.
    cues: dict[str, str] = field(default_factory=dict)


@dataclass
class Attachment:
    name: str
    url: str


@dataclass
class RawPost:
    """One post as printed on its view page."""

    skin: str
    bo_table: str | None = None
    wr_id: int | None = None
    board_title: str | None = None
    title: str | None = None
    category: str | None = None
    author: str | None = None
    author_id: str | None = None
    author_ip: str | None = None
    date_texts: list[str] = field(default_factory=list)  # most trustworthy first
    views: str | None = None
    comments: str | None = None
    likes: str | None = None
    dislikes: str | None = None
    body_text: str = ""
    body_html: str = ""
    image_urls: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    #: ``link.php`` URLs (also in ``links``) whose printed target was cut at 70 characters: the
    #: real target is only in that URL's 302 ``Location``. See ``gnuboard.resolve_links``.
    unresolved_links: list[str] = field(default_factory=list)
    #: Field → the cue its value came from (``skin table``, ``label``, ``title pattern``…).
    cues: dict[str, str] = field(default_factory=dict)
