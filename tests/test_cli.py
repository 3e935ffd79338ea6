"""The ``newsbot`` console script works from any directory, its data folder set by NEWSBOT_HOME."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot import exitcodes

from .conftest import SAMPLE_NOW, SAMPLE_SITE

pytestmark = pytest.mark.e2e

SCRIPT = Path(sys.executable).with_name("newsbot")


def run_newsbot(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SCRAPY_SETTINGS_MODULE", "PYTHONPATH", "NEWSBOT_DB")
    }
    env["NEWSBOT_HOME"] = str(home)
    env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # keep tldextract offline (see conftest)
    return subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not SCRIPT.exists(), reason="the newsbot script is not installed")
def test_the_script_runs_from_another_directory(serve, tmp_path) -> None:
    server = serve(SAMPLE_SITE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "home"
    url = f"{server.base_url}/bbs/board.php?bo_table=it_science"
    crawl = run_newsbot(
        [
            "crawl", "gnuboard", "-a", f"url={url}", "-a", "max_pages=1",
            "-s", f"NEWSBOT_NOW={SAMPLE_NOW}", "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "NEWSBOT_CRAWL_ID=cli1",
        ],
        cwd=elsewhere,
        home=home,
    )  # fmt: skip
    assert crawl.returncode == exitcodes.OK, crawl.stderr[-3000:]
    assert (home / "newsbot.sqlite3").is_file()
    report = json.loads((home / "runs" / "cli1.json").read_text("utf-8"))
    scraped = report["totals"]["posts_scraped"]
    assert scraped > 0
    assert len(list((home / "exports").glob("gnuboard_it_science_2*.csv"))) == 1
    assert len(list((home / "exports").glob("gnuboard_it_science_comments_*.csv"))) == 1
    assert list(elsewhere.iterdir()) == []  # nothing written where the script was started

    export = run_newsbot(["export", "-o", "-"], cwd=elsewhere, home=home)
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(export.stdout.lstrip("\ufeff").splitlines()))
    assert len(rows) == scraped

    shown = run_newsbot(["status", "--json"], cwd=elsewhere, home=home)
    assert shown.returncode == 0, shown.stderr
    (site,) = json.loads(shown.stdout)["sites"]
    assert site["posts"] == scraped and site["last_run"]["crawl_id"] == "cli1"

    word = "누리폰"  # in a few of the sample site's titles
    found = run_newsbot(["export", "-o", "-", "--search", word], cwd=elsewhere, home=home)
    assert found.returncode == 0, found.stderr
    hits = list(csv.DictReader(found.stdout.lstrip("\ufeff").splitlines()))
    expected = [r["url"] for r in rows if word in r["title"] or word in r["body_text"]]
    assert 0 < len(hits) < len(rows)
    assert sorted(r["url"] for r in hits) == sorted(expected)
