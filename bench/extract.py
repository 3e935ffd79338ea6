"""Extraction only: newsbot's skin and loader code over pages held in memory, on one core.

The pages are the benchmark board's own (:mod:`bench.pages`), built once before timing. Per page
kind, each step is timed over all pages, repeated until ``seconds`` have passed:

- view page: ``HtmlResponse`` + ``page_selector(response)`` (the lxml parse, from the bytes of a
  UTF-8 page: what a crawl pays per response) + ``extract_post`` + ``load_post`` (with the list
  row, as the spider passes it);
- list page: ``page_selector(response)`` + ``extract_list_page``;
- both read as the crawl reads a board's pages after its first one: through the board's
  :class:`~newsbot.skins.gnuboard.BoardSkins`, which tries the skin table of the board's last
  page of that kind first (the untimed warm-up pass reads the first), and done with the page
  as the spider's ``release_parse_tree`` is (``forget_page``: its tree is freed there, before
  ``load_post``, which reads the extracted values only);
- floor: ``lxml.html.fromstring`` of the same bytes (the bare parse, nothing else).

The same figure is also taken on real pages captured from a stock gnuboard5 install
(:func:`measure_reference`; read where they lie at run time, never copied into the project).

posts/s = 1 / (view + list / 15) for extraction and for the floor alike: each post costs one view
page and a fifteenth of a list page. Each figure is the process's CPU time (the time it waits
for a core while the machine is busy does not count), the fastest of 5 rounds, the rounds of all
steps taking turns (so a slow spell of the machine falls on extraction and floor alike). Also
timed, to show where the time goes: the selector alone, ``extract_post`` alone, ``load_post``
alone, and the spider's per-page checks outside the skin (``detect_refusal`` on every page,
``is_gnuboard_page`` on list pages).
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from itemadapter import ItemAdapter
from scrapy.http import HtmlResponse

from bench.pages import NOW, ROWS_PER_PAGE, Board
from newsbot.loaders import load_post
from newsbot.skins.base import ListRow, RawPost
from newsbot.skins.gnuboard import (
    BoardSkins,
    extract_list_page,
    extract_post,
    forget_page,
    is_gnuboard_page,
)
from newsbot.skins.page import page_selector
from newsbot.skins.refusals import detect_refusal
from newsbot.urls import parse_board_url

HEADERS = {"Content-Type": "text/html; charset=utf-8"}


@dataclass
class SavedView:
    url: str
    body: bytes
    wr_id: int
    row: ListRow | None


@dataclass
class SavedList:
    url: str
    body: bytes


def saved_pages(board: Board, list_pages: int = 20) -> tuple[list[SavedView], list[SavedList]]:
    """List pages 2..list_pages+1 and every post they list, as a crawl would have fetched them."""
    lists: list[SavedList] = []
    views: list[SavedView] = []
    last = min(board.last_page, list_pages + 1)
    for page in range(2 if last > 1 else 1, last + 1):
        url = board.page_url(page)
        body = board.list_page(page).encode()
        lists.append(SavedList(url, body))
        listing = extract_list_page(page_selector(_response(url, body)), url)
        for row in listing.rows:
            view = board.view_page(row.post_id)
            if view is not None:
                views.append(SavedView(row.url, view.encode(), row.post_id, row))
    return views, lists


def _response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url, body=body, headers=HEADERS)


def _bare(page: SavedView | SavedList) -> Any:
    return lxml.html.fromstring(page.body)


def _board_skins(url: str, boards: dict[str, BoardSkins]) -> BoardSkins:
    """The page's board's :class:`BoardSkins`, as the spider keeps one per board."""
    ref = parse_board_url(url)
    return boards.setdefault(ref.bo_table if ref else "", BoardSkins())


def _read_post(page: SavedView, boards: dict[str, BoardSkins]) -> RawPost:
    """A view page as the spider reads it: parsed, read with its board's :class:`BoardSkins`,
    and done with (``forget_page``, as ``release_parse_tree``) before the post is loaded."""
    sel = page_selector(_response(page.url, page.body))
    raw = _board_skins(page.url, boards).read_post(sel, page.url)
    del sel
    forget_page()
    return raw


def _page_steps(
    view_full: Callable[[SavedView], Any],
    views: list[SavedView],
    lists: list[SavedList],
    view_seconds: float,
    seconds: float,
    boards: dict[str, BoardSkins],
) -> dict[str, Step]:
    """A view page read in full, a list page, and the bare parse of each."""

    def list_full(page: SavedList) -> Any:
        sel = page_selector(_response(page.url, page.body))
        listing = _board_skins(page.url, boards).read_list(sel, page.url)
        forget_page()
        return listing

    return {
        "view_extract_load": Step(view_full, views, view_seconds),
        "list_extract": Step(list_full, lists, seconds),
        "view_bare_parse": Step(_bare, views, seconds),
        "list_bare_parse": Step(_bare, lists, seconds),
    }


def _per_post(timings: dict[str, float], view: str, list_: str) -> float:
    """Seconds per post: one view page and a fifteenth of a list page."""
    return timings[view] + timings[list_] / ROWS_PER_PAGE


ROUNDS = 5


@dataclass
class Step:
    """One timed step: ``fn`` over every item, for ``seconds`` in all (over ``ROUNDS`` rounds)."""

    fn: Callable[[Any], Any]
    items: Sequence[Any]
    seconds: float


def _round(step: Step) -> float:
    """CPU seconds per item in one round: all items, repeated for ``step.seconds / ROUNDS`` of
    this process's CPU time (one thread: its CPU time is the step's own work)."""
    count = 0
    started = time.process_time()
    while True:
        for item in step.items:
            step.fn(item)
        count += len(step.items)
        elapsed = time.process_time() - started
        if elapsed >= step.seconds / ROUNDS:
            return elapsed / count


def interleaved_timings(steps: dict[str, Step]) -> dict[str, float]:
    """Seconds per item of each step: the fastest of ``ROUNDS`` rounds (after one warm-up pass).

    The rounds of all steps take turns (round 1 of every step, then round 2, …) rather than each
    step running its rounds back to back: on a shared machine a slow spell of a few seconds then
    falls on every step alike instead of on one, so a ratio of two steps (extraction to the bare
    parse) does not swing with it; and the fastest round is the least disturbed one.
    """
    for step in steps.values():
        for item in step.items:
            step.fn(item)
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(ROUNDS):
        for name, step in steps.items():
            best[name] = min(best[name], _round(step))
    return best


def measure_extraction(board: Board, seconds: float = 2.0, list_pages: int = 20) -> dict[str, Any]:
    views, lists = saved_pages(board, list_pages)
    ref = parse_board_url(board.list_url)
    assert ref is not None
    board_title = board.title
    boards: dict[str, BoardSkins] = {}

    def view_full(page: SavedView) -> Any:
        raw = _read_post(page, boards)
        return load_post(raw, ref, page.wr_id, row=page.row, board_title=board_title, now=NOW)

    def selector_only(page: SavedView | SavedList) -> Any:
        return page_selector(_response(page.url, page.body))

    view_selectors = [(p, page_selector(_response(p.url, p.body))) for p in views]
    list_selectors = [(p, page_selector(_response(p.url, p.body))) for p in lists]
    raws: list[tuple[SavedView, RawPost]] = [(p, extract_post(s, p.url)) for p, s in view_selectors]

    def load_only(pair: tuple[SavedView, RawPost]) -> Any:
        page, raw = pair
        return load_post(raw, ref, page.wr_id, row=page.row, board_title=board_title, now=NOW)

    share = seconds / 4
    gc.collect()
    timings = interleaved_timings(
        {
            **_page_steps(view_full, views, lists, seconds, share, boards),
            "view_selector": Step(selector_only, views, share),
            "list_selector": Step(selector_only, lists, share),
            "view_extract_post_only": Step(
                lambda p: _board_skins(p[0].url, boards).read_post(p[1], p[0].url),
                view_selectors,
                share,
            ),
            "view_load_post_only": Step(load_only, raws, share),
            "view_refusal_check": Step(
                lambda p: detect_refusal(p[1], p[0].url), view_selectors, share
            ),
            "list_refusal_and_gnuboard_check": Step(
                lambda p: (detect_refusal(p[1], p[0].url), is_gnuboard_page(p[1])),
                list_selectors,
                share,
            ),
        }
    )
    per_post = _per_post(timings, "view_extract_load", "list_extract")
    per_post_bare = _per_post(timings, "view_bare_parse", "list_bare_parse")
    per_post_checks = _per_post(timings, "view_refusal_check", "list_refusal_and_gnuboard_check")
    sample = ItemAdapter(view_full(views[0])).asdict()
    return {
        "pages": {"view": len(views), "list": len(lists)},
        "page_kb": {
            "view": round(sum(len(p.body) for p in views) / len(views) / 1024, 1),
            "list": round(sum(len(p.body) for p in lists) / len(lists) / 1024, 1),
        },
        "us_per_page": {k: round(v * 1e6, 1) for k, v in timings.items()},
        "posts_per_s": round(1 / per_post, 1),
        "bare_parse_posts_per_s": round(1 / per_post_bare, 1),
        "ratio_to_bare_parse": round(per_post_bare / per_post, 3),
        "with_spider_checks_posts_per_s": round(1 / (per_post + per_post_checks), 1),
        "sample_item_fields": sorted(k for k, v in sample.items() if v not in (None, "", [])),
    }


def loaded_items(board: Board, count: int = 200) -> list[dict[str, Any]]:
    """Items as the store pipeline receives them (for the store benchmark)."""
    from newsbot.pipelines.dedupe import content_hash

    views, _lists = saved_pages(board, max(1, count // ROWS_PER_PAGE + 1))
    ref = parse_board_url(board.list_url)
    assert ref is not None
    items = []
    for page in views[:count]:
        raw = extract_post(page_selector(_response(page.url, page.body)), page.url)
        item = ItemAdapter(
            load_post(raw, ref, page.wr_id, row=page.row, board_title=board.title, now=NOW)
        ).asdict()
        item["content_hash"] = content_hash(item.get("title"), item.get("body_text"))
        item["duplicate_of"] = None
        items.append(item)
    return items


# -- the captured real gnuboard5 pages ----------------------------------------------------------

#: ``g5_url = "http://…"`` and ``g5_bo_table = "…"`` in a real gnuboard5 page head.
_G5_URL_RE = re.compile(rb"""g5_url\s*=\s*["']([^"']+)["']""")
_G5_BO_TABLE_RE = re.compile(rb"""g5_bo_table\s*=\s*["']([A-Za-z0-9_]*)["']""")
_WR_ID_INPUT_RE = re.compile(rb"""name=["']wr_id["'][^>]*value=["'](\d+)["']""")
_PAGE_NAME_RE = re.compile(r"_p(\d+)$")


def reference_pages(directory: Path) -> tuple[list[SavedView], list[SavedList]]:
    """The real pages in ``directory`` that are posts and lists (refusals and alerts left out),
    at the URLs they were captured from (read off each page's head)."""
    views: list[SavedView] = []
    lists: list[SavedList] = []
    for path in sorted(directory.glob("*.html")):
        body = path.read_bytes()
        site, bo_table = _G5_URL_RE.search(body), _G5_BO_TABLE_RE.search(body)
        if not body.strip() or site is None or bo_table is None:
            continue
        url = f"{site.group(1).decode()}/bbs/board.php?bo_table={bo_table.group(1).decode()}"
        if path.name.startswith("list_"):
            page = _PAGE_NAME_RE.search(path.stem)
            url += f"&page={page.group(1)}" if page and page.group(1) != "1" else ""
            if detect_refusal(page_selector(_response(url, body)), url) is None:
                lists.append(SavedList(url, body))
        elif path.name.startswith("view_"):
            wr_id = _WR_ID_INPUT_RE.search(body)
            if wr_id is None:
                continue
            url += f"&wr_id={wr_id.group(1).decode()}"
            if detect_refusal(page_selector(_response(url, body)), url) is None:
                views.append(SavedView(url, body, int(wr_id.group(1)), None))
    rows = {
        row.post_id: row
        for page in lists
        for row in extract_list_page(page_selector(_response(page.url, page.body)), page.url).rows
    }
    for view in views:
        view.row = rows.get(view.wr_id)
    return views, lists


def measure_reference(directory: Path, seconds: float = 2.0) -> dict[str, Any]:
    """Extraction vs the bare parse on the captured real pages (the same steps and formula as
    :func:`measure_extraction`); ``{"missing": why}`` when there are none to read."""
    if not directory.is_dir():
        return {"missing": f"no directory {directory}"}
    views, lists = reference_pages(directory)
    if not views or not lists:
        return {"missing": f"no readable post and list pages in {directory}"}

    boards: dict[str, BoardSkins] = {}

    def view_full(page: SavedView) -> Any:
        ref = parse_board_url(page.url)
        assert ref is not None
        return load_post(_read_post(page, boards), ref, page.wr_id, row=page.row, now=NOW)

    share = seconds / 4
    gc.collect()
    timings = interleaved_timings(_page_steps(view_full, views, lists, share, share, boards))
    per_post = _per_post(timings, "view_extract_load", "list_extract")
    per_post_bare = _per_post(timings, "view_bare_parse", "list_bare_parse")
    return {
        "directory": str(directory),
        "pages": {"view": [p.url for p in views], "list": [p.url for p in lists]},
        "us_per_page": {k: round(v * 1e6, 1) for k, v in timings.items()},
        "posts_per_s": round(1 / per_post, 1),
        "bare_parse_posts_per_s": round(1 / per_post_bare, 1),
        "ratio_to_bare_parse": round(per_post_bare / per_post, 3),
    }
