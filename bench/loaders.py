"""What the loaders and the comment reader cost per call, on one core (issues 13 and 17).

The pages are read once before timing (``page_selector`` trees, as the spider reads them):
the bench board's view pages (300, with their comments) and every fixture page that is on a
board. Then each of these is timed over all of them, CPU time (``time.process_time``), fastest
of ``--rounds`` passes:

- ``load_post`` (bench pages with their list row, as the spider passes it; fixture pages without);
- ``load_comment``, per comment;
- ``extract_comments``, the page's cost divided by the comments it read.

    python -m bench.loaders                                 # one JSON line, µs per call
    python -m bench.loaders --compare [--runs 3] ROOT ...   # alternating code trees, fastest run

``--compare`` runs this module in a child process per code tree and run, alternating the trees
(``NEWSBOT_BENCH_CODE=ROOT``: ``newsbot`` and the fixture list are imported from that checkout),
and prints each tree's fastest figure per key.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.procs import child_json, use_code_under_test

ROOT = Path(__file__).resolve().parents[1]
BENCH_POSTS = 300


def _fastest(run: Callable[[], Any], calls: int, rounds: int) -> float:
    """µs per call: the fastest of ``rounds`` passes after one warm-up pass."""
    run()
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return round(best / max(calls, 1) * 1e6, 1)


def measure(rounds: int = 7) -> dict[str, Any]:
    from scrapy.http import HtmlResponse

    from bench.extract import NOW, _response, saved_pages
    from bench.pages import Board
    from newsbot.loaders import load_comment, load_post
    from newsbot.skins.comments import extract_comments
    from newsbot.skins.gnuboard import extract_post
    from newsbot.skins.page import page_selector
    from newsbot.urls import parse_board_url
    from tests.extraction_snapshot import fixture_pages, page_url

    board = Board("http://127.0.0.1:8000", BENCH_POSTS + 30, bo_table="bench")
    views, _lists = saved_pages(board, BENCH_POSTS // 15)
    board_ref = parse_board_url(board.list_url)
    assert board_ref is not None
    # (ref, post id, list row, board title, selector, url, raw post, comment block) per page
    pages: dict[str, list[tuple[Any, ...]]] = {"bench": [], "fixture": []}
    for view in views[:BENCH_POSTS]:
        sel = page_selector(_response(view.url, view.body))
        raw = extract_post(sel, view.url)
        block = extract_comments(sel, view.url, raw.skin)
        pages["bench"].append(
            (board_ref, view.wr_id, view.row, board.title, sel, view.url, raw, block)
        )
    for path in fixture_pages():
        url = page_url(path)
        ref = parse_board_url(url)
        if ref is None:
            continue
        sel = page_selector(HtmlResponse(url, body=path.read_bytes()))
        raw = extract_post(sel, url)
        block = extract_comments(sel, url, raw.skin)
        pages["fixture"].append(
            (ref, raw.wr_id or ref.wr_id or 1, None, None, sel, url, raw, block)
        )

    out: dict[str, Any] = {}
    for kind, read in pages.items():
        comments = sum(len(page[7].comments) for page in read)
        out[f"{kind}_pages"] = len(read)
        out[f"{kind}_comments"] = comments
        out[f"{kind}_load_post_us"] = _fastest(
            lambda read=read: [
                load_post(raw, ref, post_id, row=row, board_title=title, now=NOW)
                for ref, post_id, row, title, _sel, _url, raw, _block in read
            ],
            len(read),
            rounds,
        )
        out[f"{kind}_load_comment_us"] = _fastest(
            lambda read=read: [
                load_comment(comment, ref, post_id, now=NOW)
                for ref, post_id, _row, _title, _sel, _url, _raw, block in read
                for comment in block.comments
            ],
            comments,
            rounds,
        )
        out[f"{kind}_extract_comments_us_per_comment"] = _fastest(
            lambda read=read: [
                extract_comments(sel, url, raw.skin)
                for _ref, _id, _row, _title, sel, url, raw, _block in read
            ],
            comments,
            rounds,
        )
    return out


def compare(roots: list[Path], runs: int) -> dict[str, dict[str, float]]:
    results: dict[str, list[dict[str, Any]]] = {str(root): [] for root in roots}
    for _run in range(runs):
        for root in roots:
            results[str(root)].append(child_json(["bench.loaders"], root, ROOT))
    return {
        root: {key: min(run[key] for run in found) for key in found[0]}
        for root, found in results.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("roots", nargs="*", type=Path, help="code trees for --compare")
    args = parser.parse_args(argv)
    if not args.compare:
        use_code_under_test()
    if args.compare:
        for root, figures in compare(args.roots or [ROOT], args.runs).items():
            print(root, json.dumps(figures))
    else:
        print(json.dumps(measure(args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
