"""Small gnuboard5 sites written by tests into tmp dirs, for scenarios the bundled sample site does
not stage: the same article in two boards, a board of N posts, overlays.

The pages come from the fixture renderer (``fixtures.gnuboard``): theme/basic PC layout and the
basic board skin, as the skin fixtures print them. A test only says what is on the board.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fixtures.gnuboard import g5
from fixtures.gnuboard.model import KST, Cmt, Post
from fixtures.gnuboard.php import get_text

SITE_NAME = "test"


@dataclass
class SitePost:
    wr_id: int
    title: str
    body: str  # HTML of #bo_v_con
    date: str = "26-03-10 09:00"  # as the view prints it: y-m-d H:i
    author: str = "수집기"
    views: int = 10
    comments: int = 0

    def post(self) -> Post:
        written = datetime.strptime(self.date, "%y-%m-%d %H:%M").replace(tzinfo=KST)
        comments = [
            Cmt(self.wr_id * 1000 + n, "댓글러", None, written, f"댓글 {n}")
            for n in range(1, self.comments + 1)
        ]
        return Post(
            self.wr_id,
            self.title,
            self.author,
            "member",
            written,
            self.views,
            ncmt=self.comments,
            body=self.body,
            cmts=comments,
        )


def write_board(
    root: Path, bo_table: str, board_title: str, posts: list[SitePost], rows_per_page: int = 15
) -> None:
    rewrite_board(root, bo_table, board_title, [p.post() for p in posts], rows_per_page)


def rewrite_board(
    root: Path,
    bo_table: str,
    board_title: str,
    posts: list[Post],
    rows_per_page: int = 15,
    comments_per_page: int = 0,
) -> None:
    """The board's list and view pages for posts as the renderer models them (a test that
    changes a post between runs edits its model and writes the board again).

    ``comments_per_page``: the theme pages comments; page P > 1 is ``N@cpage=P.html``."""
    board = root / "board" / bo_table
    board.mkdir(parents=True, exist_ok=True)
    rendered = sorted(posts, key=lambda p: -p.wr_id)
    pages = [rendered[i : i + rows_per_page] for i in range(0, len(rendered), rows_per_page)]
    pages = pages or [[]]
    for number, rows in enumerate(pages, start=1):
        skin, _rows = g5.g5_basic_list_pc(
            bo=bo_table,
            board=board_title,
            rows=rows,
            total=len(rendered),
            page=number,
            total_page=len(pages),
            name_fn=lambda p: g5.g5_name_plain(p.name, p.mb_id),
            qstr=f"&amp;page={number}",
            page_rows=rows_per_page,
        )
        page = _layout(bo_table, board_title, f"{board_title} {number} 페이지", skin)
        (board / f"list-{number}.html").write_text(page, "utf-8")
    for p in rendered:
        title = f"{get_text(p.subject)} > {board_title}"
        for comment_page in range(1, g5.comment_pages(len(p.cmts), comments_per_page) + 1):
            article, _extras = g5.g5_pc_view(
                bo=bo_table,
                board=board_title,
                p=p,
                name_html=g5.g5_name_plain(p.name, p.mb_id),
                skin_url="{{G5_URL}}/skin/board/basic",
                comment_page=comment_page,
                comments_per_page=comments_per_page,
            )
            name = f"{p.wr_id}@cpage={comment_page}" if comment_page > 1 else str(p.wr_id)
            (board / f"{name}.html").write_text(
                _layout(bo_table, board_title, title, article), "utf-8"
            )
    static = root / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")
    errors = root / "_errors"
    errors.mkdir(exist_ok=True)
    no_post = g5.g5_alert_page(
        site=SITE_NAME,
        msg=g5.NO_POST,
        url=None,
    )
    (errors / "no_post.html").write_text(no_post, "utf-8")
    if not (root / "site.json").exists():
        (root / "site.json").write_text(json.dumps({}), "utf-8")


def _layout(bo_table: str, board_title: str, title: str, content: str) -> str:
    return g5.g5_pc_layout(
        site=SITE_NAME,
        title=title,
        head_title=f"{title} | {SITE_NAME}",
        board_name=board_title,
        bo_table=bo_table,
        content=content,
        css=("/skin/board/basic/style.css",),
    )
