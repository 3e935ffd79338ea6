"""Refusals are recognised by what they are: gnuboard's alert page, its redirects and forms.

The per-page cases (g4, g5 and g6 refusal pages, each with its reason) run in
``tests/test_skins.py``; here: the reason table over real messages, and the pages that must
never be taken for refusals however many ``alert(`` calls their scripts hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from newsbot.skins.refusals import (
    UNKNOWN_ALERT,
    carries_content,
    detect_refusal,
    reason_for_message,
    refusal_message,
)

SKINS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "skins"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        # gnuboard4/5 (bbs/board.php, common.php) and gnuboard6 (service/board/*.py)
        (
            "글을 읽을 권한이 없습니다.\\n\\n회원이시라면 로그인 후 이용해 보십시오.",
            "no_read_permission",
        ),
        ("목록을 볼 권한이 없습니다.", "no_list_permission"),
        ("비회원은 이 게시판에 접근할 권한이 없습니다.", "login_required"),
        ("접근 권한이 없으므로 글읽기가 불가합니다.", "no_read_permission"),
        ("`자유게시판` 게시판에 대한 접근 권한이 없습니다.", "no_access"),
        ("글이 존재하지 않습니다.\\n\\n글이 삭제되었거나 이동된 경우입니다.", "not_found"),
        ("117 : 존재하지 않는 게시글입니다.", "not_found"),
        ("117 : 올바르지 않은 게시글 번호입니다.", "not_found"),
        ("free : 존재하지 않는 게시판입니다.", "no_board"),
        ("비밀글 입니다.", "secret"),
        ("PC 전용 게시판입니다.", "device_only"),
        ("로그인 후 이용 가능합니다.", "login_required"),
        ("보유하신 포인트(0)가 없거나 모자라서 글읽기(-10)가 불가합니다.", "no_points"),
        ("게시글 읽기에 필요한 포인트(10)가 부족합니다.", "no_points"),
        ("이 게시판은 본인확인 하신 회원님만 글읽기가 가능합니다.", "verification_required"),
        # English language packs
        ("You do not have permission to read this post.", "no_read_permission"),
        ("You do not have permission to view the list.", "no_list_permission"),
        ("The post does not exist. It may have been deleted or moved.", "not_found"),
        ("This board does not exist.", "no_board"),
        ("This is a secret post.", "secret"),
        ("Please log in first.", "login_required"),
        # what no table knows
        ("이 글은 신고 누적으로 블라인드 처리되었습니다.", UNKNOWN_ALERT),
    ],
)
def test_reason_from_the_message(message: str, reason: str) -> None:
    assert reason_for_message(message) == reason


def _view_pages() -> list[Path]:
    pages = []
    for case in sorted(SKINS_DIR.iterdir()):
        if case.is_dir() and case.name not in ("refusals", "g6-refusals"):
            pages += sorted(case.glob("view-*.html"))
    return pages


@pytest.mark.parametrize("path", _view_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_view_page_is_never_a_refusal(path: Path) -> None:
    sel = Selector(text=path.read_bytes().decode("utf-8", "replace"))
    assert detect_refusal(sel, "http://127.0.0.1/bbs/board.php?bo_table=x&wr_id=1") is None


def test_theme_view_with_alert_in_its_comment_script_is_not_refused() -> None:
    """The bug of issue 15: no container newsbot knew, and ``alert(`` in the comment form."""
    path = SKINS_DIR / "portal-webzine" / "view-209.html"
    html = path.read_text("utf-8").replace('id="bo_v_con"', 'class="wz-body"')
    sel = Selector(text=html)
    assert "alert(" in html and 'id="bo_v_con"' not in html
    assert detect_refusal(sel, "http://127.0.0.1/bbs/board.php?bo_table=webzine&wr_id=209") is None
    assert carries_content(sel)  # its c_<id> comment anchors and comment form


def test_alert_that_navigates_away_on_a_short_page_is_a_refusal() -> None:
    html = (
        "<html><head><title>오류안내 페이지 | x</title></head><body>"
        "<script>alert('알 수 없는 오류');\nhistory.back();</script></body></html>"
    )
    sel = Selector(text=html)
    assert detect_refusal(sel, "http://127.0.0.1/bbs/board.php?bo_table=x&wr_id=1") == UNKNOWN_ALERT
    assert refusal_message(sel) == "알 수 없는 오류"


def test_alert_without_navigation_is_not_a_refusal() -> None:
    """A page that only alerts (a notice pop-up) and stays is not gnuboard's alert page."""
    html = "<html><body><script>alert('점검 예정입니다');</script><p>짧은 글</p></body></html>"
    assert detect_refusal(Selector(text=html), "http://127.0.0.1/x") is None
