"""Comments (댓글): extraction edge cases, the crawl's Comment items, the store's history.

Pages come from the fixture renderer (``fixtures.gnuboard``); expected comments are derived from
the same data (``fixtures.gnuboard.expected.comments_expected``).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from fixtures.gnuboard import g5
from fixtures.gnuboard.model import KST, Cmt
from newsbot import exitcodes
from newsbot.items import COMMENT_FIELDS
from newsbot.loaders import load_comment
from newsbot.skins.comments import (
    COMMENT_NODES_XPATH,
    NO_COMMENTS_XPATH,
    comment_nodes,
    extract_comments,
    says_it_has_no_comments,
)
from newsbot.skins.page import page_selector
from newsbot.storage import open_store_at
from newsbot.urls import parse_board_url

from .conftest import SAMPLE_SITE
from .sitebuilder import SitePost, rewrite_board, write_board

NOW = datetime(2026, 3, 15, 10, 30, tzinfo=KST)
MIXED_SITE = SAMPLE_SITE.parent / "mixed"
MIXED_NOW = "2026-11-28T11:05:00+09:00"
POST_URL = "http://127.0.0.1:9/bbs/board.php?bo_table=free&wr_id=100"


def read(cmts: list[Cmt], *, sideview: bool = True, ip_view: bool = True) -> list[dict]:
    """Render comments as the g5 basic skin prints them, extract and load them."""
    html = f"<html><body>{g5.g5_comments_pc('free', 100, cmts, sideview=sideview, ip_view=ip_view)}</body></html>"
    html = html.replace("{{G5_URL}}", "http://127.0.0.1:9")
    block = extract_comments(Selector(text=html), POST_URL, "gnuboard5-basic")
    ref = parse_board_url(POST_URL)
    return [dict(load_comment(c, ref, 100, now=NOW)) for c in block.comments]


def at(h: int, m: int, day: int = 14) -> datetime:
    return datetime(2026, 3, day, h, m, tzinfo=KST)


def test_member_with_sideview_guest_with_masked_ip_secret_and_deep_replies() -> None:
    cmts = [
        Cmt(101, "김유진", "yujin", at(9, 0), "첫 댓글", ip="211.45.68.30"),
        Cmt(102, "손님", None, at(9, 5), "답글입니다", depth=1, ip="58.120.22.191"),
        Cmt(103, "김유진", "yujin", at(9, 7), "답글의 답글", depth=2, ip="211.45.68.30"),
        Cmt(104, "운영자", "admin", at(9, 9), "비밀 내용", secret=True, ip="10.1.0.2"),
        Cmt(105, "ㅇㅇ", None, at(9, 10), "또 답글", depth=1, ip="175.3.10.89"),
    ]
    got = read(cmts)
    assert [(c["comment_id"], c["depth"], c.get("parent_comment_id")) for c in got] == [
        (101, 0, None),
        (102, 1, 101),
        (103, 2, 102),
        (104, 0, None),
        (105, 1, 104),
    ]
    assert got[0]["author"] == "김유진" and got[0]["author_id"] == "yujin"
    assert got[1]["author_id"] is None and got[1]["author_ip"] == "58.♡.22.191"
    assert got[3]["is_secret"] is True and got[3]["body_text"] == ""
    assert got[0]["published_at"] == "2026-03-14T09:00:00+09:00"
    assert got[0]["url"] == POST_URL + "#c_101"


def test_image_or_emoji_only_comment_keeps_a_body() -> None:
    img = '<img src="http://127.0.0.1:9/data/editor/smile.gif" alt="웃음">'
    got = read([Cmt(201, "ㅇㅇ", None, at(8, 0), img), Cmt(202, "ㅋ", None, at(8, 1), "😀👍")])
    assert got[0]["body_text"] == "[웃음]"
    assert got[1]["body_text"] == "😀👍"


def test_today_comment_dated_with_time_only() -> None:
    html = (
        '<article id="c_301"><header><span class="guest">오늘이</span> '
        '<span class="date">09:41</span></header><div class="cmt_contents">오늘 댓글</div>'
        "</article>"
    )
    block = extract_comments(Selector(text=html), POST_URL, "generic")
    got = load_comment(block.comments[0], parse_board_url(POST_URL), 100, now=NOW)
    assert got["published_at"] == "2026-03-15T09:41:00+09:00"
    assert got["body_text"] == "오늘 댓글"


@pytest.mark.parametrize(
    ("printed", "published_at"),
    [
        ("03-14 21:05", "2026-03-14T21:05:00+09:00"),  # m-d H:i (this year)
        ("2026.03.14 21:05", "2026-03-14T21:05:00+09:00"),  # Nariya's Y.m.d H:i
        ("26-03-14 21:05", "2026-03-14T21:05:00+09:00"),  # g4/g5 y-m-d H:i
        ("3시간 전", "2026-03-15T07:30:00+09:00"),  # relative (Eyoom)
        ("어제 21:05", "2026-03-14T21:05:00+09:00"),
    ],
)
def test_comment_dates_in_the_forms_gnuboard_prints(printed: str, published_at: str) -> None:
    html = (
        f'<article id="c_601"><header><span class="guest">가</span> <span>{printed}</span>'
        '</header><div class="cmt_contents">댓글</div></article>'
    )
    (raw,) = extract_comments(Selector(text=html), POST_URL, "gnuboard5-basic").comments
    got = load_comment(raw, parse_board_url(POST_URL), 100, now=NOW)
    assert got["published_at"] == published_at


def test_no_comments_and_deleted_placeholder() -> None:
    assert read([]) == []
    html = (
        '<article id="c_401"><header><span class="guest">가</span></header>'
        '<div class="cmt_contents">삭제된 댓글입니다.</div></article>'
        '<article id="c_402"><header><span class="guest">나</span></header>'
        '<div class="cmt_contents">남은 댓글</div></article>'
    )
    block = extract_comments(Selector(text=html), POST_URL, "gnuboard5-basic")
    assert [c.comment_id for c in block.comments] == [402]
    assert block.deleted_placeholders == 1


def test_three_hundred_comments_on_one_post() -> None:
    cmts = [
        Cmt(1000 + n, f"댓글러{n}", None, at(0, 0), f"댓글 {n}", depth=n % 3 and 1)
        for n in range(300)
    ]
    got = read(cmts, sideview=False, ip_view=False)
    assert len(got) == 300
    assert len({c["comment_id"] for c in got}) == 300
    assert got[299]["body_text"] == "댓글 299"
    assert all(
        c.get("parent_comment_id") == 1000 + (i - i % 3) for i, c in enumerate(got) if c["depth"]
    )


# -- end to end --------------------------------------------------------------------------------


def load_expected_comments(server, site_dir: Path = SAMPLE_SITE) -> list[dict]:
    host = server.base_url.split("://", 1)[1]
    text = (site_dir / "expected_comments.jsonl").read_text("utf-8")
    text = text.replace("{{G5_URL}}", server.base_url).replace("{{HOST}}", host)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def compare_comments(got_items: list[dict], expected: list[dict]) -> list[str]:
    """Every field of every expected comment; no comment twice, none unexpected."""
    got = {(c["site"], c["board"], c["post_id"], c["comment_id"]): c for c in got_items}
    problems = [] if len(got) == len(got_items) else ["a comment was yielded twice"]
    want_keys = {(c["site"], c["board"], c["post_id"], c["comment_id"]) for c in expected}
    problems += [f"unexpected comment {key}" for key in sorted(set(got) - want_keys)]
    for want in expected:
        key = (want["site"], want["board"], want["post_id"], want["comment_id"])
        if key not in got:
            problems.append(f"missing comment {key}")
            continue
        for name, value in want.items():
            if got[key].get(name) != value:
                problems.append(f"{key}: {name}: {got[key].get(name)!r} != {value!r}")
    return problems


@pytest.mark.e2e
def test_sample_site_every_field_of_every_comment(crawl, sample_server) -> None:
    result = crawl.run(url=f"{sample_server.base_url}/bbs/board.php?bo_table=it_science")
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    expected = load_expected_comments(sample_server)
    problems = compare_comments(result.comments, expected)
    assert not problems, "\n".join(problems[:40])
    assert any(c["is_secret"] for c in expected) and any(c["depth"] for c in expected)
    # the comments CSV beside the posts CSV, Excel-safe like it
    rows = list(
        csv.DictReader(
            io.StringIO((crawl.workdir / "exports" / "run1_comments.csv").read_text("utf-8-sig"))
        )
    )
    assert len(rows) == len(expected)
    # stored: one row per comment, and every post's count agrees with its rows
    store = open_store_at(str(crawl.db))
    stored = list(store.iter_comments())
    store.close()
    assert len(stored) == len(expected)
    posts = {p["post_id"]: p["comments"] for p in result.items}
    for post_id, count in posts.items():
        assert count == sum(1 for c in stored if c["post_id"] == post_id)
    board = result.report["boards"][f"{sample_server.base_url.split('://')[1]}/it_science"]
    assert board["comments"]["new"] == len(expected)
    assert board["comments"]["count_mismatches"] == 0
    assert board["comments"]["field_coverage"]["body_text"] > 0.9


@pytest.mark.e2e
def test_mixed_site_g4_euc_kr_and_g5_comments_every_field(crawl, serve) -> None:
    """gnuboard4 in CP949 (sideview member ids, masked IPs), g5 basic and short URLs."""
    server = serve(MIXED_SITE)
    result = crawl.run(url=server.base_url + "/", settings={"NEWSBOT_NOW": MIXED_NOW})
    expected = load_expected_comments(server, MIXED_SITE)
    assert {c["board"] for c in expected} >= {"g4free", "mixnews"}
    assert any(c["author_ip"] for c in expected) and any(c["author_id"] for c in expected)
    problems = compare_comments(result.comments, expected)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.e2e
@pytest.mark.parametrize("site", ["themes", "g6"])
def test_theme_and_gnuboard6_comments_every_field(crawl, serve, site: str) -> None:
    """Themes newsbot has no table for: the generic cues (c_<id>, sideview spans, dates)."""
    site_dir = SAMPLE_SITE.parent / site
    server = serve(site_dir)
    result = crawl.run(
        url=server.base_url + "/", max_pages="1", settings={"NEWSBOT_NOW": MIXED_NOW}
    )
    expected = load_expected_comments(server, site_dir)
    assert expected
    problems = compare_comments(result.comments, expected)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.e2e
def test_comments_off_costs_the_same_requests(crawl, sample_server, tmp_path) -> None:
    url = f"{sample_server.base_url}/bbs/board.php?bo_table=it_science"
    on = crawl.run(url=url)
    requests_on = on.report["totals"]["requests"]
    other = type(crawl)(tmp_path / "off")
    (tmp_path / "off").mkdir()
    off = other.run(url=url, comments="0")
    assert off.returncode == exitcodes.OK
    assert off.comments == [] and len(off.items) == len(on.items)
    assert off.report["totals"]["requests"] == requests_on


def board(tmp_path: Path, posts: list[SitePost]) -> Path:
    root = tmp_path / "site"
    write_board(root, "free", "자유게시판", posts)
    return root


@pytest.mark.e2e
def test_two_runs_comments_added_and_one_deleted(crawl, serve, tmp_path) -> None:
    root = board(
        tmp_path,
        [
            SitePost(1, "첫 글", "<p>본문</p>", comments=2),
            SitePost(2, "둘째", "<p>둘</p>", comments=1),
        ],
    )
    server = serve(root)
    url = f"{server.base_url}/bbs/board.php?bo_table=free"
    first = crawl.run(url=url)
    assert first.returncode == exitcodes.OK, first.stderr[-2000:]
    assert sorted(c["comment_id"] for c in first.comments) == [1001, 1002, 2001]
    untouched = stored_rows(crawl.db, post_id=2)
    # between runs: comment 1001 deleted, 1003 and 1004 added (count 2 -> 3)
    post = SitePost(1, "첫 글", "<p>본문</p>", comments=4).post()
    post.cmts = [c for c in post.cmts if c.cid != 1001]
    post.ncmt = len(post.cmts)
    write_board_posts(root, [post, SitePost(2, "둘째", "<p>둘</p>", comments=1).post()])
    server.requests.clear()
    second = crawl.run(url=url, refresh_days="0")
    assert second.returncode == exitcodes.OK, second.stderr[-2000:]
    fetched = sorted(r for r in server.requests if "wr_id=" in r)
    assert fetched == ["/bbs/board.php?bo_table=free&wr_id=1"]  # post 2 unchanged: no request
    store = open_store_at(str(crawl.db))
    rows = {c["comment_id"]: c for c in store.iter_comments(include_deleted=True)}
    live = [c["comment_id"] for c in store.iter_comments()]
    changes = list(store.iter_changes(datetime(2000, 1, 1, tzinfo=KST)))
    store.close()
    assert sorted(rows) == [1001, 1002, 1003, 1004, 2001]  # nothing duplicated, nothing lost
    assert stored_rows(crawl.db, post_id=2) == untouched  # same count: no request, no row touched
    assert sorted(live) == [1002, 1003, 1004, 2001]
    assert [(c["change"], c["comment_id"]) for c in changes] == [("comment_deleted", 1001)]
    board_report = next(iter(second.report["boards"].values()))["comments"]
    assert (board_report["new"], board_report["deleted"], board_report["unchanged"]) == (2, 1, 1)


def stored_rows(db: Path, post_id: int) -> list[tuple]:
    """Every column of a post's stored comment rows (last_seen_at included)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM comments WHERE post_id = ?", (post_id,)).fetchall()


