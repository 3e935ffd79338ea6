"""URL forms gnuboard sites use → (site, board, post) and the canonical post URL."""

from __future__ import annotations

import pytest

from newsbot.urls import canonical_post_url, parse_board_url, resolve_href, strip_list_state

CASES = [
    # url, known_base, (site, bo_table, wr_id, slug, page)
    ("https://ex.com/bbs/board.php?bo_table=news", None, ("ex.com", "news", None, None, None)),
    ("https://ex.com/bbs/board.php?bo_table=news&page=3", None, ("ex.com", "news", None, None, 3)),
    (
        "https://ex.com/bbs/board.php?bo_table=news&wr_id=63&page=2&sca=%EA%B5%AD%EB%82%B4",
        None,
        ("ex.com", "news", 63, None, 2),
    ),
    (
        "https://ex.com/bbs/board.php?bo_table=news&wr_id=12abc",
        None,
        ("ex.com", "news", 12, None, None),
    ),
    (
        "https://ex.com/bbs/board.php?bo_table=news&wr_id=0",
        None,
        ("ex.com", "news", None, None, None),
    ),
    (
        "http://ex.com:8080/g5/bbs/board.php?bo_table=free&wr_id=5",
        None,
        ("ex.com:8080/g5", "free", 5, None, None),
    ),
    ("https://EX.com:443/bbs/board.php?bo_table=free", None, ("ex.com", "free", None, None, None)),
    ("https://ex.com/free", None, ("ex.com", "free", None, None, None)),
    ("https://ex.com/free/123", None, ("ex.com", "free", 123, None, None)),
    (
        "https://ex.com/free/%EC%95%88%EB%85%95-%ED%95%98%EC%84%B8%EC%9A%94/",
        None,
        ("ex.com", "free", None, "안녕-하세요", None),
    ),
    ("https://ex.com/g5/free/7", "/g5", ("ex.com/g5", "free", 7, None, None)),
    ("https://ex.com/board/free/9", None, ("ex.com", "free", 9, None, None)),
]


@pytest.mark.parametrize(("url", "base", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parse_board_url(url: str, base: str | None, expected: tuple) -> None:
    ref = parse_board_url(url, known_base=base)
    assert ref is not None
    assert (ref.site, ref.bo_table, ref.wr_id, ref.slug, ref.page) == expected


@pytest.mark.parametrize(
    "url",
    [
        "ftp://ex.com/bbs/board.php?bo_table=news",
        "https://ex.com/bbs/download.php?bo_table=news&wr_id=1&no=0",
        "https://ex.com/bbs/board.php?bo_table=bad-name!",
        "https://ex.com/adm/123",
        "https://ex.com/content/company",
        "https://ex.com/",
    ],
)
def test_not_a_board_or_post(url: str) -> None:
    assert parse_board_url(url) is None


def test_canonical_url_drops_list_state() -> None:
    ref = parse_board_url(
        "https://ex.com/bbs/board.php?bo_table=news&wr_id=63&page=2&sca=국내&stx=AI&sfl=wr_subject&sop=and"
    )
    assert ref is not None
    assert ref.post_url() == "https://ex.com/bbs/board.php?bo_table=news&wr_id=63"
    assert canonical_post_url("https://ex.com", "/g5", "free", 1) == (
        "https://ex.com/g5/bbs/board.php?bo_table=free&wr_id=1"
    )


def test_g4_relative_href_with_raw_ampersands() -> None:
    page = "http://ex.com/gnuboard4/bbs/board.php?bo_table=free&page=2"
    url = resolve_href("../bbs/board.php?bo_table=free&amp;wr_id=12&page=2", page)
    ref = parse_board_url(url)
    assert ref is not None and (ref.site, ref.wr_id) == ("ex.com/gnuboard4", 12)


def test_strip_list_state_removes_nonce_and_session() -> None:
    url = "https://ex.com/bbs/download.php?bo_table=n&wr_id=1&no=0&nonce=abc|123|ff&PHPSESSID=x#top"
    assert strip_list_state(url) == "https://ex.com/bbs/download.php?bo_table=n&wr_id=1&no=0"


@pytest.mark.parametrize(
    ("url", "bo_table", "wr_id", "page"),
    [
        ("https://ex.com/board/free", "free", None, None),
        ("https://ex.com/board/free/", "free", None, None),
        ("https://ex.com/board/free/?page=3&sca=질문&stx=자전거", "free", None, 3),
        ("https://ex.com/board/free/115", "free", 115, None),
        ("https://ex.com/board/free/115?page=2&sfl=wr_subject", "free", 115, None),
    ],
)
def test_gnuboard6_urls(url: str, bo_table: str, wr_id: int | None, page: int | None) -> None:
    ref = parse_board_url(url)
    assert ref is not None
    assert (ref.engine, ref.bo_table, ref.wr_id, ref.page, ref.site) == (
        "g6",
        bo_table,
        wr_id,
        page,
        "ex.com",
    )
    assert ref.post_url(7) == "https://ex.com/board/free/7"
    assert ref.list_url() == "https://ex.com/board/free/"
    assert ref.list_url(2) == "https://ex.com/board/free/?page=2"


def test_gnuboard6_non_board_routes() -> None:
    assert parse_board_url("https://ex.com/bbs/login?url=/board/free") is None
    assert parse_board_url("https://ex.com/bbs/password/view/free/115") is None
    assert parse_board_url("https://ex.com/board/free/115/download/1") is None


def test_a_g5_short_url_board_named_board_is_not_gnuboard6() -> None:
    ref = parse_board_url("https://ex.com/board/123")
    assert ref is not None and (ref.bo_table, ref.wr_id, ref.engine) == ("board", 123, "g5")
    g6 = parse_board_url("https://ex.com/board/free/123")
    assert g6 is not None and (g6.bo_table, g6.wr_id, g6.engine) == ("free", 123, "g6")
