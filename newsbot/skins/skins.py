"""The selector tables, one per skin, and the probes that pick them (most specific first).

Markup facts behind each table: shared/GNUBOARD.md beside this repository (§2 lists, §3 views).
A selector group is a priority list for single values (see :class:`~newsbot.skins.base.Skin`).
"""

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
    board_title="#container_title, #bo_v_table",
    view_container="#bo_v, article.board-view, #bsk_view_wrap",
    view_title="#bo_v_title .bo_v_tit, #bo_v_title, .board-view-subj strong, .bsk_view_tit",
    view_category=".bo_v_cate, .bsk_badge_cate",
    view_info="#bo_v_info, .board-view-info, .bsk_view_info",
    view_author=(
        "a.sv_member, a.sv_guest, span.sv_member, span.sv_guest, span.member, span.guest, "
        ".bl-name-in a, .bsk_view_name"
    ),
    view_date=".if_date",
    view_actions="#bo_v_act",
    view_body="#bo_v_con, #board_view_con, .view-content, #writeContents, span.ct.lh",
    view_images="img[src*='/data/file/'], img[src*='/data/editor/']",
    # gnuboard6 serves files and links from /board/<bo_table>/<wr_id>/download|link/<no>
    view_files="a[href*='download.php'], a[href*='file_download('], a[href*='/download/']",
    view_links="a[href*='link.php'], a[href*='/link/']",
    view_comment_items="[id^='c_'], a[name^='c_']",
)

#: g5 >= 5.3 ``skin/board/basic`` = ``theme/basic``, PC (§2.2, §3.2); also the sideview case.
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
    list_headers="thead th",
    row_cells="td",
    pagination=".pg_wrap",
    board_title="#container_title",
    view_container="#bo_v",
    view_title="#bo_v_title .bo_v_tit, #bo_v_title",
    view_category=".bo_v_cate",
    view_info="#bo_v_info",
    view_author=(
        "#bo_v_info a.sv_member, #bo_v_info a.sv_guest, "
        "#bo_v_info span.sv_member, #bo_v_info span.sv_guest"
    ),
    view_date="#bo_v_info .if_date",
    view_likes="#bo_v_act .bo_v_good strong",
    view_dislikes="#bo_v_act .bo_v_nogood strong",
    view_actions="#bo_v_act",
    view_body="#bo_v_con",
    view_images="#bo_v_img img, #bo_v_con img",
    **_COMMON,
)

#: g5 mobile skin (``mobile/skin/board/basic`` = ``theme/basic/mobile``, §2.4, §3.4): a ``ul``
#: list; the view is the PC one with a bare-text ``div#bo_v_info``.
G5_MOBILE = replace(
    G5_BASIC,
    name="gnuboard5-mobile",
    list_rows=".list_01 > ul > li",
    row_subject_link="a.bo_subject",
    row_author=".bo_info .sv_member, .bo_info .sv_guest",
    row_views=".bo_view",
    row_date=".bo_date",
    list_headers="",
    row_cells="",
)

#: g5 gallery skin, PC (§2.3): ``li.gall_li`` cards; notices only by ``span.is_notice``.
G5_GALLERY = replace(
    G5_BASIC,
    name="gnuboard5-gallery",
    list_container="#bo_gall",
    list_rows="li.gall_li",
    row_subject_link="a.bo_tit",
    row_notice=".is_notice",
    row_notice_class="",
    row_author=".gall_info .sv_member, .gall_info .sv_guest",
    row_views=".gall_view",
    row_date=".gall_date",
    list_headers="",
    row_cells="",
)

#: g5 5.0-5.2 default skin (§2.2 "Older", §3.3): 번호/제목/글쓴이/날짜/조회, ``td.td_date``, the
#: count inside the subject link; view ``h1#bo_v_title`` = ``분류 | SUBJECT``, visible labels.
G5_OLD = replace(
    G5_BASIC,
    name="gnuboard5-5.2",
    row_subject_link="td.td_subject a:not(.bo_cate_link)",
    row_notice="",
    row_date="td.td_date",
    board_title="#bo_v_table, #container_title",
    view_title="#bo_v_title",
    heading_category_sep=" | ",
    view_author="#bo_v_info .sv_member, #bo_v_info .sv_guest",
    view_date="",
    view_likes="",
    view_dislikes="",
)