def write_board_posts(root: Path, posts) -> None:
    """Rewrite the board's pages for these posts (renderer models)."""
    rewrite_board(root, "free", "자유게시판", posts)


@pytest.mark.e2e
def test_two_runs_post_edited_and_one_deleted(crawl, serve, tmp_path) -> None:
    posts = [
        SitePost(1, "원래 제목", "<p>원래 본문</p>"),
        SitePost(2, "지워질 글", "<p>곧 삭제</p>"),
    ]
    root = board(tmp_path, posts)
    server = serve(root)
    url = f"{server.base_url}/bbs/board.php?bo_table=free"
    first = crawl.run(url=url)
    assert first.returncode == exitcodes.OK, first.stderr[-2000:]
    # between runs: post 1 edited; post 2 deleted (its page answers the 글이 존재하지 않습니다 alert)
    write_board_posts(
        root,
        [
            SitePost(1, "고친 제목", "<p>고친 본문</p>").post(),
            SitePost(2, "지워질 글", "<p>곧 삭제</p>").post(),
        ],
    )
    (root / "board" / "free" / "2.html").unlink()
    second = crawl.run(url=url, refresh_days="99999")
    assert second.returncode in (exitcodes.OK,), second.stderr[-2000:]
    store = open_store_at(str(crawl.db))
    changes = list(store.iter_changes(datetime(2000, 1, 1, tzinfo=KST)))
    store.close()
    kinds = sorted((c["change"], c["post_id"]) for c in changes)
    assert kinds == [("post_deleted", 2), ("post_edited", 1)]
    edited = next(c for c in changes if c["change"] == "post_edited")
    assert (edited["title"], edited["body_text"]) == ("원래 제목", "원래 본문")
    out = crawl.workdir / "changes.csv"
    done = crawl.scrapy("export", "--changes", "--since", "2000-01-01", "-o", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert sorted((r["change"], r["post_id"]) for r in rows) == [
        ("post_deleted", "2"),
        ("post_edited", "1"),
    ]


# -- every skin newsbot supports: the comments its view page prints ------------------------------

SKIN_COMMENT_PAGES = sorted(
    (path.parent.name, path.name.removesuffix(".comments.json"))
    for path in (SAMPLE_SITE.parent.parent / "skins").glob("*/*.comments.json")
)


@pytest.mark.parametrize(("case", "name"), SKIN_COMMENT_PAGES)
def test_skin_view_page_comments(case: str, name: str) -> None:
    from newsbot.skins.gnuboard import extract_post

    from .test_skins import SKINS_DIR, _fill, _response

    meta = json.loads((SKINS_DIR / case / "pages.json").read_text("utf-8"))[name]
    response, now, base = _response(case, name, meta)
    raw = extract_post(response.selector, response.url)
    block = extract_comments(response.selector, response.url, raw.skin)
    ref = parse_board_url(response.url)
    got = [dict(load_comment(c, ref, raw.wr_id or 0, now=now)) for c in block.comments]
    expected = _fill(json.loads((SKINS_DIR / case / f"{name}.comments.json").read_text()), base)
    for item in got:
        item.pop("site"), item.pop("crawled_at")
    assert got == expected
    assert raw.comments is None or int(raw.comments) == len(expected)


def test_every_supported_skin_has_a_comment_page() -> None:
    cases = {case for case, _name in SKIN_COMMENT_PAGES}
    assert cases >= {
        "g5-sideview",
        "g5-basic-mobile",
        "g5-gallery",
        "g5-old-5.2",
        "g4-basic",
        "eyoom",
        "nariya",
    }


@pytest.mark.e2e
def test_truncated_page_gives_no_half_comment_and_is_retried(crawl, serve, tmp_path) -> None:
    root = board(tmp_path, [SitePost(1, "댓글 많은 글", "<p>본문</p>", comments=3)])
    page = root / "board" / "free" / "1.html"
    whole = page.read_bytes()
    page.write_bytes(whole[: whole.index(b'id="c_1002"') + 40])  # cut inside the 2nd comment
    server = serve(root)
    url = f"{server.base_url}/bbs/board.php?bo_table=free"
    first = crawl.run(url=url)
    assert first.items == [] and first.comments == []
    assert first.report["boards"][next(iter(first.report["boards"]))]["errors"] == {"truncated": 1}
    page.write_bytes(whole)
    second = crawl.run(url=url, refresh_days="0")
    assert [c["comment_id"] for c in second.comments] == [1001, 1002, 1003]
    assert [i["post_id"] for i in second.items] == [1]


@pytest.mark.e2e
def test_comments_output_flag_and_export_formats(crawl, sample_server) -> None:
    url = f"{sample_server.base_url}/bbs/board.php?bo_table=it_science"
    posts_file, comments_file = crawl.workdir / "p.csv", crawl.workdir / "c.jsonl"
    settings = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    settings += ["-s", f"NEWSBOT_RUNS_DIR={crawl.workdir / 'runs'}"]
    done = crawl.scrapy(
        "crawl",
        *("gnuboard", "-a", f"url={url}", "-O", str(posts_file)),
        *("--comments-output", str(comments_file), *settings),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    posts = list(csv.DictReader(io.StringIO(posts_file.read_text("utf-8-sig"))))
    comments = [json.loads(line) for line in comments_file.read_text("utf-8").splitlines()]
    assert len(posts) == 43 and "comment_id" not in posts[0]
    assert len(comments) == 25 and set(comments[0]) == set(COMMENT_FIELDS)
    assert not list(crawl.workdir.glob("data/exports/*"))  # the named files replace the defaults
    for name, parse in (
        ("all.json", lambda text: json.loads(text)),
        ("all.jsonl", lambda text: [json.loads(line) for line in text.splitlines()]),
        ("all.csv", lambda text: list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))),
    ):
        out = crawl.workdir / name
        exported = crawl.scrapy("export", "--comments", "-o", str(out))
        assert exported.returncode == 0, exported.stderr[-2000:]
        rows = parse(out.read_text("utf-8"))
        assert len(rows) == 25, name
        assert {str(r["comment_id"]) for r in rows} == {str(c["comment_id"]) for c in comments}
    refused = crawl.scrapy("export", "--comments", "-o", "x.xml")
    assert refused.returncode != 0 and "name a .csv, .jsonl or .json file" in refused.stderr


