"""Extraction on the sample site's saved pages, without a crawler."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from parsel import Selector

from newsbot.loaders import load_post
from newsbot.normalize import KST
from newsbot.skins.gnuboard import detect_skin, extract_list_page, extract_post
from newsbot.urls import parse_board_url

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "sample"
BASE = "http://127.0.0.1:8765"
NOW = datetime(2026, 3, 15, 10, 30, tzinfo=KST)


def page(relative: str) -> Selector:
    return Selector(text=(SITE / relative).read_text("utf-8").replace("{{G5_URL}}", BASE))


def test_first_list_page() -> None:
    url = f"{BASE}/bbs/board.php?bo_table=it_science"
    listing = extract_list_page(page("board/it_science/list-1.html"), url)
    assert detect_skin(page("board/it_science/list-1.html")).name == "gnuboard5-basic"
    assert (listing.bo_table, listing.board_title) == ("it_science", "IT/과학기사")
    assert (listing.current_page, listing.last_page) == (1, 3)
    notices = [row.post_id for row in listing.rows if row.is_notice]
    assert notices == [128, 1]
    assert len(listing.rows) == 15
    assert all(row.url == f"{url}&wr_id={row.post_id}" for row in listing.rows)


def test_last_list_page_has_no_next() -> None:
    url = f"{BASE}/bbs/board.php?bo_table=it_science&page=3"
    listing = extract_list_page(page("board/it_science/list-3.html"), url)
    assert (listing.current_page, listing.last_page) == (3, 3)
    assert 63 in [row.post_id for row in listing.rows]


def test_seed_view_page_matches_expected() -> None:
    url = f"{BASE}/bbs/board.php?bo_table=it_science&wr_id=63"
    raw = extract_post(page("board/it_science/63.html"), url)
    ref = parse_board_url(url)
    assert ref is not None
    item = load_post(raw, ref, 63, now=NOW)
    expected = next(
        json.loads(line.replace("{{G5_URL}}", BASE).replace("{{HOST}}", "127.0.0.1:8765"))
        for line in (SITE / "expected.jsonl").read_text("utf-8").splitlines()
        if '"post_id": 63,' in line
    )
    for key in ("title", "author", "published_at", "views", "comments", "body_text", "category"):
        assert item.get(key) == expected[key], key
