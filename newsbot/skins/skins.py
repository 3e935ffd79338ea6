"""The selector tables, one per skin, and the probes that pick them (most specific first)."""

from __future__ import annotations

from dataclasses import replace

from newsbot.skins.base import Skin

#: Shared by every skin: gnuboard prints these whatever the theme.
_COMMON = {
    "view_files": "a[href*='download.php'], a[href*='file_download(']",
    "view_links": "a[href*='link.php']",
    "view_comment_items": "article[id^='c_'], a[name^='c_'], .view-comment-item[id^='c_']",
}

GENERIC = Skin(
    name="generic",
    list_container="",
    list_rows="",
    row_subject_link="",
    row_notice="",
    row_notice_class="",
    row_category="",
    row_author="",
    row_views="",
    row_date="",
    row_comments="",
    pagination=".pg_wrap, .pg, .paging, .pagination",
    board_title="#container_title, #hd_h1",
    view_container="#bo_v, article.board-view, #bsk_view_wrap",
    view_title="",
    view_category="",
    view_info="#bo_v_info, .board-view-info, header",
    view_author="",
    view_date="",
    view_views="",
    view_comments="",
    view_likes="",
    view_dislikes="",
    view_body="#bo_v_con, #board_view_con, .view-content, #writeContents",
    view_images="img[src*='/data/file/'], img[src*='/data/editor/']",
    **_COMMON,
)

G5_BASIC = Skin(
    name="gnuboard5-basic",
    list_container="#bo_list",
    list_rows="tbody tr",
    row_subject_link=".bo_tit a, td.td_subject a",
    row_notice=".notice_icon",
    row_notice_class="bo_notice",
    row_category=".bo_cate_link",
    row_author="td.td_name .sv_member, td.td_name .sv_guest, td.td_name",
    row_views="td.td_num",
    row_date="td.td_datetime",
    row_comments=".cnt_cmt",
    pagination=".pg_wrap",
    board_title="#container_title span, #container_title",
    view_container="#bo_v",
    view_title="#bo_v_title .bo_v_tit, #bo_v_title",
    view_category=".bo_v_cate",
    view_info="#bo_v_info",
    view_author=(
        "#bo_v_info a.sv_member, #bo_v_info a.sv_guest, "
        "#bo_v_info span.sv_member, #bo_v_info span.sv_guest"
    ),
    view_date="#bo_v_info .if_date",
    view_views="",
    view_comments="",
    view_likes="#bo_v_act .bo_v_good strong",
    view_dislikes="#bo_v_act .bo_v_nogood strong",
    view_body="#bo_v_con",
    view_images="#bo_v_img img, #bo_v_con img",
    **_COMMON,
)

#: (skin, probe selector): the first probe that matches the page picks the skin.
SKINS: list[tuple[Skin, str]] = [
    (G5_BASIC, "#bo_list, #bo_v"),
]

__all__ = ["G5_BASIC", "GENERIC", "SKINS", "replace"]
