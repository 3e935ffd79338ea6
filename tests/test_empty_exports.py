"""A run or export without rows still writes its CSV's BOM and header line: an empty file is
what Excel opens without columns, and what a cron user reads as "the export broke"."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from newsbot import exitcodes

from .conftest import board_url

pytestmark = pytest.mark.e2e


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
    result = crawl.scrapy("export", "-o", str(target), *args)
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


def test_appending_with_dash_o_keeps_one_header_line(crawl, sample_server, tmp_path) -> None:
    target = tmp_path / "posts.csv"
    for _ in range(2):
        command = crawl.command({"url": board_url(sample_server), "full": "1"}, {}, "run1")
        done = subprocess.run(
            [*command, "-o", str(target)],
            cwd=crawl.workdir,
            env=crawl.env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == exitcodes.OK, done.stderr[-2000:]
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsite,board,") and raw.count(b"\xef\xbb\xbf") == 1
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 * 43  # both runs' posts, no header row among them
    assert all(row["site"] != "site" for row in rows)


def test_export_into_a_pipe_that_closes_early_is_quiet(crawl, sample_server) -> None:
    assert crawl.run(url=board_url(sample_server)).returncode == exitcodes.OK
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapy", "export", "-o", "-"],
        cwd=crawl.workdir,
        env=crawl.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(40).startswith(b"\xef\xbb\xbfsite,board,")
    process.stdout.close()  # `| head -c 40`: the CSV is larger than the pipe's buffer
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
