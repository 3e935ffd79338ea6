"""Hourly cron runs: incremental paging, refresh window, no overlap, loud failures."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

from newsbot import exitcodes

from .sitebuilder import SitePost, write_board

pytestmark = pytest.mark.e2e


def posts(first: int, last: int, date: str = "26-03-01 09:00") -> list[SitePost]:
    return [
        SitePost(n, f"글 제목 {n}", f"<p>본문 {n} 입니다.</p>", date=date)
        for n in range(first, last + 1)
    ]


def board_url(server, board: str) -> str:
    return f"{server.base_url}/bbs/board.php?bo_table={board}"


def split_requests(server) -> tuple[list[str], list[str]]:
    board = [r for r in server.requests if "board.php" in r]
    return [r for r in board if "wr_id=" not in r], [r for r in board if "wr_id=" in r]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_board(root, "news", "뉴스", posts(1, 20))
    write_board(root, "free", "자유게시판", posts(1, 8))
    return root


def test_unchanged_site_costs_one_list_page_per_board(crawl, serve, site) -> None:
    server = serve(site)
    urls = f"{board_url(server, 'news')},{board_url(server, 'free')}"
    first = crawl.run(url=urls)
    assert first.returncode == 0, first.stderr[-2000:]
    assert len(first.items) == 28
    server.requests.clear()
    second = crawl.run(url=urls)
    assert second.returncode == 0, second.stderr[-2000:]
    lists, views = split_requests(server)
    assert sorted(lists) == sorted(["/bbs/board.php?bo_table=news", "/bbs/board.php?bo_table=free"])
    assert views == []
    assert second.items == []
    news = second.report["boards"][f"{server.base_url.split('://')[1]}/news"]
    assert news["list_pages"] == 1 and news["skipped"] == {"known": 15}


def test_refresh_window_refetches_only_recent_posts(crawl, serve, tmp_path) -> None:
    root = tmp_path / "site"
    write_board(root, "news", "뉴스", posts(1, 5) + posts(6, 7, date="26-03-14 08:00"))
    server = serve(root)
    crawl.run(url=board_url(server, "news"))
    server.requests.clear()
    second = crawl.run(url=board_url(server, "news"), refresh_days="3")
    _, views = split_requests(server)
    assert sorted(views) == [
        "/bbs/board.php?bo_table=news&wr_id=6",
        "/bbs/board.php?bo_table=news&wr_id=7",
    ]
    assert {i["post_id"] for i in second.items} == {6, 7}
    server.requests.clear()
    crawl.run(url=board_url(server, "news"), refresh_days="0")
    assert split_requests(server)[1] == []


def test_new_posts_are_fetched_and_paging_stops(crawl, serve, site) -> None:
    server = serve(site)
    crawl.run(url=board_url(server, "news"))
    write_board(site, "news", "뉴스", posts(1, 20) + posts(21, 23, date="26-03-15 09:30"))
    server.requests.clear()
    run = crawl.run(url=board_url(server, "news"), refresh_days="0")
    lists, views = split_requests(server)
    assert sorted(views) == [f"/bbs/board.php?bo_table=news&wr_id={n}" for n in (21, 22, 23)]
    assert len(lists) == 2  # page 1 had new posts; page 2 was all known, so paging stopped
    assert run.report["totals"]["new"] == 3


def test_full_crawl_reads_everything(crawl, serve, site) -> None:
    server = serve(site)
    crawl.run(url=board_url(server, "news"))
    server.requests.clear()
    run = crawl.run(url=board_url(server, "news"), full="1")
    lists, views = split_requests(server)
    assert (len(lists), len(views)) == (2, 20)
    assert run.report["totals"]["unchanged"] == 20


def wait_for_first_request(server, timeout: float = 30) -> None:
    """The first run holds its lock from before its first request until it exits."""
    deadline = time.monotonic() + timeout
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.requests, "the first run never started"


def start_slow_run(crawl, server):
    """A run on board "news" that lasts ~20 s and holds its lock from its first request on."""
    server.delay = 1.0
    process, _ = crawl.start(
        settings={"CONCURRENT_REQUESTS_PER_DOMAIN": 1}, url=board_url(server, "news")
    )
    wait_for_first_request(server)
    return process


def test_second_run_at_once_exits_already_running(crawl, serve, site) -> None:
    server = serve(site)
    process = start_slow_run(crawl, server)
    started = time.monotonic()
    second = crawl.run(url=board_url(server, "news"))
    assert second.returncode == exitcodes.ALREADY_RUNNING
    assert time.monotonic() - started < 15
    assert "already running" in second.stderr
    # a killed run leaves its lock file behind; the kernel has dropped the lock itself
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert list((crawl.workdir / "locks").glob("*.lock"))
    server.delay = 0
    third = crawl.run(url=board_url(server, "news"))
    assert third.returncode == exitcodes.OK, third.stderr[-2000:]


def test_other_board_is_not_blocked(crawl, serve, site) -> None:
    server = serve(site)
    process = start_slow_run(crawl, server)
    other = crawl.run(url=board_url(server, "free"), timeout=120)
    process.kill()
    process.communicate(timeout=30)
    assert other.returncode == exitcodes.OK, other.stderr[-2000:]


def test_broken_layout_exits_non_zero_with_reason(crawl, serve, site, tmp_path) -> None:
    overlay = tmp_path / "broken"
    target = overlay / "board" / "news"
    target.mkdir(parents=True)
    for page in (site / "board" / "news").glob("[0-9]*.html"):
        html = page.read_text("utf-8")
        html = html.replace('class="bo_v_tit"', 'class="subject-v2"').replace('id="bo_v_title"', "")
        html = re.sub(r"<title>.*?</title>", "<title>test</title>", html)
        (target / page.name).write_text(html, "utf-8")
    server = serve(site, overlays=[overlay])
    run = crawl.run(url=board_url(server, "news"))
    assert run.returncode == exitcodes.LAYOUT_BROKEN
    assert run.report["exit_status"] == exitcodes.LAYOUT_BROKEN
    assert "layout" in run.report["exit_reason"]
    board = run.report["boards"][f"{server.base_url.split('://')[1]}/news"]
    assert board["posts"]["layout_empty"] == 20


def test_run_report_is_written(crawl, serve, site) -> None:
    server = serve(site)
    run = crawl.run(url=board_url(server, "free"))
    report = run.report
    assert report["exit_status"] == 0 and report["exit_reason"] == "ok"
    board = report["boards"][f"{server.base_url.split('://')[1]}/free"]
    assert board["posts"]["new"] == 8
    assert board["field_coverage"]["title"] == 1.0
    assert board["field_coverage"]["likes"] == 0.0
    assert "newsbot run run1: exit 0" in run.stderr


def test_long_crawl_pauses_and_resumes_with_jobdir(crawl, serve, site) -> None:
    server = serve(site)
    server.delay = 0.2
    jobdir = str(crawl.workdir / "job")
    settings = {"JOBDIR": jobdir, "CONCURRENT_REQUESTS": 1, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
    process, crawl_id = crawl.start(settings=settings, url=board_url(server, "news"))
    deadline = time.monotonic() + 60
    while len(split_requests(server)[1]) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # one Ctrl-C: a clean pause
    stdout, stderr = process.communicate(timeout=60)
    paused = crawl.result(process.returncode, stdout, stderr, crawl_id)
    assert paused.report["finish_reason"] == "shutdown"
    assert 0 < len(paused.items) < 20
    server.delay = 0
    resumed = crawl.run(settings=settings, url=board_url(server, "news"))
    assert resumed.returncode == exitcodes.OK, resumed.stderr[-2000:]
    ids = [i["post_id"] for i in paused.items + resumed.items]
    assert sorted(set(ids)) == list(range(1, 21))
    assert len(ids) == len(set(ids)), "a post was stored twice"
