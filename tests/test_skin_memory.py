"""A board's pages are read with the skin table its earlier pages were read with.

``extract_post`` / ``extract_list_page`` take the table the spider remembers for the board
(``BoardState.view_skin`` / ``list_skin``); :func:`detect_skin` answers with it when its own probe
matches, without asking the probes before it. Where the remembered table is the one detection
picks, or its probe does not match the page, the read is the same as without it: every fixture
page and every table are compared here. Where it matches but detection would pick a table
before it (a post that pastes another theme's markup), the board's table reads the page: shown
on a made page and through a crawl.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newsbot.skins.gnuboard import BoardSkins, detect_skin, extract_list_page, extract_post
from newsbot.skins.query import matches
from newsbot.skins.skins import EYOOM, G5_BASIC, GENERIC, PROBE_BY_NAME, SKINS

from .extraction_snapshot import fixture_pages, page_url
from .sitebuilder import SitePost, write_board

TABLES = [skin for skin, _probe in SKINS]


def _selector(body: bytes, url: str):
    return HtmlResponse(url, body=body).selector


@pytest.mark.parametrize("reader", ["view", "list"])
def test_remembered_table_reads_as_detection_does(reader: str) -> None:
    read = extract_post if reader == "view" else extract_list_page
    compared = kept = 0
    for path in fixture_pages():
        url = page_url(path)
        body = path.read_bytes()
        sel = _selector(body, url)
        detected = detect_skin(sel)
        plain = read(sel, url)
        for table in [*TABLES, GENERIC, None]:
            if (
                table not in (None, GENERIC, detected) and matches(sel, PROBE_BY_NAME[table.name])  # type: ignore[union-attr]
            ):
                continue  # the board's table wins here by design (next tests)
            # a fresh tree each time: nothing a first read left behind can help the second
            assert read(_selector(body, url), url, table) == plain, (path, table)
            compared += 1
            kept += table is detected
    assert compared > 2000 and kept > 150


def _written_post(root, body: str):
    """Post 7 of a gnuboard5 basic board the fixture renderer writes, as a selector and URL."""
    write_board(root, "news", "뉴스", [SitePost(7, "붙여넣은 기사", body, author="수집기")])
    url = "http://127.0.0.1:8765/bbs/board.php?bo_table=news&wr_id=7"
    return _selector((root / "board" / "news" / "7.html").read_bytes(), url), url


def test_detect_skin_answers_with_the_remembered_table_when_its_probe_matches(tmp_path) -> None:
    sel, _url = _written_post(tmp_path, "<p>본문</p>")
    assert detect_skin(sel) is G5_BASIC
    assert detect_skin(sel, G5_BASIC) is G5_BASIC
    assert detect_skin(sel, EYOOM) is G5_BASIC  # its probe does not match: detected as usual
    assert detect_skin(sel, GENERIC) is G5_BASIC


PASTED = (
    '<p>기사 본문입니다.</p><article class="board-view"><div class="board-view-info">'
    "<span>다른 테마에서 붙여넣은 글</span></div></article>"
)


def test_post_pasting_another_themes_markup_is_read_with_its_boards_table(tmp_path) -> None:
    sel, url = _written_post(tmp_path, PASTED)
    assert detect_skin(sel) is EYOOM  # alone, the pasted article decides
    alone, remembered = extract_post(sel, url), extract_post(sel, url, G5_BASIC)
    assert remembered.skin == G5_BASIC.name and alone.skin == EYOOM.name
    assert remembered.title == "붙여넣은 기사"
    assert remembered.author == "수집기"
    assert "기사 본문입니다." in remembered.body_text
    assert (alone.title, alone.author) != (remembered.title, remembered.author)


@pytest.mark.e2e
def test_crawl_reads_a_pasted_post_with_its_boards_table(crawl, serve, tmp_path) -> None:
    # Newest first on the list (3, 2, 1), fetched one at a time in that order: the pasted
    # post is read after a plain one has shown the board's table.
    posts = [SitePost(n, f"기사 {n}", f"<p>본문 {n}</p>", date=f"26-03-1{n} 09:00") for n in (1, 3)]
    posts.insert(1, SitePost(2, "붙여넣은 기사", PASTED, date="26-03-12 09:00"))
    write_board(tmp_path, "news", "뉴스", posts)
    server = serve(tmp_path)
    run = crawl.run(
        url=f"{server.base_url}/bbs/board.php?bo_table=news",
        settings={
            "CONCURRENT_REQUESTS": "1",
            "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
            "NEWSBOT_NOW": "2026-03-15T10:00:00+09:00",
        },
    )
    assert run.returncode == 0, run.stderr[-2000:]
    items = {item["post_id"]: item for item in run.items}
    assert sorted(items) == [1, 2, 3]
    assert items[2]["title"] == "붙여넣은 기사"
    assert items[2]["author"] == "수집기"
    assert "기사 본문입니다." in items[2]["body_text"]


def test_nothing_holds_a_page_once_it_is_forgotten(tmp_path) -> None:
    """The readers remember the last page (its globals, its class blob) while it is read; the
    spider's ``release_parse_tree`` calls ``forget_page``, after which only the caller holds
    the tree, so it is freed as soon as the caller lets go (and not a page later)."""
    import sys

    from newsbot.skins.comments import extract_comments
    from newsbot.skins.gnuboard import forget_page

    sel, url = _written_post(tmp_path, "<p>본문</p>")
    root = sel.root
    before = sys.getrefcount(root)
    raw = BoardSkins().read_post(sel, url)
    extract_comments(sel, url, raw.skin)
    extract_list_page(sel, url)
    assert sys.getrefcount(root) > before  # remembered while the page is read
    forget_page()
    assert sys.getrefcount(root) == before
