"""Comment lists a skin loads by a separate (AJAX) request (issue #13): Nariya's paged comments.

The site is ``fixtures/sites/ajax-comments`` (``fixtures/tools/build_ajax_comments_site.py``,
markup from ``fixtures/gnuboard/nariya_ajax.py``); its expected comments are derived from the
same data.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from parsel import Selector

from fixtures.gnuboard.model import KST, Cmt
from fixtures.gnuboard.nariya_ajax import comment_fragment, comment_list_target
from newsbot import exitcodes
from newsbot.skins.ajax_comments import (
    CommentLoads,
    comment_loads_to_follow,
    find_comment_loads,
    fragment_complete,
    order_comment_pages,
    parse_comment_answer,
)
from newsbot.skins.comments import CommentBlock, RawComment
from newsbot.storage import open_store_at

from .conftest import SAMPLE_SITE
from .test_comments import compare_comments, load_expected_comments

SITE = SAMPLE_SITE.parent / "ajax-comments"
BASE = "http://127.0.0.1:9"
NOW = {"NEWSBOT_NOW": "2026-11-28T11:05:00+09:00"}
ENDPOINT = "comment.page.php"


def view(wr_id: int) -> tuple[Selector, str]:
    text = (SITE / "board" / "talk" / f"{wr_id}.html").read_text("utf-8")
    url = f"{BASE}/bbs/board.php?bo_table=talk&wr_id={wr_id}"
    return Selector(text=text.replace("{{G5_URL}}", BASE)), url


def endpoint(wr_id: int, page: int | None = None) -> str:
    return BASE + comment_list_target("talk", wr_id, page)


# -- pure functions ----------------------------------------------------------------------------


def test_a_view_page_that_loads_its_comments_names_the_list() -> None:
    sel, url = view(5)
    loads = find_comment_loads(sel, url)
    assert loads == CommentLoads(default_url=endpoint(5), pages={}, shown_page=None)
    assert comment_loads_to_follow(CommentBlock(), loads, 13) == [endpoint(5)]
    # the post says it has no comment: nothing to load
    assert comment_loads_to_follow(CommentBlock(), loads, 0) == []


def test_a_view_page_that_prints_the_last_page_needs_only_the_others() -> None:
    sel, url = view(4)
    loads = find_comment_loads(sel, url)
    assert (loads.shown_page, loads.pages) == (2, {1: endpoint(4, 1)})
    printed = CommentBlock(comments=[RawComment(406), RawComment(407)])
    assert comment_loads_to_follow(printed, loads, 7) == [endpoint(4, 1)]


def test_a_view_page_that_prints_every_comment_loads_nothing() -> None:
    """Its "새로운 댓글 확인" button names the endpoint too: not a list to load."""
    sel, url = view(3)
    loads = find_comment_loads(sel, url)
    assert (loads.default_url, loads.pages) == (None, {})
    printed = CommentBlock(comments=[RawComment(301), RawComment(302), RawComment(303)])
    assert comment_loads_to_follow(printed, loads, 3) == []


@pytest.mark.parametrize(
    ("handler", "found"),
    [
        ("na_page('viewcomment', './c.php?bo_table=a&amp;wr_id=1&amp;page=2', '1');", {2}),
        ('apms_page("viewcomment","./view_comment.page.php?bo_table=a&wr_id=1&page=3");', {3}),
        ("$('#viewcomment').load('/p/comment.page.php?bo_table=a&wr_id=1&page=4');", {4}),
        ("na_page('itemcomment', '/c.php?wr_id=1&page=5');", {5}),
        ("na_page('bo_list', '/list.php?page=6');", set()),  # not a comment container
        ("na_comment_new('viewcomment', '/c.php?wr_id=1', '3');", set()),  # a check, no list
    ],
)
@pytest.mark.parametrize("container", ['<div id="viewcomment"></div>', ""])
def test_comment_load_calls_in_handlers(handler: str, found: set[int], container: str) -> None:
    """Calls in handlers and scripts; only on a page with the container they fill."""
    call = f'<a href="javascript:;" onclick="{handler}">2</a>'
    call = call if '"' not in handler else f"<script>{handler}</script>"
    html = f"<html><body>{container}{call}</body></html>"
    found = found if container else set()
    loads = find_comment_loads(Selector(text=html), f"{BASE}/bbs/board.php?bo_table=a&wr_id=1")
    assert set(loads.pages) == found


def test_a_comment_list_url_keeps_its_fields_and_loses_one_escaping() -> None:
    """A script's URL is read as written (``&copy=2`` is a field, not ``©=2``), with ``&amp;``
    decoded once (a script's text is not decoded by the parser)."""
    script = "apms_page('viewcomment', './c.php?wr_id=1&amp;not=1&copy=2&page=7');"
    page = f'<html><body><div id="viewcomment"></div><script>{script}</script></body></html>'
    loads = find_comment_loads(Selector(text=page), f"{BASE}/bbs/board.php?bo_table=a&wr_id=1")
    assert loads.pages == {7: f"{BASE}/bbs/c.php?wr_id=1&not=1&copy=2&page=7"}


def answer_text(page: int = 2) -> str:
    at = [Cmt(10 + n, f"이름{n}", None, _dt(n), f"댓글 {n}", depth=n % 2) for n in range(4)]
    return comment_fragment("talk", 5, at, page, 3, set(), 4).replace("{{G5_URL}}", BASE)


def _dt(minute: int) -> datetime:
    return datetime(2026, 11, 20, 9, minute, tzinfo=KST)


def test_an_answer_is_read_into_comments_with_its_page_and_pager() -> None:
    answer = parse_comment_answer(answer_text(), endpoint(5, 2), "nariya-basic")
    assert not isinstance(answer, str)
    assert answer.page == 2
    assert [(c.comment_id, c.depth, c.parent_comment_id) for c in answer.block.comments] == [
        (10, 0, None),
        (11, 1, 10),
        (12, 0, None),
        (13, 1, 12),
    ]
    assert answer.loads.pages == {1: endpoint(5, 1), 3: endpoint(5, 3)}


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (lambda t: t[: t.index('id="c_12"') + 30], "comments_truncated"),  # inside a comment
        (lambda t: t[: t.rindex("</section>")], "comments_truncated"),  # only the close missing
        (lambda t: "잘못된 접근입니다.", "comments_invalid"),  # Nariya's die() without a session
        (lambda t: "<p>점검 중입니다</p>", "comments_invalid"),  # a whole answer, not a list
    ],
)
def test_an_answer_cut_off_or_not_a_list_is_never_half_read(cut, reason: str) -> None:
    assert parse_comment_answer(cut(answer_text()), endpoint(5, 2), "nariya-basic") == reason


