"""Tiny gnuboard5 (basic skin) sites written by tests into tmp dirs, for scenarios the bundled
sample site does not stage: the same article in two boards, a board of N posts, overlays.

The markup follows the gnuboard5 basic skin (``#bo_list``, ``td.td_subject .bo_tit a``,
``article#bo_v``, ``#bo_v_info``, ``#bo_v_con``); only the parts the crawler reads, kept small.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

HEAD = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>{title}</title>
<script>
var g5_url       = "{{{{G5_URL}}}}";
var g5_bbs_url   = "{{{{G5_URL}}}}/bbs";
var g5_bo_table  = "{bo_table}";
</script></head><body>
<div id="container"><h2 id="container_title"><span title="{board_title}">{board_title}</span></h2>
"""
FOOT = "</div>\n<!-- 사용스킨 : basic -->\n</body></html>\n"


@dataclass
class SitePost:
    wr_id: int
    title: str
    body: str  # HTML of #bo_v_con
    date: str = "26-03-10 09:00"
    author: str = "수집기"
    views: int = 10
    comments: int = 0


def write_board(
    root: Path, bo_table: str, board_title: str, posts: list[SitePost], rows_per_page: int = 15
) -> None:
    board = root / "board" / bo_table
    board.mkdir(parents=True, exist_ok=True)
    posts = sorted(posts, key=lambda p: -p.wr_id)
    pages = [posts[i : i + rows_per_page] for i in range(0, len(posts), rows_per_page)] or [[]]
    for number, chunk in enumerate(pages, start=1):
        (board / f"list-{number}.html").write_text(
            _list_page(bo_table, board_title, chunk, number, len(pages)), "utf-8"
        )
    for post in posts:
        (board / f"{post.wr_id}.html").write_text(_view_page(bo_table, board_title, post), "utf-8")
    static = root / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")
    errors = root / "_errors"
    errors.mkdir(exist_ok=True)
    (errors / "no_post.html").write_text(
        '<html><head><meta charset="utf-8"></head><body><script>'
        'alert("글이 존재하지 않습니다.\\n\\n글이 삭제되었거나 이동된 경우입니다.");'
        "history.back();</script></body></html>",
        "utf-8",
    )
    if not (root / "site.json").exists():
        (root / "site.json").write_text(json.dumps({}), "utf-8")


def _list_page(bo_table: str, board_title: str, posts: list[SitePost], page: int, last: int) -> str:
    rows = []
    for post in posts:
        comments = (
            f'<span class="sound_only">댓글</span><span class="cnt_cmt">{post.comments}</span>'
            '<span class="sound_only">개</span>'
            if post.comments
            else ""
        )
        rows.append(
            f"""<tr><td class="td_num2">{post.wr_id}</td>
<td class="td_subject"><div class="bo_tit">
<a href="{{{{G5_URL}}}}/bbs/board.php?bo_table={bo_table}&amp;wr_id={post.wr_id}&amp;page={page}">
{html.escape(post.title)}</a>{comments}</div></td>
<td class="td_name sv_use"><span class="sv_member">{post.author}</span></td>
<td class="td_num">{post.views}</td><td class="td_datetime">{post.date[3:8]}</td></tr>"""
        )
    pager = "".join(
        f'<strong class="pg_current">{n}</strong>'
        if n == page
        else f'<a href="{{{{G5_URL}}}}/bbs/board.php?bo_table={bo_table}&amp;page={n}" '
        f'class="pg_page">{n}</a>'
        for n in range(1, last + 1)
    )
    return (
        HEAD.format(
            title=f"{board_title} {page} 페이지 | test", bo_table=bo_table, board_title=board_title
        )
        + f'<div id="bo_list"><div class="tbl_head01 tbl_wrap"><table><tbody>{"".join(rows)}'
        + f'</tbody></table></div><nav class="pg_wrap"><span class="pg">{pager}</span></nav></div>'
        + FOOT
    )


def _view_page(bo_table: str, board_title: str, post: SitePost) -> str:
    title = html.escape(post.title)
    return (
        HEAD.format(
            title=f"{title} &gt; {board_title} | test", bo_table=bo_table, board_title=board_title
        )
        + f"""<article id="bo_v"><header><h2 id="bo_v_title"><span class="bo_v_tit">{title}</span>
</h2></header><section id="bo_v_info"><h2>페이지 정보</h2><div class="profile_info_ct">
<span class="sound_only">작성자</span> <strong><span class="sv_member">{post.author}</span></strong>
<span class="sound_only">댓글</span><strong><a href="#bo_vc"> {post.comments}건</a></strong>
<span class="sound_only">조회</span><strong> {post.views}회</strong>
<strong class="if_date"><span class="sound_only">작성일</span> {post.date}</strong></div></section>
<section id="bo_v_atc"><div id="bo_v_con">{post.body}</div></section></article>"""
        + FOOT
    )
