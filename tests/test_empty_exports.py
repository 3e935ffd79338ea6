"""A run or export without rows still writes its CSV's BOM and header line: an empty file is
what Excel opens without columns, and what a cron user reads as "the export broke"."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsbot import exitcodes

from .conftest import CrawlRunner

pytestmark = pytest.mark.e2e


def board_url(server, board: str = "it_science") -> str:
    return f"{server.base_url}/bbs/board.php?bo_table={board}"


def scrapy(crawl: CrawlRunner, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=crawl.workdir,
        env=crawl.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["--board", "nosuch"], "site,board,board_title,post_id,url,title"),
        (["--changes", "--since", "2020-01-01"], "change,at,site,board,post_id"),
    ],
)
def test_an_export_without_rows_still_has_its_columns(
    crawl, sample_server, tmp_path, args, header
) -> None:
    assert crawl.run(url=board_url(sample_server)).returncode == exitcodes.OK
    target = tmp_path / "out.csv"
    result = scrapy(crawl, "export", "-o", str(target), *args)
    assert result.returncode == exitcodes.OK, result.stderr
    assert "exported 0 " in result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + header.encode()), raw[:80]
    assert raw.decode("utf-8-sig").count("\n") == 1  # the header line and nothing else


def test_an_unchanged_run_writes_csvs_with_their_columns(crawl, sample_server) -> None:
    assert crawl.run(url=board_url(sample_server)).returncode == exitcodes.OK
    again = crawl.run(url=board_url(sample_server), refresh_days="0")
    assert again.returncode == exitcodes.OK and again.items == []
    text = again.csv_path.read_text("utf-8-sig")
    assert text.splitlines() == [text.splitlines()[0]] and text.startswith("site,board,")
    comments = again.csv_path.with_name(f"{again.crawl_id}_comments.csv").read_text("utf-8-sig")
    assert comments.startswith("site,board,post_id,comment_id,")
