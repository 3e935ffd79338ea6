"""The main job end to end: ``scrapy crawl gnuboard`` on the bundled sample site.

Every yielded item is compared with ``fixtures/sites/sample/expected.jsonl`` field by field.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import subprocess
import sys

import pytest
from parsel import Selector

from newsbot import exitcodes
from newsbot.storage import open_store_at

from .conftest import SAMPLE_SITE, board_url, load_expected

pytestmark = pytest.mark.e2e

#: Compared as text (markup serialisation may differ); every other expected key exactly.
HTML_FIELDS = {"body_html"}


def html_text(html: str) -> str:
    return " ".join(Selector(text=html or "<p></p>").xpath("string()").get("").split())


@pytest.fixture
def first_crawl(crawl, sample_server):
    result = crawl.run(url=board_url(sample_server))
    return result, load_expected(SAMPLE_SITE, sample_server)


def test_every_post_once_every_field_right(first_crawl) -> None:
    result, expected = first_crawl
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    got = {item["post_id"]: item for item in result.items}
    assert len(got) == len(result.items), "a post was yielded twice"
    assert sorted(got) == sorted(e["post_id"] for e in expected)
    problems = []
    for want in expected:
        item = got[want["post_id"]]
        for key, value in want.items():
            actual = item.get(key, [] if isinstance(value, list) else None)
            if key in HTML_FIELDS:
                actual, value = html_text(actual), html_text(value)
            if actual != value:
                problems.append(f"wr_id={want['post_id']}: {key}: {actual!r} != {value!r}")
    assert not problems, "\n".join(problems[:40])


def test_seed_post(first_crawl) -> None:
    result, _ = first_crawl
    seed = next(i for i in result.items if i["post_id"] == 63)
    assert seed["title"] == "생성형AI 후발주자 日·中, 어떻게 구글·MS에 맞서나"
    assert (seed["board_title"], seed["author"], seed["comments"], seed["views"]) == (
        "IT/과학기사",
        "수집기",
        0,
        56,
    )
    assert seed["published_at"] == "2023-09-05T14:10:00+09:00"
    assert "ⓒ 머니투데이 & mt.co.kr, 무단 전재 및 재배포 금지" in seed["body_text"]
    assert seed["article_text"].startswith("[MT리포트-국산AI 골든타임]④美 빅테크 추격…日·中")
    assert seed["article_text"].endswith("업계의 논점을 선제적으로 정리한다는 방침이다.")
    assert "[관련기사]" not in seed["article_text"]
    assert (seed["reporter"], seed["publisher"]) == (["최우영"], "머니투데이")


def test_paging_follows_the_pager_to_its_end(first_crawl, sample_server) -> None:
    result = first_crawl[0]
    lists = [r for r in sample_server.requests if "wr_id=" not in r and "board.php" in r]
    pages = sorted({r.split("page=")[1] if "page=" in r else "1" for r in lists})
    assert pages == ["1", "2", "3"], lists
    assert (
        result.report["boards"][f"{sample_server.base_url.split('://')[1]}/it_science"][
            "list_pages"
        ]
        == 3
    )


def test_csv_opens_in_excel_with_hangul_and_no_formulas(first_crawl) -> None:
    result, expected = first_crawl
    data = result.csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would show mojibake"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(expected)
    titles = {int(r["post_id"]): r["title"] for r in rows}
    assert titles[63] == "생성형AI 후발주자 日·中, 어떻게 구글·MS에 맞서나"
    for row in rows:
        assert not row["title"].startswith(("=", "+", "-", "@")), row["title"]
    assert any(t.startswith("'=") for t in titles.values()), "the sample has a formula title"


def test_sqlite_holds_the_same_posts(first_crawl, crawl) -> None:
    expected = first_crawl[1]
    with sqlite3.connect(crawl.db) as conn:
        rows = conn.execute("SELECT post_id, title, published_at FROM posts").fetchall()
    assert len(rows) == len(expected)
    by_id = {r[0]: r for r in rows}
    assert by_id[63][2] == "2023-09-05T14:10:00+09:00"


def test_max_pages_limits_list_pages(crawl, sample_server) -> None:
    result = crawl.run(url=board_url(sample_server), max_pages="1")
    assert result.returncode == exitcodes.OK
    lists = [r for r in sample_server.requests if "wr_id=" not in r and "board.php" in r]
    assert len(lists) == 1
    assert 0 < len(result.items) <= 17


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_demo_command(tmp_path, backend: str, request: pytest.FixtureRequest) -> None:
    if backend == "postgresql":
        db_url = request.getfixturevalue("pg_url")
    else:
        db_url = str(tmp_path / "demo.sqlite3")
    env = {**crawl_env(), "NEWSBOT_DB": db_url}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "demo",
            "--port",
            "0",
            "-s",
            "NEWSBOT_NOW=2026-03-15T10:00:00+09:00",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "newsbot demo finished" in done.stdout
    exports = sorted(p.name for p in (tmp_path / "data" / "exports").glob("*.csv"))
    assert len(exports) == 2  # posts and their comments
    assert exports[1].startswith("gnuboard_it_science_comments_")
    # the run's time in the file names is Seoul time, like every date newsbot writes
    assert all(re.search(r"_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\+09-00\.csv$", n) for n in exports), (
        exports
    )
    store = open_store_at(db_url)
    stored = store.count_posts()
    store.close()
    assert stored > 40
    assert f"({stored} posts stored)" in done.stdout
    assert "posts scraped this run : 43" in done.stdout
    assert "comments (댓글)        : 25" in done.stdout


def crawl_env() -> dict[str, str]:
    from .conftest import CrawlRunner

    return CrawlRunner(SAMPLE_SITE).env()


def test_second_run_on_the_unchanged_sample_costs_one_list_request(crawl, sample_server) -> None:
    first = crawl.run(url=board_url(sample_server))
    assert first.returncode == exitcodes.OK
    sample_server.requests.clear()
    second = crawl.run(url=board_url(sample_server), refresh_days="0")
    assert second.returncode == exitcodes.OK, second.report["exit_reason"]
    board = [r for r in sample_server.requests if "board.php" in r]
    assert board == ["/bbs/board.php?bo_table=it_science"]  # the secret post is known refused
    assert second.items == []


def test_dash_capital_o_writes_the_csv_scrapy_users_expect(crawl, sample_server) -> None:
    out = crawl.workdir / "posts.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "gnuboard",
            "-a",
            f"url={board_url(sample_server)}",
            "-O",
            str(out),
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            f"NEWSBOT_RUNS_DIR={crawl.workdir / 'runs'}",
        ],
        cwd=crawl.workdir,
        env=crawl.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == 43
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(crawl.workdir.glob("data/exports/*")), list(
        crawl.workdir.glob("data/**/*")
    )  # -O replaces the default feed
