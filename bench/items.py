"""Per item after extraction: what a post and a comment cost from the spider's ``yield`` on.

That is Scrapy's spider-middleware and scraper path, newsbot's pipelines (validation, dedupe,
the SQLite store in its threads), the two CSV feeds, the run report and Scrapy's per-item
signals — everything an end-to-end crawl pays per item beyond the download and the extraction,
which the crawl's own figures cannot separate (the machine's noise is larger than these costs).

One crawl in this process, with newsbot's settings, pipelines, extensions and feeds (into a
temporary folder): a spider requests ``data:`` URLs (no network, no HTML) and each callback
yields one post and its comments, loaded beforehand from the bench board's pages by newsbot's
own skin and loaders (each copy with its own post id, URL and title, so dedupe looks each one
up as a new story). ``--mode nothing`` makes the same requests and yields nothing: the
difference is the per-item cost. ``--mode scrapy`` yields the same items with no pipelines, no
feeds and no newsbot extensions: Scrapy's own per-item floor (spider middlewares, scraper,
``item_scraped`` to its core stats). CPU is the process's (all threads) from ``spider_opened`` to
the end of the run, feeds and store closed.

    python -m bench.items --posts 3000 [--comments 0] [--mode nothing]   # prints one JSON line
    python -m bench.items --compare [--rounds 3] [ROOT ...]   # each mode per code tree, fastest

``--compare`` runs each mode in a child process per code tree (``NEWSBOT_BENCH_CODE=ROOT``: the
``newsbot`` package is imported from that checkout, to compare before and after; this bench
module stays this one) and prints µs per post and per comment.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.procs import child_json, use_code_under_test

ROOT = Path(__file__).resolve().parents[1]
DISTINCT_PAGES = 150  # view pages loaded; the posts yielded are copies of these
MODES = (("nothing", "1"), ("items", "0"), ("items", "1"), ("scrapy", "1"))
KEYS = tuple(f"{mode}/{comments}" for mode, comments in MODES)


def prepared_items(posts: int, comments: bool) -> list[list[Any]]:
    """Per request, the items its callback yields: a post, then its comments."""
    from bench.extract import NOW, _response, saved_pages
    from bench.pages import Board
    from newsbot.loaders import load_comment, load_post
    from newsbot.skins.comments import extract_comments
    from newsbot.skins.gnuboard import extract_post
    from newsbot.urls import parse_board_url

    board = Board("http://127.0.0.1:8000", DISTINCT_PAGES + 30, bo_table="bench")
    views, _lists = saved_pages(board, DISTINCT_PAGES // 15 + 1)
    ref = parse_board_url(board.list_url)
    assert ref is not None
    loaded = []
    for page in views[:DISTINCT_PAGES]:
        selector = _response(page.url, page.body).selector
        raw = extract_post(selector, page.url)
        post = load_post(raw, ref, page.wr_id, row=page.row, board_title=board.title, now=NOW)
        block = extract_comments(selector, page.url, raw.skin) if comments else None
        found = [load_comment(c, ref, page.wr_id, now=NOW) for c in block.comments] if block else []
        loaded.append((post, found))
    batches = []
    for index in range(posts):
        post, found = loaded[index % len(loaded)]
        post_id = index + 1
        url = ref.post_url(post_id)
        copy = post.__class__(post)
        copy.update(post_id=post_id, url=url, title=f"{post.get('title')} #{post_id}")
        batch = [copy]
        if comments:
            copy["comment_ids"] = [c["comment_id"] for c in found]
            for comment in found:
                comment_copy = comment.__class__(comment)
                comment_copy.update(post_id=post_id, url=f"{url}#c_{comment['comment_id']}")
                batch.append(comment_copy)
        batches.append(batch)
    return batches


def run_crawl(
    posts: int, comments: bool, mode: str, workdir: Path, flush_seconds: float | None = None
) -> dict[str, Any]:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from newsbot.settings import COMMENT_FEED, POST_FEED

    batches = prepared_items(posts, comments)
    marks: dict[str, float] = {}

    class ItemsSpider(scrapy.Spider):
        name = "bench_items"

        async def start(self) -> Any:
            for index in range(len(batches)):
                yield scrapy.Request(
                    f"data:,{index}", callback=self.parse, cb_kwargs={"index": index}
                )

        def parse(self, response: Any, index: int) -> Any:
            batch, batches[index] = batches[index], []  # freed once through, as in a crawl
            if mode != "nothing":
                yield from batch

    os.environ["SCRAPY_SETTINGS_MODULE"] = "newsbot.settings"
    settings = get_project_settings()
    settings.setdict(
        {
            "NEWSBOT_DB": str(workdir / "items.sqlite3"),
            "NEWSBOT_RUNS_DIR": str(workdir / "runs"),
            "NEWSBOT_CRAWL_ID": f"items-{mode}",
            "NEWSBOT_PROGRESS": False,
            "FEEDS": {
                str(workdir / "posts.csv"): POST_FEED,
                str(workdir / "comments.csv"): COMMENT_FEED,
            },
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "ROBOTSTXT_OBEY": False,
            "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "LOG_LEVEL": "WARNING",
        },
        priority="cmdline",
    )
    if flush_seconds is not None:
        settings.set("NEWSBOT_STORE_FLUSH_SECONDS", flush_seconds, priority="cmdline")
    if mode == "scrapy":
        # Scrapy's own extensions only (newsbot's replace two of them: CoreStats, FeedExporter)
        settings.setdict(
            {"ITEM_PIPELINES": {}, "FEEDS": {}, "EXTENSIONS": {}},
            priority="cmdline",
        )
    # The prepared items are not the crawl's garbage: out of the collector's sight, so a full
    # collection costs what it would in a crawl that holds only the items in flight.
    gc.collect()
    gc.freeze()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ItemsSpider)

    def opened() -> None:  # a named receiver: Scrapy's signals hold receivers weakly
        marks["opened"] = time.process_time()

    crawler.signals.connect(opened, signal=signals.spider_opened)
    process.crawl(crawler)
    process.start()
    cpu = time.process_time() - marks["opened"]
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return {
        "mode": mode,
        "comments": comments,
        "posts": posts,
        "items_scraped": stats.get("item_scraped_count", 0),
        "comments_scraped": stats.get("newsbot/comments/scraped", 0),
        "stored": stats.get("newsbot/store/new", 0),
        "cpu_seconds": round(cpu, 4),
    }


def compare(roots: list[Path], posts: int, rounds: int) -> dict[str, Any]:
    """Each code tree's fastest CPU per mode; per post and per comment beyond ``nothing``."""
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for _round in range(rounds):
        for root in roots:
            for mode, comments in MODES:
                args = ["bench.items", "--posts", str(posts), "--mode", mode]
                result = child_json([*args, "--comments", comments], root, ROOT)
                runs.setdefault((str(root), f"{mode}/{comments}"), []).append(result)
    table: dict[str, Any] = {}
    for root in roots:
        best = {key: min(r["cpu_seconds"] for r in runs[(str(root), key)]) for key in KEYS}
        with_comments = runs[(str(root), "items/1")][0]
        comment_count = max(with_comments["comments_scraped"], 1)
        post_us = (best["items/0"] - best["nothing/1"]) / posts * 1e6
        comment_us = (best["items/1"] - best["items/0"]) / comment_count * 1e6
        table[str(root)] = {
            "cpu_seconds": best,
            "all_cpu_seconds": {
                key: [r["cpu_seconds"] for r in runs[(str(root), key)]] for key in KEYS
            },
            "posts": posts,
            "comments": with_comments["comments_scraped"],
            "us_per_post": round(post_us, 1),
            "us_per_comment": round(comment_us, 1),
            "us_per_post_with_its_comments": round(
                (best["items/1"] - best["nothing/1"]) / posts * 1e6, 1
            ),
            # Scrapy alone, the same posts and comments: its share of the figure above
            "us_per_item_scrapy_only": round(
                (best["scrapy/1"] - best["nothing/1"]) / (posts + comment_count) * 1e6, 1
            ),
        }
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.items", description=__doc__)
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--comments", default="1", help="1: each post's comments too; 0: none")
    parser.add_argument("--mode", choices=("items", "nothing", "scrapy"), default="items")
    parser.add_argument(
        "--flush-seconds",
        type=float,
        help="the store's batch timer (NEWSBOT_STORE_FLUSH_SECONDS); under valgrind a run is "
        "≈ 50× slower, so the default 5 s writes batches of a few posts: give e.g. 1e6",
    )
    parser.add_argument("--compare", action="store_true", help="child runs per code tree")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("roots", nargs="*", type=Path, help="code trees for --compare")
    args = parser.parse_args(argv)
    if not args.compare:
        use_code_under_test()
    if args.compare:
        table = compare(args.roots or [ROOT], args.posts, args.rounds)
        for root, row in table.items():
            print(
                f"{root}: {row['us_per_post']:,.0f} us per post, "
                f"{row['us_per_comment']:,.0f} us per comment "
                f"({row['comments']} comments on {row['posts']} posts); Scrapy alone "
                f"{row['us_per_item_scrapy_only']:,.0f} us per item; "
                f"CPU s {row['cpu_seconds']} of {row['all_cpu_seconds']}"
            )
        print(json.dumps(table))
        return 0
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-items-") as workdir:
        result = run_crawl(
            args.posts, args.comments == "1", args.mode, Path(workdir), args.flush_seconds
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
