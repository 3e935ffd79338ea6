"""Broken and hostile pages never crash extraction nor give a field the wrong type."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsel import Selector

from newsbot.items import LIST_FIELDS, Post
from newsbot.loaders import load_post
from newsbot.normalize import KST
from newsbot.skins.gnuboard import board_ref_for_page, extract_list_page, extract_post
from newsbot.skins.refusals import detect_refusal
from newsbot.urls import parse_board_url

from .sitebuilder import SitePost, write_board

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime(2026, 3, 15, 10, tzinfo=KST)
INT_FIELDS = {"post_id", "views", "comments", "likes", "dislikes"}
PAGES = sorted(
    p
    for p in [*FIXTURES.glob("skins/*/*.html"), *FIXTURES.glob("sites/sample/board/*/*.html")]
    if p.stat().st_size > 0
)[:40]
URL = "http://127.0.0.1:8765/bbs/board.php?bo_table=news&wr_id=7"


def check_types(item: Post) -> None:
    for name, value in item.items():
        if value is None:
            continue
        if name in INT_FIELDS:
            assert type(value) is int and value >= 0, name
        elif name == "is_notice":
            assert type(value) is bool
        elif name in LIST_FIELDS:
            assert isinstance(value, list), name
            for entry in value:
                assert isinstance(entry, str | dict), name
        else:
            assert isinstance(value, str), name


def run_extraction(html: str) -> None:
    sel = Selector(text=html)
    detect_refusal(sel, URL)
    extract_list_page(sel, URL)
    raw = extract_post(sel, URL)
    ref = board_ref_for_page(sel, URL) or parse_board_url(URL)
    assert ref is not None
    check_types(load_post(raw, ref, raw.wr_id or 7, now=NOW))


@st.composite
def mutated_page(draw) -> str:
    path = draw(st.sampled_from(PAGES))
    text = path.read_bytes().decode("utf-8", errors="replace")
    rng = random.Random(draw(st.integers(0, 2**32)))
    parts = text.split("<")
    for _ in range(draw(st.integers(1, 4))):
        mode = draw(st.sampled_from(["cut", "duplicate", "shuffle", "junk", "drop"]))
        if mode == "cut":
            text = "<".join(parts)
            text = text[: rng.randrange(len(text) + 1)]
            parts = text.split("<")
        elif mode == "duplicate" and len(parts) > 2:
            i = rng.randrange(len(parts) - 1)
            parts[i:i] = parts[i : i + rng.randrange(1, 40)]
        elif mode == "shuffle" and len(parts) > 2:
            i = rng.randrange(len(parts) - 1)
            window = parts[i : i + 30]
            rng.shuffle(window)
            parts[i : i + 30] = window
        elif mode == "junk":
            junk = draw(st.binary(min_size=1, max_size=200)).decode("latin-1")
            i = rng.randrange(len(parts))
            parts[i] = parts[i][: len(parts[i]) // 2] + junk + parts[i][len(parts[i]) // 2 :]
        elif mode == "drop" and len(parts) > 2:
            del parts[rng.randrange(len(parts)) :][:50]
    return "<".join(parts)


@pytest.mark.skipif(not PAGES, reason="no fixture pages")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_page())
def test_mutated_pages_never_raise_and_keep_types(html: str) -> None:
    run_extraction(html)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "\x00\x01\x02 not html at all \xff",
        "<div>" * 20000 + "deep" + "</div>" * 20000,
        "<html><head><title>\u202e\u200bevil\x07 title\u2066 > 뉴스 | x</title></head>"
        '<body><article id="bo_v"><h2 id="bo_v_title"><span class="bo_v_tit">\u202eevil\u200b\x07'
        '</span></h2><div id="bo_v_con">x</div></article></body></html>',
        "<html><body><table id='bo_list'><tbody>"
        + "".join(
            f"<tr><td class='td_subject'><div class='bo_tit'><a href='/bbs/board.php?bo_table=news&wr_id={n}'>글 {n}</a></div></td></tr>"
            for n in range(1, 5001)
        )
        + "</tbody></table></body></html>",
    ],
    ids=["empty", "binary", "deep", "bidi-control-title", "5000-rows"],
)
def test_hostile_pages(html: str) -> None:
    run_extraction(html)


def test_bidi_and_control_characters_are_removed_from_titles() -> None:
    html = (
        '<html><body><article id="bo_v"><h2 id="bo_v_title"><span class="bo_v_tit">'
        "\u202e뉴스\u200b 제목\x07\u2066</span></h2><div id='bo_v_con'>본문</div></article></body></html>"
    )
    raw = extract_post(Selector(text=html), URL)
    ref = parse_board_url(URL)
    assert ref is not None
    item = load_post(raw, ref, 7, now=NOW)
    assert item["title"] == "뉴스 제목"


def test_ten_megabyte_page() -> None:
    body = "<p>" + "가나다라마바사 " * 200 + "</p>"
    html = (
        '<html><body><article id="bo_v"><h2 id="bo_v_title"><span class="bo_v_tit">큰 글</span>'
        '</h2><section id="bo_v_info"><strong class="if_date">26-03-01 09:00</strong></section>'
        f'<div id="bo_v_con">{body * 3500}</div></article></body></html>'
    )
    assert len(html.encode()) > 10_000_000
    raw = extract_post(Selector(text=html), URL)
    ref = parse_board_url(URL)
    assert ref is not None
    item = load_post(raw, ref, 7, now=NOW)
    check_types(item)
    assert item["title"] == "큰 글" and len(item["body_text"]) > 1_000_000


@pytest.mark.e2e
def test_hostile_site_crawls_without_crashing(crawl, serve, tmp_path) -> None:
    root = tmp_path / "hostile"
    posts = [
        SitePost(1, "\u202e오른쪽에서\u200b 왼쪽\x07", "<p>본문</p>"),
        SitePost(2, "깊은 글", "<div>" * 3000 + "깊다" + "</div>" * 3000),
        SitePost(3, "큰 글", "<p>" + "가" * 3_500_000 + "</p>"),
    ] + [SitePost(n, f"글 {n}", f"<p>{n}</p>") for n in range(4, 1504)]
    write_board(root, "news", "뉴스", posts, rows_per_page=1500)
    (root / "board" / "news" / "4.html").write_bytes(b"\x00\xff\xfe junk " * 1000)
    server = serve(root)
    run = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=news", timeout=600)
    got = {i["post_id"]: i for i in run.items}
    missing = set(range(1, 1504)) - {4} - set(got)
    assert not missing, (missing, run.stderr[-4000:])
    assert got[1]["title"] == "오른쪽에서 왼쪽"
    for item in run.items:
        assert isinstance(item["title"], str) and isinstance(item["post_id"], int)
    assert run.report["totals"]["errors"] == {"not_html": 1}
