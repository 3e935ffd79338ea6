"""``scrapy status`` on a store built by real fixture crawls matches their run reports."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from newsbot import exitcodes
from newsbot.status import build_status
from newsbot.storage.base import BoardSummary

from .conftest import SAMPLE_SITE


def status(crawl, *options: str, command: str = "status", env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", command, *options],
        cwd=crawl.workdir,
        env=env or crawl.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.e2e
def test_status_matches_the_run_reports(crawl, serve) -> None:
    server = serve(SAMPLE_SITE)
    server.add_fault("/bbs/board.php?bo_table=it_science&wr_id=146", "500")
    url = f"{server.base_url}/bbs/board.php?bo_table=it_science"
    first = crawl.run(url=url, settings={"RETRY_TIMES": 0})
    assert first.returncode == exitcodes.OK, first.stderr[-2000:]
    with socket.socket() as sock:  # a second site that never answers
        sock.bind(("127.0.0.1", 0))
        dead = f"127.0.0.1:{sock.getsockname()[1]}"
        second = crawl.run(url=f"http://{dead}/", settings={"RETRY_TIMES": 0})
    assert second.returncode == exitcodes.SITE_ERRORS
    requests_before = len(server.requests)

    shown = status(crawl, "--json", "-s", f"NEWSBOT_RUNS_DIR={crawl.workdir / 'runs'}")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert len(server.requests) == requests_before  # status asks no site anything
    sites = {s["site"]: s for s in document["sites"]}
    host = server.base_url.split("://")[1]
    assert set(sites) == {host, dead}

    report = first.report
    board_report = report["boards"][f"{host}/it_science"]
    (board,) = sites[host]["boards"]
    with sqlite3.connect(crawl.db) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0]
        comments = conn.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
        newest = conn.execute(
            "SELECT published_at, title FROM posts ORDER BY published_at DESC LIMIT 1"
        ).fetchone()
    assert board["board"] == "it_science"
    assert board["posts"] == stored == board_report["posts"]["new"]
    assert board["comments"] == comments == board_report["comments"]["new"] > 0
    assert (board["newest_post"]["published_at"], board["newest_post"]["title"]) == newest
    assert board["waiting_retry"] == sum(board_report["errors"].values()) == 1
    assert board["refused"] == sum(board_report["refused"].values())
    assert board["last_run"]["crawl_id"] == report["crawl_id"]
    assert board["last_run"]["finished_at"] == report["finished_at"]
    assert board["last_run"]["exit_status"] == report["exit_status"]
    assert board["last_run"]["list_pages"] == board_report["list_pages"]
    assert sites[host]["last_run"]["crawl_id"] == report["crawl_id"]

    unreachable = sites[dead]
    assert unreachable["boards"] == []
    assert unreachable["last_run"]["exit_status"] == exitcodes.SITE_ERRORS
    assert unreachable["last_run"]["exit_reason"] == second.report["exit_reason"]
    assert unreachable["last_run"]["exit_reason"].startswith(f"cannot reach http://{dead}/")

    table = status(crawl, "-s", f"NEWSBOT_RUNS_DIR={crawl.workdir / 'runs'}")
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "it_science" in line)
    assert f" {stored} " in row and "IT/과학기사" in row
    assert "cannot reach" in table.stdout


def report(crawl_id: str, finished_at: str, boards: dict, urls: list[str], code: int = 0) -> dict:
    return {
        "crawl_id": crawl_id,
        "finished_at": finished_at,
        "exit_status": code,
        "exit_reason": "ok" if code == 0 else "errors",
        "arguments": {"urls": urls},
        "boards": {
            key: {"list_pages": 1, "posts": {"scraped": n, "new": n}, "errors": {}, "refused": {}}
            for key, n in boards.items()
        },
    }


def test_the_latest_report_naming_a_board_is_its_last_run() -> None:
    summaries = [
        BoardSummary("ex.com", "news", "뉴스", 5, None, None, None, 0, 0, "b", True),
        BoardSummary("ex.com/g4", "free", None, 2, None, None, None, 1, 0, "a", True),
    ]
    reports = [  # given out of order on purpose
        report("b", "2026-03-02T10:00:00+09:00", {"ex.com/news": 1}, ["https://ex.com/"]),
        report("a", "2026-03-01T10:00:00+09:00", {"ex.com/news": 4, "ex.com/g4/free": 2}, []),
        report("c", "2026-03-03T10:00:00+09:00", {}, ["https://ex.com/"], code=4),
    ]
    document = build_status(summaries, reports)
    sites = {s["site"]: s for s in document["sites"]}
    assert [b["last_run"]["crawl_id"] for b in sites["ex.com"]["boards"]] == ["b"]
    assert sites["ex.com"]["last_run"]["crawl_id"] == "c"  # the root was not reachable
    assert sites["ex.com/g4"]["boards"][0]["last_run"]["crawl_id"] == "a"
    assert sites["ex.com/g4"]["last_run"]["crawl_id"] == "c"  # same host
    assert sites["ex.com"]["posts"] == 5 and sites["ex.com/g4"]["boards"][0]["waiting_retry"] == 1


def test_status_and_browse_never_show_a_database_password(crawl, pg_url: str) -> None:
    parts = urlsplit(pg_url)
    if parts.password:
        pytest.skip("NEWSBOT_TEST_PG has a password of its own; this test needs trust auth")
    # trust authentication accepts any password: the URL carries one the output must not show
    netloc = f"{parts.username or 'postgres'}:s3cr3t-pw@{parts.hostname}:{parts.port or 5432}"
    with_password = urlunsplit(parts._replace(netloc=netloc))
    env = {**crawl.env(), "NEWSBOT_DB": with_password}
    shown = status(crawl, "--json", env=env)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "s3cr3t-pw" not in shown.stdout + shown.stderr
    assert ":***@" in json.loads(shown.stdout)["store"]
    browse = status(crawl, "--port", "0", command="browse", env=env)
    assert browse.returncode == exitcodes.BAD_ARGUMENTS
    assert "browse opens a SQLite store" in browse.stderr
    assert "s3cr3t-pw" not in browse.stdout + browse.stderr
