"""Real crawls into PostgreSQL: the same rows and export as SQLite, cross-process locks, kills."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from typing import Any

import psycopg
import pytest

from newsbot import exitcodes
from newsbot.storage import open_store_at

from .conftest import SAMPLE_SITE, CrawlRunner, board_url, load_expected

pytestmark = pytest.mark.e2e


def stored(db_url: str) -> list[dict[str, Any]]:
    store = open_store_at(db_url)
    try:
        return list(store.iter_posts())
    finally:
        store.close()


def export(crawl: CrawlRunner, *args: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "export", "-o", "-", *args],
        cwd=crawl.workdir,
        env=crawl.env(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_crawl_into_postgres_stores_and_exports_what_sqlite_does(
    crawl, pg_url, serve, tmp_path
) -> None:
    server = serve(SAMPLE_SITE)
    expected = load_expected(SAMPLE_SITE, server)
    into_sqlite = crawl.run(url=board_url(server))
    (tmp_path / "pg").mkdir()
    pg_crawl = CrawlRunner(tmp_path / "pg", pg_url)
    into_pg = pg_crawl.run(url=board_url(server))
    assert (into_sqlite.returncode, into_pg.returncode) == (0, 0), into_pg.stderr[-2000:]
    assert into_pg.report["totals"]["new"] == len(expected)
    assert stored(pg_crawl.db_url) == stored(crawl.db_url)
    assert len(stored(pg_crawl.db_url)) == len(expected)
    assert export(pg_crawl) == export(crawl)
    assert export(pg_crawl, "--since", "2026-03-14") == export(crawl, "--since", "2026-03-14")
    # comments: the same rows in both stores, the same export
    assert export(pg_crawl, "--comments") == export(crawl, "--comments")
    rows = list(csv.DictReader(io.StringIO(export(crawl, "--comments").decode("utf-8-sig"))))
    assert len(rows) == 25

    again = pg_crawl.run(url=board_url(server))
    assert again.returncode == exitcodes.OK, again.stderr[-2000:]
    assert again.report["totals"]["new"] == 0
    with psycopg.connect(pg_crawl.db_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0] == len(expected)


def test_second_worker_exits_75_and_a_killed_worker_frees_its_board(pg_crawl, serve) -> None:
    server = serve(SAMPLE_SITE)
    expected = load_expected(SAMPLE_SITE, server)
    server.delay = 1.0  # keeps the first worker crawling until it is killed
    first, _ = pg_crawl.start(url=board_url(server))
    deadline = time.monotonic() + 60
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    second = pg_crawl.run(url=board_url(server))
    assert second.returncode == exitcodes.ALREADY_RUNNING, second.stderr[-2000:]
    assert time.monotonic() - started < 15
    assert f"pid {first.pid} on " in second.stderr  # the refusal names the holder
    assert not (pg_crawl.workdir / "locks").exists()  # no lock files: the server holds the lock

    assert first.poll() is None, "the first worker finished before it could be killed"
    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=30)
    assert first.returncode == -signal.SIGKILL
    server.delay = 0
    third = pg_crawl.run(url=board_url(server))  # at once: the server dropped the dead lock
    assert third.returncode == exitcodes.OK, third.stderr[-2000:]
    with psycopg.connect(pg_crawl.db_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM posts").fetchone() == (len(expected),)
        assert conn.execute(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchone() == (0,)


def migrate(crawl: CrawlRunner, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "migrate", *args],
        cwd=crawl.workdir,
        env=crawl.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_migrate_copies_sqlite_into_postgres_and_the_copy_crawls_on(
    crawl, pg_url, serve, tmp_path
) -> None:
    server = serve(SAMPLE_SITE)
    assert crawl.run(url=board_url(server)).returncode == exitcodes.OK
    source = open_store_at(str(crawl.db))
    site = server.base_url.split("://")[1]
    source.record_failure(site, "it_science", 999, board_url(server) + "&wr_id=999", "timeout", "x")
    source.record_alias(site, "it_science", f"{server.base_url}/it_science/slug/", 63)
    source.close()

    for _ in range(2):  # a second copy changes nothing
        done = migrate(crawl, "--from", f"sqlite:///{crawl.db}", "--to", pg_url, "--chunk", "7")
        assert done.returncode == 0, done.stderr
        assert "posts 43" in done.stderr and "refusals 1" in done.stderr
        source, copy = open_store_at(str(crawl.db)), open_store_at(pg_url)
        assert list(copy.dump()) == list(source.dump())
        assert list(copy.iter_posts()) == list(source.iter_posts())
        source.close()
        copy.close()

    # the copy carries what incremental runs need: known posts, refusals, failures, boards
    server.requests.clear()
    pg_run = CrawlRunner(tmp_path, pg_url).run(url=board_url(server), refresh_days="0")
    assert pg_run.returncode == exitcodes.OK, pg_run.stderr[-2000:]
    board = sorted(r for r in server.requests if "board.php" in r)
    # one list page, and the copied failure retried first
    assert board == [
        "/bbs/board.php?bo_table=it_science",
        "/bbs/board.php?bo_table=it_science&wr_id=999",
    ]


def test_migrate_refuses_bad_arguments_and_reports_unreachable_targets(crawl) -> None:
    missing = migrate(crawl, "--to", str(crawl.workdir / "copy.sqlite3"))
    assert missing.returncode == 2 and "no such database" in missing.stderr
    assert not crawl.db.exists()
    crawl.db.touch()
    assert migrate(crawl, "--from", str(crawl.db)).returncode == 2
    same = migrate(crawl, "--from", str(crawl.db), "--to", f"sqlite:///{crawl.db}")
    assert same.returncode == 2 and "same store" in same.stderr
    down = migrate(crawl, "--to", "postgresql://newsbot:s3cret@127.0.0.1:9/news")
    assert down.returncode == exitcodes.STORE_UNUSABLE
    assert "127.0.0.1:9" in down.stderr and "s3cret" not in down.stderr
