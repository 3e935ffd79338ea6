"""Crawls into one store, on each backend: repeat runs, refreshed counts, kills, reposts, export.

Every test runs twice: into a SQLite file and into a fresh PostgreSQL schema.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from newsbot import exitcodes

from .conftest import SAMPLE_SITE, CrawlRunner, board_url, load_expected
from .sitebuilder import SitePost, write_board

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["sqlite", "postgresql"])
def crawl(request: pytest.FixtureRequest, tmp_path: Path) -> CrawlRunner:
    if request.param == "postgresql":
        return CrawlRunner(tmp_path, request.getfixturevalue("pg_url"))
    return CrawlRunner(tmp_path)


def is_postgres(crawl: CrawlRunner) -> bool:
    return crawl.db_url.startswith("postgresql://")


def query(crawl: CrawlRunner, sql: str) -> list[tuple]:
    """Rows of a query the two backends spell alike."""
    if is_postgres(crawl):
        with psycopg.connect(crawl.db_url) as conn:
            return conn.execute(sql).fetchall()
    with sqlite3.connect(crawl.db) as conn:
        return conn.execute(sql).fetchall()


def count(crawl: CrawlRunner, sql: str) -> int:
    return query(crawl, sql)[0][0]


def test_second_crawl_adds_no_rows_and_records_changed_counts(crawl, serve, tmp_path) -> None:
    overlay = tmp_path / "overlay"
    page = (SAMPLE_SITE / "board" / "it_science" / "63.html").read_text("utf-8")
    assert "56회" in page
    changed = overlay / "board" / "it_science" / "63.html"
    changed.parent.mkdir(parents=True)
    server = serve(SAMPLE_SITE, overlays=[overlay])
    expected = load_expected(SAMPLE_SITE, server)

    first = crawl.run(url=board_url(server))
    assert first.returncode == exitcodes.OK, first.stderr[-2000:]
    changed.write_text(page.replace("56회", "1,280회"), "utf-8")
    second = crawl.run(url=board_url(server), full="1")
    assert second.returncode == exitcodes.OK, second.stderr[-2000:]

    assert count(crawl, "SELECT COUNT(*) FROM posts") == len(expected)
    assert (
        count(
            crawl,
            "SELECT COUNT(*) FROM (SELECT site, board, post_id FROM posts "
            "GROUP BY 1, 2, 3 HAVING COUNT(*) > 1) AS repeated",
        )
        == 0
    )
    assert count(crawl, "SELECT views FROM posts WHERE post_id = 63") == 1280
    history = query(
        crawl,
        "SELECT s.crawl_id, s.views FROM post_stats s JOIN posts p ON p.id = s.post_rowid "
        "WHERE p.post_id = 63 ORDER BY s.crawl_id",
    )
    ((first_seen, last_seen),) = query(
        crawl, "SELECT first_seen_at, last_seen_at FROM posts WHERE post_id = 63"
    )
    assert history == [("run1", 56), ("run2", 1280)]
    assert first_seen <= last_seen
    assert second.report["totals"]["updated"] >= 1
    assert second.report["totals"]["new"] == 0


def test_sigkill_midway_loses_nothing_stored(crawl, serve) -> None:
    server = serve(SAMPLE_SITE)
    expected = load_expected(SAMPLE_SITE, server)
    server.delay = 0.15
    process, _ = crawl.start(
        settings={"NEWSBOT_STORE_BATCH_SIZE": 3, "CONCURRENT_REQUESTS_PER_DOMAIN": 2},
        url=board_url(server),
    )
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline:
        if is_postgres(crawl) or crawl.db.exists():
            try:
                stored = count(crawl, "SELECT COUNT(*) FROM posts")
            except (sqlite3.OperationalError, psycopg.Error):
                stored = 0  # the run has not created its tables yet
            if stored >= 6:
                break
        time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert 6 <= stored < len(expected), "the kill must come mid-way"
    if not is_postgres(crawl):
        assert count(crawl, "PRAGMA integrity_check") == "ok"
    kept = count(crawl, "SELECT COUNT(*) FROM posts")
    assert kept >= stored
    orphans = "SELECT COUNT(*) FROM post_stats WHERE post_rowid NOT IN (SELECT id FROM posts)"
    assert count(crawl, orphans) == 0

    server.delay = 0
    again = crawl.run(url=board_url(server))
    assert again.returncode == exitcodes.OK, again.stderr[-2000:]
    assert count(crawl, "SELECT COUNT(*) FROM posts") == len(expected)
    assert count(crawl, "SELECT COUNT(DISTINCT post_id) FROM posts") == len(expected)


ARTICLE = (
    "<p>(서울=연합뉴스) 김민수 기자 = 정부가 반도체 산업 지원을 위해 내년 예산을 늘린다.</p>"
    "<p>지원 대상은 소재·부품·장비 기업이다.</p><p>김민수 기자 minsu@yna.co.kr</p>"
)


@pytest.fixture
def repost_site(tmp_path: Path) -> Path:
    root = tmp_path / "repost"
    write_board(
        root,
        "news",
        "뉴스",
        [
            SitePost(11, "반도체 예산 늘린다", ARTICLE, date="26-03-10 09:00"),
            SitePost(10, "다른 기사", "<p>전혀 다른 내용입니다.</p>"),
        ],
    )
    reposted = ARTICLE.replace("</p><p>", "</p>\n<p>  ").replace("늘린다.", "늘린다 !")
    write_board(
        root,
        "portal",
        "포털뉴스",
        [
            SitePost(5, "반도체  예산 늘린다!", reposted, date="26-03-10 11:00"),
        ],
    )
    return root


def test_same_article_in_two_boards_is_marked(crawl, serve, repost_site) -> None:
    server = serve(repost_site)
    first = crawl.run(url=board_url(server, "news"))
    second = crawl.run(url=board_url(server, "portal"))
    assert (first.returncode, second.returncode) == (0, 0), second.stderr[-2000:]
    rows = dict(query(crawl, "SELECT board || '/' || post_id, duplicate_of FROM posts"))
    assert rows == {
        "news/11": None,
        "news/10": None,
        "portal/5": board_url(server, "news") + "&wr_id=11",
    }
    (item,) = second.items
    assert item["duplicate_of"] == board_url(server, "news") + "&wr_id=11"


def test_duplicates_can_be_dropped(crawl, serve, repost_site) -> None:
    server = serve(repost_site)
    crawl.run(url=board_url(server, "news"))
    second = crawl.run(url=board_url(server, "portal"), settings={"NEWSBOT_DUPLICATES": "drop"})
    assert second.items == []
    assert count(crawl, "SELECT COUNT(*) FROM posts WHERE board = 'portal'") == 0


def test_export_command_writes_everything_stored(crawl, serve, repost_site) -> None:
    server = serve(repost_site)
    crawl.run(url=board_url(server, "news"))
    crawl.run(url=board_url(server, "portal"))
    out = crawl.workdir / "all.csv"
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "export", "-o", str(out)],
        cwd=crawl.workdir,
        env=crawl.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["title"] for r in rows} == {"반도체 예산 늘린다", "다른 기사", "반도체 예산 늘린다!"}
    assert {r["publisher"] for r in rows} >= {"연합뉴스"}

    no_dups = crawl.workdir / "nodup.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "export",
            "-o",
            str(no_dups),
            "--no-duplicates",
            "--board",
            "portal",
        ],
        cwd=crawl.workdir,
        env=crawl.env(),
        check=True,
        timeout=60,
    )
    assert len(list(csv.DictReader(io.StringIO(no_dups.read_text("utf-8-sig"))))) == 0


def test_export_neutralises_formula_titles(crawl, serve, tmp_path) -> None:
    root = tmp_path / "formula"
    write_board(
        root, "free", "자유게시판", [SitePost(1, '=HYPERLINK("http://evil")', "<p>본문</p>")]
    )
    server = serve(root)
    crawl.run(url=board_url(server, "free"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "export",
            "-o",
            "-",
            "--site",
            server.base_url.split("://")[1],
        ],
        cwd=crawl.workdir,
        env=crawl.env(),
        capture_output=True,
        timeout=60,
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'


def test_unusable_database_stops_before_crawling(crawl, serve, tmp_path) -> None:
    server = serve(tmp_path)  # never asked
    if is_postgres(crawl):
        crawl.db_url = "postgresql://newsbot:s3cret@127.0.0.1:9/newsbot"  # nothing listens
        shown = "postgresql://newsbot:***@127.0.0.1:9/newsbot"
    else:
        crawl.db.write_bytes(b"not a database" * 200)
        shown = "newsbot.sqlite3"
    result = crawl.run(url=board_url(server))
    assert result.returncode == exitcodes.STORE_UNUSABLE
    assert shown in result.stderr and "cannot" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout
    assert server.requests == []


@pytest.mark.parametrize("how", ["closespider", "sigint"])
def test_every_batch_is_committed_at_close(crawl, serve, how: str) -> None:
    server = serve(SAMPLE_SITE)
    settings = {"NEWSBOT_STORE_BATCH_SIZE": 1000, "NEWSBOT_STORE_FLUSH_SECONDS": 1000}
    if how == "closespider":
        run = crawl.run(url=board_url(server), settings={**settings, "CLOSESPIDER_ITEMCOUNT": 5})
    else:
        server.delay = 0.3
        process, crawl_id = crawl.start(
            settings={**settings, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}, url=board_url(server)
        )
        deadline = time.monotonic() + 60
        while (
            len([r for r in server.requests if "wr_id=" in r]) < 5 and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
        run = crawl.result(process.returncode, stdout, stderr, crawl_id)
    scraped = run.report["totals"]["posts_scraped"]
    assert 0 < scraped < 43
    assert count(crawl, "SELECT COUNT(*) FROM posts") == scraped == len(run.items)
    assert run.report["finish_reason"] in ("closespider_itemcount", "shutdown")