#: gnuboard4 ``skin/board/basic`` (§2.5, §3.5): EUC-KR, inline-styled tables, no ids but the body.
G4_BASIC = Skin(
    name="gnuboard4-basic",
    list_container="table.board_list",
    list_rows="tr",
    row_subject_link="td.subject a",
    row_notice="span.notice",
    row_category="td.subject a[href*='sca=']",
    row_author="td.name span.member, td.name span.guest, td.name",
    row_views="td.hit",
    row_date="td.datetime",
    row_comments="td.subject span.comment",
    list_headers="th",
    row_cells="td",
    pagination=".board_page",
    pagination_current="b",
    title_tag="g4",
    # the skin's own table (align=center); any table holding the body when a layout differs
    view_container="table[align=center]:has(#writeContents), table:has(#writeContents)",
    view_title="div[style*='font-weight:bold']",
    # The 글쓴이 cell of the header row first: comments below carry member names of their own,
    # and a guest author's post with a member's comment must not take the commenter's name.
    view_author=(
        "td[background*='view_dot'] span.member, td[background*='view_dot'] span.guest, "
        "a[onclick*='showSideView'] span.member, a[onclick*='showSideView'] span.guest, "
        "span.member, span.guest"
    ),
    view_body="#writeContents, span.ct.lh",
    view_images="img[src*='/data/file/'], #writeContents img",
    **_COMMON,
)

#: Eyoom builder 4 ``theme/eb4_basic`` board skin ``basic`` (§2.6, §3.6): each post twice
#: (``div.bl-list`` + ``div.bl-mobile`` without a subject link), icons instead of labels.
EYOOM = Skin(
    name="eyoom-eb4-basic",
    list_container=".board-list",
    list_rows=".bl-list",
    row_subject_link=".bl-subj a",
    row_title="span.subj",
    row_notice_class="bl-notice",
    row_category=".bl-subj a .text-gray",
    row_author=".bl-name-in .sv_wrap > a, .bl-name-in a, .bl-name-in",
    row_views=".bl-num.text-gray",
    row_date=".bl-item.text-gray:not(.bl-num)",
    row_comments=".bl-comment",
    pagination=".eb-pagination",
    pagination_current="a.active",
    view_container="article.board-view",
    view_title=".board-view-subj strong",
    view_category=".board-view-subj .text-gray",
    view_info=".board-view-info",
    view_author=".info-box-top .sv_wrap > a, .view-nick a, .info-box-top a.sv_guest",
    view_date=".info-box-bottom > span:first-child",
    view_views=".info-box-bottom span:has(> .fa-eye)",
    view_comments=".info-box-bottom .text-deep-orange",
    view_likes=".info-box-bottom .text-teal, #good_button strong",
    view_dislikes=".info-box-bottom .text-pink, #nogood_button strong",
    view_body="#board_view_con, .view-content",
    view_images="#board_view_con img, .board-view-file-conts img",
    **_COMMON,
)

#: Nariya builder 1.4 ``Nariya-Basic`` (§2.6, §3.6): ``ul.bo_list > li.tr``; the view keeps the
#: g5 ids, prints ``<time datetime>`` with seconds and the IP only as an icon's title.
NARIYA = Skin(
    name="nariya-basic",
    list_container="#bo_list",
    list_rows="ul.bo_list > li.tr",
    row_subject_link=".wr-subject a",
    row_notice=".na-notice",
    row_category=".bo_cate_link, .wr-subject .na-cate",
    row_author=".wr-name .sv_member, .wr-name .sv_guest, .wr-name",
    row_views=".wr-hit",
    row_date=".wr-date",
    row_comments=".wr-subject .count",
    pagination="ul.pagination",
    pagination_current="li.active a",
    view_container="#bo_v",
    view_title="#bo_v_title",
    view_category=".bo_v_cate",
    view_info="#bo_v_info",
    view_author="#bo_v_info .sv_member, #bo_v_info .sv_guest",
    view_ip="#bo_v_info .fa-map-marker",
    view_likes="#wr_good",
    view_dislikes="#wr_nogood",
    view_body="#bo_v_con",
    view_images="#bo_v_img img, #bo_v_con img",
    **_COMMON,
)

#: (skin, probe selector): the first probe that matches the page picks the skin.
SKINS: list[tuple[Skin, str]] = [
    (EYOOM, ".board-list .bl-wrap, article.board-view"),
    (
        NARIYA,
        "ul.bo_list li.wr-subject, link[href*='/plugin/nariya/'], script[src*='/plugin/nariya/']",
    ),
    (G4_BASIC, "table.board_list, #writeContents"),
    (G5_GALLERY, "#bo_gall"),
    (G5_MOBILE, "#bo_list .list_01, #bo_v div#bo_v_info"),
    (G5_OLD, "#bo_list td.td_date, #bo_v h1#bo_v_title, #bo_v_table"),
    (G5_BASIC, "#bo_list, #bo_v"),
]
#: Each table's probe, by the table's name (what a read page records in ``skin``).
PROBE_BY_NAME: dict[str, str] = {skin.name: probe for skin, probe in SKINS}
#: The tables by name.
SKIN_BY_NAME: dict[str, Skin] = {skin.name: skin for skin, _probe in SKINS}

__all__ = [
    "EYOOM",
    "G4_BASIC",
    "G5_BASIC",
    "G5_GALLERY",
    "G5_MOBILE",
    "G5_OLD",
    "GENERIC",
    "NARIYA",
    "PROBE_BY_NAME",
    "SKINS",
    "SKIN_BY_NAME",
    "replace",
]
