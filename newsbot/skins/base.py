"""What extraction hands to the crawler: raw strings in small dataclasses, no Scrapy types.

Values are raw page text (``"56회"``, ``"23-09-05 14:10"``); the item loader's processors turn them
into typed values, so there is exactly one cleaning path.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Skin:
    """A table of CSS selectors for one board skin; empty string = this skin has no such part."""

    name: str
    # list page
    list_container: str
    list_rows: str
    row_subject_link: str
    row_notice: str  # selector matching inside a notice row (or the row's own class, see below)
    row_notice_class: str
    row_category: str
    row_author: str
    row_views: str
    row_date: str
    row_comments: str
    pagination: str
    board_title: str
    # view page
    view_container: str
    view_title: str
    view_category: str
    view_info: str
    view_author: str
    view_date: str
    view_views: str
    view_comments: str
    view_likes: str
    view_dislikes: str
    view_body: str
    view_images: str
    view_files: str
    view_links: str
    view_comment_items: str


@dataclass
class ListRow:
    post_id: int
    url: str  # canonical post URL
    title: str
    is_notice: bool = False
    category: str | None = None
    author: str | None = None
    views: str | None = None
    date_text: str | None = None
    comments: str | None = None


@dataclass
class ListPage:
    skin: str
    bo_table: str | None
    board_title: str | None
    rows: list[ListRow] = field(default_factory=list)
    current_page: int = 1
    last_page: int | None = None


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