@pytest.mark.e2e
def test_full_run_marks_a_post_gone_from_the_list_deleted(crawl, serve, tmp_path) -> None:
    posts = [SitePost(n, f"글 {n}", f"<p>본문 {n}</p>", comments=1) for n in (1, 2, 3)]
    root = board(tmp_path, posts)
    server = serve(root)
    url = f"{server.base_url}/bbs/board.php?bo_table=free"
    assert crawl.run(url=url).returncode == exitcodes.OK
    write_board_posts(root, [p.post() for p in posts if p.wr_id != 2])  # 2 left the list
    incremental = crawl.run(url=url)  # an incremental run reads no whole list: marks nothing
    assert incremental.report["totals"]["deleted"] == 0
    full = crawl.run(url=url, full="1")
    assert full.returncode == exitcodes.OK, full.stderr[-2000:]
    assert full.report["totals"]["deleted"] == 1
    assert next(iter(full.report["boards"].values()))["posts"]["deleted"] == 1
    store = open_store_at(str(crawl.db))
    changes = [(c["change"], c["post_id"]) for c in store.iter_changes(since_day("2000-01-01"))]
    kept = sorted(p["post_id"] for p in store.iter_posts())
    store.close()
    assert changes == [("post_deleted", 2)]
    assert kept == [1, 2, 3]  # kept, only marked


