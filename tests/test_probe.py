"""``scrapy probe URL`` against the theme and gnuboard6 fixture sites, as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsbot import exitcodes

from .conftest import FIXTURES

pytestmark = pytest.mark.e2e


def probe(crawl, url: str, log_level: str = "WARNING") -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "scrapy", "probe", url, "-s", f"LOG_LEVEL={log_level}"]
    return subprocess.run(
        command, cwd=crawl.workdir, env=crawl.env(), capture_output=True, text=True, timeout=120
    )


def test_probe_names_each_fields_value_and_cue(crawl, serve) -> None:
    server = serve(FIXTURES / "sites" / "themes")
    result = probe(crawl, f"{server.base_url}/bbs/board.php?bo_table=webzine")
    out = result.stdout
    assert result.returncode == exitcodes.OK, out + result.stderr
    assert "list page: 5 rows, board 'webzine' (동네소식)" in out
    assert "post 1/3: " in out and "post 3/3: " in out
    assert "  views         56  ← icon fa-eye" in out
    assert "  published_at  2026-11-28T10:42:00+09:00  ← date-shaped text in the post header" in out
    assert "  title         동네 도서관 야간 개방, 이번 주부터 시작  ← title pattern" in out
    assert "  body_text     구립도서관이" in out and "← skin table" in out
    assert "verdict: newsbot reads this board (exit 0)" in out
    # nothing stored, no report, no CSV
    assert not (crawl.workdir / "data").exists()


def test_probe_gnuboard6_board(crawl, serve) -> None:
    server = serve(FIXTURES / "sites" / "g6")
    result = probe(crawl, f"{server.base_url}/board/free/")
    assert result.returncode == exitcodes.OK, result.stdout + result.stderr
    assert "heading that prints the <title> subject" in result.stdout
    assert "  author        책읽는밤  ← sideview span" in result.stdout


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/bbs/board.php?bo_table=brokenrows", exitcodes.LAYOUT_BROKEN, "no post rows found"),
        ("/bbs/board.php?bo_table=emptyg5", exitcodes.OK, "an empty board"),
    ],
)
def test_probe_verdicts(crawl, serve, path: str, status: int, words: str) -> None:
    server = serve(FIXTURES / "sites" / "themes")
    result = probe(crawl, server.base_url + path)
    assert result.returncode == status, result.stdout + result.stderr
    assert words in result.stdout


def test_probe_refused_list(crawl, serve) -> None:
    server = serve(FIXTURES / "sites" / "g6")
    result = probe(crawl, f"{server.base_url}/board/members/", log_level="INFO")
    assert result.returncode == exitcodes.NOTHING_READABLE, result.stdout
    # one verdict: the crawl's run report does not log its own "exit 0 (ok)" beside it
    assert "newsbot run " not in result.stdout + result.stderr
    assert "list refused (no_list_permission): 목록을 볼 권한이 없습니다." in result.stdout