@pytest.mark.parametrize(
    ("body", "complete"),
    [
        ('<section id="bo_vc"><section>x</section></section>\n', True),
        ('<section id="bo_vc"><section>x</section>', False),
        ("<!doctype html><html><body>x</body></html><!-- 0.01s -->", True),
        ("<!doctype html><html><body>x</bo", False),
        ("", False),
    ],
)
def test_fragment_complete(body: str, complete: bool) -> None:
    assert fragment_complete(body) is complete


def test_pages_read_out_of_order_are_put_in_page_order_with_parents_across_pages() -> None:
    """The view page shows page 2 first; page 1 arrives later; 201 replies to 105."""
    page2 = [RawComment(201, depth=1), RawComment(202, depth=2, parent_comment_id=201)]
    page1 = [RawComment(104), RawComment(105)]
    page_of = {201: 2, 202: 2, 104: 1, 105: 1}
    ordered = order_comment_pages(page2 + page1, page_of)
    assert [(c.comment_id, c.depth, c.parent_comment_id) for c in ordered] == [
        (104, 0, None),
        (105, 0, None),
        (201, 1, 105),
        (202, 2, 201),
    ]


# -- end to end --------------------------------------------------------------------------------


def ajax_requests(server) -> list[str]:
    return [r for r in server.requests if ENDPOINT in r]