def since_day(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=KST)


@pytest.mark.e2e
def test_three_hundred_comments_crawled_and_stored(crawl, serve, tmp_path) -> None:
    root = board(tmp_path, [SitePost(1, "댓글 폭주", "<p>본문</p>", comments=300)])
    server = serve(root)
    result = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=free")
    assert result.returncode == exitcodes.OK, result.stderr[-2000:]
    assert [c["comment_id"] for c in result.comments] == list(range(1001, 1301))
    assert result.items[0]["comments"] == 300
    assert len(stored_rows(crawl.db, post_id=1)) == 300


@pytest.mark.e2e
def test_comment_pages_are_followed_one_at_a_time(crawl, serve, tmp_path) -> None:
    """A theme that pages comments (``&cpage=N``): every page read, nothing twice; replies
    whose parent closed the page before keep it."""
    post = SitePost(1, "댓글 페이지", "<p>본문</p>").post()
    post.cmts = [
        Cmt(100 + n, f"댓글러{n}", None, at(9, n), f"댓글 {n}", depth=1 if n in (5, 11, 21) else 0)
        for n in range(1, 24)
    ]
    post.ncmt = len(post.cmts)
    root = tmp_path / "site"
    rewrite_board(root, "free", "자유게시판", [post], comments_per_page=10)
    server = serve(root)
    result = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=free")
    assert result.returncode == exitcodes.OK, result.stderr[-2000:]
    comment_pages = [r for r in server.requests if "cpage=" in r]
    assert len(comment_pages) == 2  # pages 2 and 3, once each
    assert [c["comment_id"] for c in result.comments] == [c.cid for c in post.cmts]
    by_id = {c["comment_id"]: c for c in result.comments}
    assert by_id[105]["parent_comment_id"] == 104
    # replies opening pages 2 and 3: their parents closed the page before
    assert (by_id[111]["parent_comment_id"], by_id[121]["parent_comment_id"]) == (110, 120)
    assert by_id[111]["depth"] == by_id[121]["depth"] == 1
    assert result.items[0]["comments"] == 23
    assert next(iter(result.report["boards"].values()))["comments"]["count_mismatches"] == 0


