"""The generic reader's cues one by one, on small pages and on fixture pages changed the way
themes change them."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from newsbot.skins import generic
from newsbot.skins.gnuboard import extract_list_page, extract_post

SKINS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "skins"
BASE = "http://127.0.0.1:8765"


def _page(case: str, name: str) -> str:
    return (SKINS_DIR / case / name).read_text("utf-8").replace("{{G5_URL}}", BASE)


def test_a_stock_skin_whose_cells_lost_their_classes_falls_back_per_field() -> None:
    """A theme that kept ``#bo_list`` but renamed the name and date cells: the table finds the
    rows, the column headers name the cells it no longer reads."""
    html = _page("g5-sideview", "list.html")
    html = html.replace('class="td_name sv_use"', 'class="writer"')
    html = html.replace('class="td_datetime"', 'class="when"')
    page = extract_list_page(Selector(text=html), f"{BASE}/bbs/board.php?bo_table=free")
    assert page.skin == "gnuboard5-basic" and len(page.rows) > 5
    assert all(row.author and row.date_text for row in page.rows)
    assert page.rows[-1].cues["date_text"] == "column header"
    assert page.rows[-1].cues["title"].startswith("skin table")


@pytest.mark.parametrize(
    ("html", "field", "value", "cue"),
    [
        ('<span><i class="fa fa-eye"></i> 1,024</span>', "views", "1,024", "icon fa-eye"),
        ('<li><i class="bi bi-eye-fill"></i>56</li>', "views", "56", "icon bi-eye-fill"),
        ('<span><i class="xi-time-o"></i> 11-27</span>', "date", "11-27", "icon xi-time-o"),
        (
            '<span class="d"><i class="fa fa-clock-o"></i> 2023-09-05 14:10</span>',
            "date",
            "2023-09-05 14:10",
            "icon fa-clock-o",
        ),
        (
            '<a><i class="far fa-comment-dots"></i><span>3</span></a>',
            "comments",
            "3",
            "icon fa-comment-dots",
        ),
        ('<b><i class="fa fa-thumbs-o-up"></i> 7</b>', "likes", "7", "icon fa-thumbs-o-up"),
    ],
)
def test_icon_next_to_a_bare_value(html: str, field: str, value: str, cue: str) -> None:
    found = generic.icon_values(Selector(text=f"<div>{html}</div>"))
    assert found[field] == (value, cue)


def test_body_is_the_largest_text_block_outside_comments_and_navigation() -> None:
    html = """<html><body><nav><p>홈 게시판 로그인 회원가입 자유게시판 공지사항 질문답변</p></nav>
    <div class="post"><p>첫 문단은 충분히 긴 본문 문장입니다.</p><p>둘째 문단도 본문입니다.</p></div>
    <div id="c_12"><p>댓글이 본문보다 훨씬 더 길 수도 있습니다. 그래도 본문이 아닙니다. 정말로요.</p></div>
    <footer><p>Copyright 2026 아주 긴 사이트 바닥글 문구가 여기에 들어갑니다 정말 깁니다</p></footer>
    </body></html>"""
    body = generic.find_body(Selector(text=html))
    assert body is not None and body.root.get("class") == "post"


@pytest.mark.parametrize(
    ("html", "empty"),
    [
        (
            '<table><tr><td colspan="5" class="empty_table">게시물이 없습니다.</td></tr></table>',
            True,
        ),
        ('<ul><li class="empty">게시글이 없습니다.</li></ul>', True),
        ("<p>No posts yet.</p>", True),
        ("<p>게시물이 없습니다. 대신 공지를 읽어 주세요.</p>", False),
        ("<p>오늘은 게시물이 없습니다만 내일은 있습니다.</p>", False),
    ],
)
def test_empty_board_message(html: str, empty: bool) -> None:
    assert generic.shows_empty_message(Selector(text=f"<html><body>{html}</body></html>")) is empty


def test_view_without_any_skin_container() -> None:
    """Labels only: what a theme that renamed every id still prints."""
    html = """<html><head><title>주차장 개방 안내 &gt; 공지 | 아파트</title>
    <script>var g5_bo_table = "notice";</script></head><body>
    <h1>주차장 개방 안내</h1>
    <div class="meta">작성자 <span class="sv_member">관리소</span> 작성일 26-11-27 09:30 조회 321</div>
    <div class="text"><p>지하 주차장을 이번 주말 외부 차량에 개방합니다.</p><p>협조 부탁드립니다.</p></div>
    <div id="c_55"><span class="sv_member">주민</span> 감사합니다</div>
    </body></html>"""
    post = extract_post(Selector(text=html), f"{BASE}/bbs/board.php?bo_table=notice&wr_id=9")
    assert (post.title, post.author, post.views) == ("주차장 개방 안내", "관리소", "321")
    assert post.date_texts[0] == "26-11-27 09:30"
    assert (
        post.body_text.split()
        == "지하 주차장을 이번 주말 외부 차량에 개방합니다. 협조 부탁드립니다.".split()
    )
    assert post.comments == "1" and post.cues["comments"] == "c_<id> comment anchors"


def test_a_post_also_in_a_latest_posts_widget_keeps_its_list_row() -> None:
    """A sidebar widget ahead of the list links the same post with its subject only."""
    html = (SKINS_DIR / "portal-webzine" / "list.html").read_text("utf-8")
    widget = (
        '<aside class="latest"><ul><li><a href="{{G5_URL}}/bbs/board.php?bo_table=webzine'
        '&amp;wr_id=209">동네 도서관 야간 개방, 이번 주부터 시작</a></li></ul></aside>'
    )
    html = html.replace("<main", widget + "<main", 1).replace("{{G5_URL}}", BASE)
    page = extract_list_page(Selector(text=html), f"{BASE}/bbs/board.php?bo_table=webzine")
    rows = [row for row in page.rows if row.post_id == 209]
    assert len(rows) == 1 and rows[0].views == "56" and rows[0].author == "책읽는밤"