@pytest.mark.e2e
def test_every_field_of_every_comment_loaded_by_ajax(crawl, serve) -> None:
    server = serve(SITE)
    result = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=talk", settings=NOW)
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    expected = load_expected_comments(server, SITE)
    problems = compare_comments(result.comments, expected)
    assert not problems, "\n".join(problems[:40])
    # page order across pages read in any order (post 5: the default answer is page 3)
    assert [c["comment_id"] for c in result.comments if c["post_id"] == 5] == [
        c["comment_id"] for c in expected if c["post_id"] == 5
    ]
    # each list page once; nothing for post 3 (all on its page) or post 2 (no comment)
    assert sorted(ajax_requests(server)) == sorted(
        comment_list_target("talk", wr_id, page).replace("&amp;", "&")
        for wr_id, page in ((5, None), (5, 1), (5, 2), (4, 1), (1, None))
    )
    store = open_store_at(str(crawl.db))
    stored = list(store.iter_comments())
    store.close()
    assert len(stored) == len(expected)
    for post in result.items:  # a deleted placeholder counts on the page, is no row
        placeholders = 1 if post["post_id"] == 5 else 0
        rows = sum(1 for c in stored if c["post_id"] == post["post_id"])
        assert post["comments"] == rows + placeholders, post["post_id"]
    board = next(iter(result.report["boards"].values()))["comments"]
    assert (board["count_mismatches"], board["deleted_placeholders"]) == (0, 1)
    assert (board["loads"], board["load_failed"]) == (5, 0)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("fault", "reason"), [("500", "http_500"), ("truncated", "comments_truncated")]
)
def test_a_failed_or_cut_off_list_fails_its_post_which_the_next_run_retries(
    crawl, serve, fault: str, reason: str
) -> None:
    server = serve(SITE)
    url = f"{server.base_url}/bbs/board.php?bo_table=talk"
    page2 = comment_list_target("talk", 5, 2)
    server.add_fault(page2, fault)
    first = crawl.run(url=url, settings=NOW)
    assert sorted(i["post_id"] for i in first.items) == [1, 2, 3, 4]  # post 5: no half item
    assert not [c for c in first.comments if c["post_id"] == 5]
    board = next(iter(first.report["boards"].values()))
    assert board["errors"] == {reason: 1}
    assert board["comments"]["load_failed"] == 1
    assert f"failed ({reason})" in first.stderr and page2 in first.stderr
    store = open_store_at(str(crawl.db))
    assert not [c for c in store.iter_comments() if c["post_id"] == 5]
    store.close()

    server.faults.clear()
    server.requests.clear()
    second = crawl.run(url=url, settings=NOW, refresh_days="0")
    assert second.returncode == exitcodes.OK, second.stderr[-3000:]
    assert [i["post_id"] for i in second.items] == [5]
    # only the retried post loads its list again; posts read whole are not re-fetched
    assert all("wr_id=5" in r for r in ajax_requests(server)) and len(ajax_requests(server)) == 3
    expected = [c for c in load_expected_comments(server, SITE) if c["post_id"] == 5]
    problems = compare_comments(second.comments, expected)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.e2e
def test_a_list_robots_txt_disallows_is_not_loaded_and_the_post_says_so(
    crawl, serve, tmp_path: Path
) -> None:
    """The site asks not to be crawled under /plugin/: the posts come without those lists
    (their counts disagree in the run report) instead of failing every run."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    (root / "static" / "robots.txt").write_text("User-agent: *\nDisallow: /plugin/\n", "utf-8")
    server = serve(root)
    result = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=talk", settings=NOW)
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    assert ajax_requests(server) == []
    assert sorted(i["post_id"] for i in result.items) == [1, 2, 3, 4, 5]
    assert sorted({c["post_id"] for c in result.comments}) == [3, 4]  # what their pages print
    board = next(iter(result.report["boards"].values()))["comments"]
    assert board["count_mismatches"] == 3  # posts 1, 4 and 5
    assert "refused (robots_txt): comment list" in result.stderr


@pytest.mark.e2e
def test_comments_off_loads_no_list(crawl, serve) -> None:
    server = serve(SITE)
    result = crawl.run(
        url=f"{server.base_url}/bbs/board.php?bo_table=talk", settings=NOW, comments="0"
    )
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    assert len(result.items) == 5 and result.comments == []
    assert ajax_requests(server) == []