def test_secret_comment_forms_gnuboard_prints() -> None:
    """g5's password link (``댓글내용 확인``) and g4's ``* 비밀글 입니다.``: a row, no text."""
    g5_link = (
        '<article id="c_501"><header><span class="guest">손님</span> '
        '<time datetime="2026-03-14T09:00:00+09:00">26-03-14 09:00</time></header>'
        '<div class="cmt_contents"><p><a class="s_cmt" '
        'href="http://127.0.0.1:9/bbs/password.php?w=sc&amp;bo_table=free&amp;wr_id=501">'
        "댓글내용 확인</a></p></div></article>"
    )
    g4_star = (
        '<a name="c_502"></a><table><tr><td><span class="guest">손님</span> '
        '<span style="color:#888888; font-size:11px;">26-03-14 09:05</span>'
        "<div style='line-height:20px; word-break:break-all;'>"
        "* <span style='color:#ff6600;'>비밀글 입니다.</span></div></td></tr></table>"
    )
    for html, skin in ((g5_link, "gnuboard5-basic"), (g4_star, "gnuboard4-basic")):
        (comment,) = extract_comments(Selector(text=html), POST_URL, skin).comments
        assert comment.is_secret and comment.body_text == "", skin


def _fixture_views_with_comment_section() -> list[Path]:
    root = Path(__file__).resolve().parents[1] / "fixtures"
    return [p for p in sorted(root.rglob("*.html")) if b'id="bo_vc"' in p.read_bytes()]


