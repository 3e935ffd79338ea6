"""One site, every kind of board: gnuboard5, gnuboard4 in EUC-KR, short URLs, refusals.

``fixtures/sites/mixed`` (built by ``fixtures/tools/build_mixed_site.py``) is crawled from its
root page; every readable post must come out once with every field right, and every refusal
must be counted by reason.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import quote

import pytest

from newsbot import exitcodes

from .conftest import FIXTURES, load_expected

pytestmark = pytest.mark.e2e

MIXED = FIXTURES / "sites" / "mixed"
MIXED_NOW = {"NEWSBOT_NOW": "2026-11-28T11:05:00+09:00"}


def compare(items: list[dict], expected: list[dict]) -> list[str]:
    got = {(i["site"], i["board"], i["post_id"]): i for i in items}
    problems = []
    if len(got) != len(items):
        problems.append("a post was yielded twice")
    want_keys = {(e["site"], e["board"], e["post_id"]) for e in expected}
    if set(got) != want_keys:
        problems.append(
            f"missing {sorted(want_keys - set(got))}, extra {sorted(set(got) - want_keys)}"
        )
    for want in expected:
        item = got.get((want["site"], want["board"], want["post_id"]))
        if item is None:
            continue
        for key, value in want.items():
            actual = item.get(key, [] if isinstance(value, list) else None)
            if key != "body_html" and actual != value:
                problems.append(
                    f"{want['board']}/{want['post_id']}: {key}: {actual!r} != {value!r}"
                )
    return problems


def test_crawl_from_the_site_root(crawl, serve) -> None:
    server = serve(MIXED)
    expected = load_expected(MIXED, server)
    run = crawl.run(url=server.base_url + "/", settings=MIXED_NOW)
    problems = compare(run.items, expected)
    assert not problems, "\n".join(problems[:40])
    refusals = json.loads((MIXED / "refusals.json").read_text("utf-8"))
    assert run.report["totals"]["refused"] == dict(Counter(refusals.values()))
    for path, reason in refusals.items():
        assert f"refused ({reason}): {server.base_url}{path}" in run.stderr
    # one board refused its list, the others were read: not a failure of the run
    assert run.returncode == exitcodes.OK, run.report["exit_reason"]


@pytest.mark.parametrize(
    ("given", "board", "post_ids"),
    [
        ("/gnuboard4/bbs/board.php?bo_table=g4free&wr_id=12", "g4free", {12}),
        ("/shortnews/101", "shortnews", {101}),
        (
            "/bbs/board.php?bo_table=mixnews&wr_id=508&page=1&sca=&stx=%EC%B2%AB%EB%88%88&sfl=wr_subject",
            "mixnews",
            {508},
        ),
    ],
)
def test_post_url_forms(crawl, serve, given: str, board: str, post_ids: set[int]) -> None:
    server = serve(MIXED)
    expected = [
        e for e in load_expected(MIXED, server) if e["board"] == board and e["post_id"] in post_ids
    ]
    run = crawl.run(url=server.base_url + given, settings=MIXED_NOW)
    assert not compare(run.items, expected)


def test_slug_url_is_stored_under_its_wr_id(crawl, serve) -> None:
    server = serve(MIXED)
    slugs = json.loads((MIXED / "board" / "shortnews" / "slugs.json").read_text("utf-8"))
    slug, wr_id = next(iter(slugs.items()))
    run = crawl.run(url=f"{server.base_url}/shortnews/{quote(slug)}/", settings=MIXED_NOW)
    (item,) = run.items
    assert item["post_id"] == wr_id
    assert item["url"] == f"{server.base_url}/bbs/board.php?bo_table=shortnews&wr_id={wr_id}"


def test_short_url_board_and_incremental_slugs(crawl, serve) -> None:
    server = serve(MIXED)
    expected = [e for e in load_expected(MIXED, server) if e["board"] == "shortnews"]
    first = crawl.run(url=f"{server.base_url}/shortnews", settings=MIXED_NOW)
    assert not compare(first.items, expected)
    server.requests.clear()
    crawl.run(url=f"{server.base_url}/shortnews", settings=MIXED_NOW, refresh_days="0")
    # slug links resolve through the store: nothing but the first list page is asked again
    assert [r for r in server.requests if "robots" not in r] == ["/shortnews"]


def test_g4_board_in_euc_kr(crawl, serve) -> None:
    server = serve(MIXED)
    expected = [e for e in load_expected(MIXED, server) if e["board"] == "g4free"]
    run = crawl.run(
        url=f"{server.base_url}/gnuboard4/bbs/board.php?bo_table=g4free", settings=MIXED_NOW
    )
    problems = compare(run.items, expected)
    assert not problems, "\n".join(problems[:20])
    assert run.returncode == exitcodes.OK
