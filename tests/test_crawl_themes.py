"""Themes nobody wrote a skin table for, and gnuboard6, through the real crawl.

``fixtures/sites/themes`` (gnuboard5 themes, one board each) and ``fixtures/sites/g6`` (a
gnuboard6 site with its ``/board/<bo_table>/`` routes, 403/404 refusals and a 303 to the password
view) are built by ``fixtures/tools/build_theme_fixtures.py``. Every post must come out with every
field the page shows; empty boards are healthy; a board newsbot cannot read exits 5 and says
which.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from newsbot import exitcodes

from .conftest import FIXTURES, load_expected
from .test_crawl_mixed import compare

pytestmark = pytest.mark.e2e

THEMES_SITE = FIXTURES / "sites" / "themes"
G6_SITE = FIXTURES / "sites" / "g6"
NOW = {"NEWSBOT_NOW": "2026-11-28T11:05:00+09:00"}


def test_theme_boards_from_the_site_root(crawl, serve) -> None:
    server = serve(THEMES_SITE)
    run = crawl.run(url=server.base_url + "/", max_pages="1", settings=NOW)
    problems = compare(run.items, load_expected(THEMES_SITE, server))
    assert not problems, "\n".join(problems[:40])
    assert run.returncode == exitcodes.OK, run.report["exit_reason"]
    # what the lists said of each post, its page confirmed
    assert "disagree" not in run.stderr
    assert not any(b["list_view_disagreements"] for b in run.report["boards"].values())


def test_gnuboard6_site_from_its_root(crawl, serve) -> None:
    server = serve(G6_SITE)
    run = crawl.run(url=server.base_url + "/", max_pages="1", settings=NOW)
    problems = compare(run.items, load_expected(G6_SITE, server))
    assert not problems, "\n".join(problems[:40])
    assert all(item["url"].startswith(server.base_url + "/board/free/") for item in run.items)
    refusals = json.loads((G6_SITE / "refusals.json").read_text("utf-8"))
    assert run.report["totals"]["refused"] == dict(Counter(refusals.values()))
    for path, reason in refusals.items():
        assert f"refused ({reason}): {server.base_url}{path}" in run.stderr
    # the unknown alert is logged as the site wrote it
    assert "신고 누적으로 블라인드 처리되었습니다" in run.stderr
    # a 403 on a members-only board is a refusal, not a crawl error
    assert not run.report["totals"]["errors"]
    assert run.returncode == exitcodes.OK, run.report["exit_reason"]


def test_gnuboard6_board_url_and_second_run(crawl, serve) -> None:
    server = serve(G6_SITE)
    board = f"{server.base_url}/board/free"
    first = crawl.run(url=board, max_pages="1", settings=NOW)
    assert first.returncode == exitcodes.OK, first.report["exit_reason"]
    assert {item["post_id"] for item in first.items} == {101, 106, 107, 108, 109}
    second = crawl.run(url=board, max_pages="1", settings=NOW)
    assert second.returncode == exitcodes.OK, second.report["exit_reason"]
    assert second.report["totals"]["new"] == 0


@pytest.mark.parametrize("board", ["emptyg5", "emptyg4", "emptytheme"])
def test_empty_board_is_healthy(crawl, serve, board: str) -> None:
    server = serve(THEMES_SITE)
    run = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table={board}", settings=NOW)
    assert run.returncode == exitcodes.OK, run.report["exit_reason"]
    assert run.items == []
    assert run.report["boards"][f"127.0.0.1:{server.port}/{board}"]["empty_list"]


@pytest.mark.parametrize(
    ("board", "words"),
    [
        ("brokenrows", "no posts found on the list of"),
        ("brokeng5", "no posts found on the list of"),
        ("brokeng4", "no posts found on the list of"),
        ("notalist", "no posts found on the list of"),
        ("blinded", "none of the 5 fetched could be read (refused: alert:unknown 5)"),
    ],
)
def test_unreadable_board_exits_5_naming_it(crawl, serve, board: str, words: str) -> None:
    server = serve(THEMES_SITE)
    url = f"{server.base_url}/bbs/board.php?bo_table={board}"
    run = crawl.run(url=url, max_pages="1", settings=NOW)
    assert run.returncode == exitcodes.LAYOUT_BROKEN, run.report["exit_reason"]
    reason = run.report["exit_reason"]
    assert f"127.0.0.1:{server.port}/{board}" in reason and words in reason, reason
    assert run.items == []


def test_a_field_lost_against_the_stores_history_exits_5(crawl, serve) -> None:
    server = serve(THEMES_SITE)
    board = f"{server.base_url}/bbs/board.php?bo_table=webzine"
    first = crawl.run(url=board, max_pages="1", settings=NOW)
    assert first.returncode == exitcodes.OK, first.report["exit_reason"]
    assert all(item["views"] is not None for item in first.items)
    server.overlays.append(FIXTURES / "sites" / "themes-next")
    second = crawl.run(url=board, max_pages="1", full="1", settings=NOW)
    reason = second.report["exit_reason"]
    assert second.returncode == exitcodes.LAYOUT_BROKEN, reason
    assert f"127.0.0.1:{server.port}/webzine" in reason and "views (0% of 5 posts" in reason
    # the posts themselves were still stored: nothing is lost
    assert len(second.items) == 5