def test_comment_search_inside_bo_vc_finds_what_the_whole_page_search_finds() -> None:
    """The search for comment nodes is scoped to ``#bo_vc`` (for speed): on every fixture page
    that has the section it must find exactly the nodes the whole-page search finds; and the
    section's "no comments" mark is told by the page's id table as by the walk."""
    pages = _fixture_views_with_comment_section()
    assert len(pages) > 50
    with_comments = 0
    told_empty = []
    for path in pages:
        root = page_selector(HtmlResponse(POST_URL, body=path.read_bytes())).root
        scoped, whole = comment_nodes(root), COMMENT_NODES_XPATH(root)
        assert scoped == whole, path
        with_comments += bool(whole)
        # the empty section is told by the page's id table as by the walk of the section
        for section in root.xpath("//*[@id='bo_vc']"):
            assert says_it_has_no_comments(section) is NO_COMMENTS_XPATH(section), path
            told_empty.append(NO_COMMENTS_XPATH(section))
    assert with_comments > 20
    assert any(told_empty) and not all(told_empty)


@pytest.mark.parametrize(
    "html",
    [
        '<section id="bo_vc"><p id="bo_vc_empty">없음</p></section>',
        '<section id="bo_vc"><h2>댓글목록</h2></section><p id="bo_vc_empty">없음</p>',
        # the id twice: the page's id table names the first, outside the section
        '<p id="bo_vc_empty">x</p><section id="bo_vc"><div><p id="bo_vc_empty">y</p></div></section>',
        '<p id="bo_vc_empty">x</p><section id="bo_vc"></section><p id="bo_vc_empty">y</p>',
        '<section id="bo_vc"></section>',
    ],
)
def test_the_empty_comment_section_is_told_by_the_id_table_as_by_the_walk(html: str) -> None:
    for sel in (
        Selector(text=f"<html><body>{html}</body></html>"),
        page_selector(HtmlResponse(POST_URL, body=f"<html><body>{html}</body></html>".encode())),
    ):
        (section,) = sel.root.xpath("//*[@id='bo_vc']")
        assert says_it_has_no_comments(section) is NO_COMMENTS_XPATH(section), html


