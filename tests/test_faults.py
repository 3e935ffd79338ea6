"""A flaky, hostile site: the crawl keeps going, counts every failure, loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsbot import exitcodes

from .sitebuilder import SitePost, write_board

pytestmark = pytest.mark.e2e

FAST_FAILURE = {
    "DOWNLOAD_TIMEOUT": 2,
    "RETRY_TIMES": 2,
    "NEWSBOT_RETRY_BACKOFF": 0.1,
    "REDIRECT_MAX_TIMES": 3,
}


def post_path(board: str, wr_id: int) -> str:
    return f"/bbs/board.php?bo_table={board}&wr_id={wr_id}"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    posts = [
        SitePost(n, f"기사 {n}", f"<p>본문 {n}</p>", date="26-03-01 09:00") for n in range(1, 21)
    ]
    write_board(root, "news", "뉴스", posts)
    write_board(
        root, "free", "자유", [SitePost(n, f"잡담 {n}", f"<p>잡담 {n}</p>") for n in range(1, 31)]
    )
    return root


#: wr_id → (mode, times it fails; None = every time) and the reason the report must give.
NEWS_FAULTS = {
    1: ("503_retry_after", 1, None),  # recovers after honouring Retry-After
    2: ("429_retry_after", 1, None),
    3: ("502", 1, None),  # recovers on a backed-off retry
    4: ("500", None, "http_500"),
    5: ("503", None, "http_503"),
    6: ("slow", None, "timeout"),
    7: ("drop_midbody", None, "connection_lost"),
    8: ("truncated", None, "truncated"),
    9: ("empty", None, "empty_page"),
    10: ("redirect_loop", None, "redirect_loop"),
    11: ("binary", None, "not_html"),
}


def test_faults_are_counted_and_the_next_run_completes_the_set(crawl, serve, site) -> None:
    server = serve(site)
    server.slow_seconds = 4
    for wr_id, (mode, times, _) in NEWS_FAULTS.items():
        server.add_fault(post_path("news", wr_id), mode, times)
    server.add_fault("/bbs/board.php?bo_table=free&page=2", "500")  # a list fails midway
    urls = ",".join(f"{server.base_url}/bbs/board.php?bo_table={b}" for b in ("news", "free"))

    first = crawl.run(url=urls, settings=FAST_FAILURE, timeout=180)

    failing = {wr_id for wr_id, (_, _, reason) in NEWS_FAULTS.items() if reason}
    stored = {(i["board"], i["post_id"]) for i in first.items}
    assert {p for b, p in stored if b == "news"} == set(range(1, 21)) - failing
    assert {p for b, p in stored if b == "free"} == set(range(16, 31))  # page 1 only
    assert first.returncode == exitcodes.SITE_ERRORS, first.stderr[-3000:]
    report = first.report
    assert "errors" in report["exit_reason"]
    news = report["boards"][f"{server.base_url.split('://')[1]}/news"]
    expected_errors: dict[str, int] = {}
    for _, _, reason in NEWS_FAULTS.values():
        if reason:
            expected_errors[reason] = expected_errors.get(reason, 0) + 1
    assert news["errors"] == expected_errors
    free = report["boards"][f"{server.base_url.split('://')[1]}/free"]
    assert free["list_pages_failed"] == 1 and free["errors"] == {"http_500": 1}
    for _, _, reason in NEWS_FAULTS.values():
        if reason:
            assert f"failed ({reason})" in first.stderr
    assert report["totals"]["errors"]

    server.faults.clear()
    server.requests.clear()
    second = crawl.run(url=urls, settings=FAST_FAILURE, refresh_days="0", timeout=180)
    assert second.returncode == exitcodes.OK, second.stderr[-3000:]
    refetched = {(i["board"], i["post_id"]) for i in second.items}
    assert refetched == {("news", p) for p in failing} | {("free", p) for p in range(1, 16)}
    with sqlite3.connect(crawl.db) as conn:
        total, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT board || post_id) FROM posts"
        ).fetchone()
        left = conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0]
    assert (total, distinct, left) == (50, 50, 0)


def test_robots_txt_disallow_is_obeyed_and_reported(crawl, serve, site) -> None:
    (site / "static" / "robots.txt").write_text(
        "User-agent: *\nDisallow: /bbs/board.php?bo_table=free\n"
    )
    server = serve(site)
    run = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=free")
    assert not [r for r in server.requests if "bo_table=free" in r]
    assert run.items == []
    assert (
        "robots.txt rule 'Disallow: /bbs/board.php?bo_table=free (User-agent: *)' disallows"
        in run.stderr
    )
    assert run.report["totals"]["refused"] == {"robots_txt": 1}
    assert run.returncode == exitcodes.NOTHING_READABLE


def test_no_request_leaves_the_site(crawl, serve, tmp_path) -> None:
    root = tmp_path / "site"
    body = (
        '<p>원문: <a href="http://127.0.0.2:9/bbs/board.php?bo_table=news&amp;wr_id=1">외부</a></p>'
        '<img src="http://127.0.0.2:9/data/editor/a.jpg">'
    )
    write_board(root, "news", "뉴스", [SitePost(1, "외부 링크", body)])
    other = serve(tmp_path / "other-site-never-asked")
    server = serve(root)
    run = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=news")
    assert run.returncode == 0, run.stderr[-2000:]
    assert other.requests == []
    assert all(r.startswith("/") for r in server.requests)
    assert len(run.items) == 1
