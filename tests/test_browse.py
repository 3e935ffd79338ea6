"""``scrapy browse``: Datasette over a store from real crawls, checked in headless Chromium.

Datasette is started the way a user starts it (``scrapy browse --port 0``: read-only,
127.0.0.1). Chromium loads the board table, the canned query 조회수 급상승 and the dashboard;
its host resolver maps every name but 127.0.0.1 to "not found", so the charts can only render
if the plugin's scripts are served locally. Screenshots land in the test's tmp folder.

Chromium comes from Debian's ``chromium`` package, which ``make test`` installs when it runs as
root; elsewhere the test is skipped with the reason, except in CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsbot.browse import datasette_metadata

from .browser import CHROMIUM, chromium, start_browse, stop_browse
from .browsestore import FAILING_POST, RISING_POST, build_store

pytestmark = pytest.mark.e2e


def require(available: bool, reason: str) -> None:
    """Skip with the reason on a developer's machine; in CI a missing tool is a failure."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it: make test installs it)")
    pytest.skip(reason)


@pytest.fixture
def browse(crawl, serve, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    require(
        all(importlib.util.find_spec(m) for m in ("datasette", "datasette_dashboards")),
        "datasette is not installed: pip install -e '.[browse]'",
    )
    require(os.access(CHROMIUM, os.X_OK), f"no {CHROMIUM}: apt-get install chromium")
    build_store(crawl, serve, tmp_path / "site")
    before = hashlib.sha256(crawl.db.read_bytes()).hexdigest()
    process, base_url = start_browse(crawl.workdir, crawl.env())
    try:
        yield base_url, tmp_path
    finally:
        stop_browse(process)
    assert hashlib.sha256(crawl.db.read_bytes()).hexdigest() == before  # read-only


def load(url: str, tmp_path: Path, screenshot: str) -> str:
    """The page's DOM after its scripts ran, and a screenshot of it."""
    profile = tmp_path / f"chromium-{screenshot}"
    shot = chromium(profile, "1400,1100", f"--screenshot={tmp_path / screenshot}", url)
    assert (tmp_path / screenshot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot.stderr[-2000:]
    dom = chromium(profile, "1400,1100", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    return html.unescape(dom.stdout)


def test_the_store_in_datasette_in_a_real_browser(browse, crawl) -> None:
    base_url, tmp_path = browse
    with sqlite3.connect(crawl.db) as conn:
        news_titles = [r[0] for r in conn.execute("SELECT title FROM posts WHERE board = 'news'")]
        per_day = conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM posts GROUP BY substr(published_at, 1, 10), board)"
        ).fetchone()[0]
        rising_url = conn.execute(
            "SELECT url FROM posts WHERE board = 'news' AND post_id = ?", (RISING_POST,)
        ).fetchone()[0]
    database = crawl.db.stem
    metadata = datasette_metadata(database)

    table = load(f"{base_url}/{database}/posts?board=news", tmp_path, "posts-table.png")
    assert metadata["databases"][database]["tables"]["posts"]["title"] in table
    rows = re.findall(r"<tr>\s*<td", table)
    assert len(rows) == len(news_titles) == 12
    assert all(title in table for title in news_titles)
    assert "잡담" not in table  # the free board's posts are filtered out
    assert "작성일 — ISO 8601" in table  # column titles, Korean beside English
    for facet in ("board", "category", "author", "publisher"):
        assert f'data-column="{facet}"' in table

    rising = load(f"{base_url}/{database}/views_rising", tmp_path, "views-rising.png")
    assert "조회수 급상승" in rising
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", rising, re.S).group(1)
    assert "500" in first_row and f"환율 동향 {RISING_POST}보" in first_row

    failed = load(f"{base_url}/{database}/failed_posts", tmp_path, "failed-posts.png")
    assert f"wr_id={FAILING_POST}" in failed and "http_500" in failed

    charts = load(
        f"{base_url}/-/dashboards/newsbot?post={quote(rising_url, safe='')}",
        tmp_path,
        "dashboard.png",
    )
    assert len(re.findall(r'<svg[^>]*class="marks"', charts)) == 2  # both charts drew
    day_points = set(re.findall(r'aria-label="(날짜 day: [^"]+)"', charts))
    assert len(day_points) == per_day
    views = set(re.findall(r'aria-label="읽은 시각 seen: [^;"]+; 조회 views: (\d+)"', charts))
    assert views == {"70", "570"}  # the rising post before and after its jump

    search = load(f"{base_url}/{database}/search?q={quote('환율 움직')}", tmp_path, "search.png")
    found = re.findall(r"환율 동향 (\d+)보", search)
    assert sorted(map(int, found)) == list(range(1, 13))  # 환율이 … 움직였다: word starts
    box = load(
        f"{base_url}/{database}/posts?_search={quote('도서관*')}", tmp_path, "search-box.png"
    )
    assert len(re.findall(r"<tr>\s*<td", box)) == 6  # the free board's 동네 도서관 posts