@pytest.mark.parametrize(
    "section",
    [
        '<section id="bo_vc"><h2>댓글목록</h2></section>',  # a heading only: comments elsewhere
        '<div id="bo_vc"></div><div id="bo_vc"></div>',  # two sections: not trusted
    ],
)
def test_comments_outside_a_comment_section_are_still_read(section: str) -> None:
    cmts = [
        Cmt(101, "김유진", "yujin", at(9, 0), "첫 댓글"),
        Cmt(102, "손님", None, at(9, 5), "둘째"),
    ]
    listed = g5.g5_comments_pc("free", 100, cmts, sideview=True, ip_view=True)
    listed = listed.replace('id="bo_vc"', 'class="cmt_list"').replace(
        "{{G5_URL}}", "http://127.0.0.1:9"
    )
    html = f"<html><body>{section}{listed}</body></html>"
    block = extract_comments(Selector(text=html), POST_URL, "gnuboard5-basic")
    got = [(c.comment_id, " ".join(c.body_text.split())) for c in block.comments]
    assert got == [(101, "첫 댓글"), (102, "둘째")]


def test_a_comment_section_that_says_it_is_empty_is_not_searched_past() -> None:
    """``#bo_vc_empty`` inside ``#bo_vc``: the skin says there are none; a ``c_`` id elsewhere
    on the page (a latest-comments box, say) is not one of this post's comments."""
    html = (
        '<html><body><section id="bo_vc"><p id="bo_vc_empty">등록된 댓글이 없습니다.</p></section>'
        '<aside><ul><li id="c_9">다른 글의 댓글</li></ul></aside></body></html>'
    )
    block = extract_comments(Selector(text=html), POST_URL, "gnuboard5-basic")
    assert block.comments == []


@pytest.mark.parametrize(
    ("links", "pages"),
    [
        ([], []),
        (["./board.php?bo_table=free&wr_id=100"], []),
        # a name split across two links is no comment page
        (["./view.php?c", "page=2"], []),
        (
            ["./board.php?bo_table=free&wr_id=100&cpage=3#bo_vc", "?wr_id=100&amp;cpage=2"],
            [
                "http://127.0.0.1:9/bbs/board.php?wr_id=100&cpage=2",
                "http://127.0.0.1:9/bbs/board.php?bo_table=free&wr_id=100&cpage=3#bo_vc",
            ],
        ),
        (
            ["comment.php?comment_page=2", "comment.php?comment_page=1"],
            ["http://127.0.0.1:9/bbs/comment.php?comment_page=2"],
        ),
    ],
)
def test_further_comment_pages_are_the_links_that_name_one(links: list, pages: list) -> None:
    anchors = "".join(f'<a href="{href}">{n}</a>' for n, href in enumerate(links, 1))
    html = (
        f'<html><body><section id="bo_vc"><article id="c_5"><div class="cmt_contents">'
        f"<p>hi</p></div></article></section>{anchors}</body></html>"
    )
    block = extract_comments(Selector(text=html), POST_URL, "gnuboard5-basic")
    assert [c.comment_id for c in block.comments] == [5]
    assert block.more_pages == pages


def _paged_view(comments: int, deleted: int = 0) -> str:
    """A view page printing ``comments`` comments (and ``deleted`` placeholders) with a pager
    naming comment pages 2 and 3."""
    articles = "".join(
        f'<article id="c_{n}"><div class="cmt_contents"><p>댓글 {n}</p></div></article>'
        for n in range(1, comments + 1)
    ) + "".join(
        f'<article id="c_{n}"><div class="cmt_contents"><p>삭제된 댓글입니다.</p></div></article>'
        for n in range(50, 50 + deleted)
    )
    pager = "".join(
        f'<a href="./board.php?bo_table=free&amp;wr_id=100&amp;cpage={n}">{n}</a>' for n in (2, 3)
    )
    return f'<html><body><section id="bo_vc">{articles}</section>{pager}</body></html>'


@pytest.mark.parametrize(
    ("printed", "deleted", "count", "followed"),
    [
        (3, 0, None, True),  # no count: the links are read
        (3, 0, 30, True),  # fewer printed than counted: other pages hold the rest
        (3, 0, 2, True),  # a count that disagrees either way is no proof
        (3, 0, 3, False),  # every comment is here
        (2, 1, 3, False),  # a deleted one's placeholder counts, as gnuboard counts it
        (2, 1, 2, True),
    ],
)
def test_a_page_printing_every_counted_comment_has_no_further_pages(
    printed: int, deleted: int, count: int | None, followed: bool
) -> None:
    block = extract_comments(
        Selector(text=_paged_view(printed, deleted)), POST_URL, "gnuboard5-basic", count
    )
    assert len(block.comments) == printed and block.deleted_placeholders == deleted
    assert bool(block.more_pages) is followed
    if followed:
        assert [p.rsplit("=", 1)[-1] for p in block.more_pages] == ["2", "3"]
