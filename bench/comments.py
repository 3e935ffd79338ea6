"""What comments cost a crawl, in instructions: the figure that decides issue 13's 10 % bound.

Issue 13 bounds the cost of reading comments: with comments on, posts/s may fall by at most
10 % against ``-a comments=0``. On a shared machine end-to-end timings spread by ±10–20 %
between runs, more than the cost being measured, so this module counts instructions instead:
the same crawl as ``bench.run``'s end-to-end stage (``python -m scrapy crawl gnuboard`` from an
empty database, newsbot's settings, pipelines, SQLite store and both CSV feeds, against
:mod:`bench.server` on 127.0.0.1), run under ``valgrind --tool=callgrind``, whose total
instruction count (``Ir``, every thread of the crawler, SQLite's writer included) does not depend
on what else the machine runs. The page server runs outside valgrind.

Each mode (comments on, ``comments=0``) crawls the board twice: the first ``--base-posts`` (a
``max_pages`` crawl) and all ``--posts``. Their difference divided by the difference in posts is
what one more post costs, without the interpreter's start-up, Scrapy's set-up and the closing
report (≈ 5.4 billion instructions, the cost of ≈ 200 posts), which would otherwise dilute the
ratio. A crawler that is CPU-bound (as this one is against the bench server: its CPU share of
wall time is ≈ 1) runs at posts/s ∝ 1 / CPU per post, so the ratio of instructions per post,
off ÷ on, stands for the ratio of posts/s, on ÷ off, provided instructions per second stay the
same, which they do to the extent that both modes run the same kind of Python code.

    python -m bench.comments                       # 300 posts, 30 at the base: ≈ 5 min
    python -m bench.comments --runs 2              # twice, to see how repeatable it is
    python -m bench.comments --code /path/to/other/checkout --code .   # trees in turn

A tree from before issue 13 (no ``Comment`` item: ``git worktree add ../pre13 0789fe8``) has
nothing to turn off: it is crawled once, with the posts feed only, and the table compares each
later tree's comments-on crawl with it — the issue's "``make bench`` before/after".

The crawler runs with ``PYTHONHASHSEED=0`` (set iteration order, hence the same work each run).
Prints a table and writes the figures as JSON to ``bench/results/comments-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import BOARD, ROOT, child_env, newsbot_command, page_server

RESULTS_DIR = Path(__file__).resolve().parent / "results"
LIST_ROWS = 15  # posts per bench list page
#: Issue 13: posts/s with comments may fall at most this much against comments off.
BOUND = 0.10
MODES = {"comments on": {}, "comments off": {"comments": "0"}}
_TOTAL_RE = re.compile(r"^(?:summary|totals):\s*(\d+)", re.M)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.comments", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("--posts", type=int, default=300, help="posts on the board (300)")
    parser.add_argument(
        "--base-posts",
        type=int,
        default=30,
        help="posts of the base crawl whose count is subtracted (30; a multiple of 15)",
    )
    parser.add_argument("--runs", type=int, default=1, help="measure everything this many times")
    parser.add_argument(
        "--code",
        type=Path,
        action="append",
        default=[],
        help="a checkout whose newsbot the crawler imports (repeatable; default this one)",
    )
    parser.add_argument("--concurrency", type=int, default=16, help="CONCURRENT_REQUESTS")
    parser.add_argument("--valgrind", default="valgrind", help="the valgrind command")
    parser.add_argument("--workdir", type=Path, help="where databases and logs go (a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--output", type=Path, help="JSON path")
    args = parser.parse_args(argv)
    if args.base_posts % LIST_ROWS or not 0 < args.base_posts < args.posts:
        parser.error("--base-posts must be a multiple of 15 below --posts")
    args.code = [path.resolve() for path in args.code] or [ROOT]
    return args


def crawl_instructions(
    list_url: str,
    code: Path,
    workdir: Path,
    crawl_id: str,
    spider_args: dict[str, str],
    args: argparse.Namespace,
    comments_feed: bool = True,
) -> dict[str, Any]:
    """One crawl from an empty database under callgrind: its instructions and what it did."""
    db = workdir / f"{crawl_id}.sqlite3"
    cwd = workdir / crawl_id
    cwd.mkdir(parents=True, exist_ok=True)
    out = workdir / f"{crawl_id}.callgrind"
    env = child_env("newsbot.settings", db)
    env["PYTHONPATH"] = os.pathsep.join([str(code), env["PYTHONPATH"]])
    env["PYTHONHASHSEED"] = "0"
    command = [
        args.valgrind,
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        "--dump-instr=no",
        *newsbot_command(
            list_url, workdir, crawl_id, args.concurrency, spider_args, comments_feed=comments_feed
        ),
        # under valgrind a crawl runs ≈ 50× slower, so the store's 5 s batch timer would write
        # a few posts at a time, as many times as the machine's load makes it: batches by size
        # (200 posts), as in a crawl at full speed, and the same work whatever the load
        *("-s", "NEWSBOT_STORE_FLUSH_SECONDS=1e6"),
    ]
    started = time.monotonic()
    with open(cwd / "stderr.log", "wb") as err:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            timeout=600 + 2 * args.posts,
        )
    if done.returncode:
        raise RuntimeError(f"{crawl_id}: exit status {done.returncode} (see {cwd / 'stderr.log'})")
    totals = json.loads((workdir / "runs" / f"{crawl_id}.json").read_text("utf-8"))["totals"]
    found = _TOTAL_RE.search(out.read_text("utf-8", errors="replace"))
    if not found:
        raise RuntimeError(f"{crawl_id}: no instruction total in {out}")
    return {
        "instructions": int(found.group(1)),
        "posts": totals["new"],
        "comments": (totals.get("comments") or {}).get("new", 0),
        "requests": totals["requests"],
        "wall_seconds": round(time.monotonic() - started, 1),
    }


def per_post(base: dict[str, Any], full: dict[str, Any]) -> dict[str, Any]:
    """What one more post costs: the two crawls' difference over the posts between them."""
    posts = full["posts"] - base["posts"]
    return {
        "posts": posts,
        "comments": full["comments"] - base["comments"],
        "instructions_per_post": round((full["instructions"] - base["instructions"]) / posts),
    }


def compile_code(code: Path) -> None:
    """Byte-compile the tree first. Without ``.pyc`` files each crawl compiles newsbot's modules
    (≈ 600 million instructions when ``PYTHONDONTWRITEBYTECODE`` is set, as in these sessions;
    only the first crawl of a tree otherwise, which would load one mode's base crawl alone).
    The difference of two crawls cancels a constant cost, but not one that falls on one crawl."""
    for package in ("newsbot", "bench"):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(code / package)],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def has_comments(code: Path) -> bool:
    """Whether the tree reads comments at all (issue 13 added the ``Comment`` item)."""
    items = (code / "newsbot" / "items.py").read_text("utf-8")
    return re.search(r"^class Comment\b", items, re.M) is not None


def measure(list_url: str, code: Path, workdir: Path, run: int, args: argparse.Namespace) -> Any:
    compile_code(code)
    figures: dict[str, Any] = {"comments_feature": has_comments(code)}
    modes = MODES if figures["comments_feature"] else {"no comments feature": {}}
    for mode, mode_args in modes.items():
        crawls = {}
        for size, max_pages in (("base", args.base_posts // LIST_ROWS), ("full", None)):
            crawl_id = f"{code.name}-{run}-{'on' if not mode_args else 'off'}-{size}"
            spider_args = dict(mode_args, **({"max_pages": str(max_pages)} if max_pages else {}))
            print(f"  {crawl_id} …", end=" ", flush=True)
            crawls[size] = crawl_instructions(
                list_url, code, workdir, crawl_id, spider_args, args, figures["comments_feature"]
            )
            print(
                f"{crawls[size]['instructions']:,} instructions, {crawls[size]['posts']} posts, "
                f"{crawls[size]['wall_seconds']} s",
                flush=True,
            )
        figures[mode] = {**crawls, "marginal": per_post(crawls["base"], crawls["full"])}
    if not figures["comments_feature"]:
        return figures
    on, off = figures["comments on"]["marginal"], figures["comments off"]["marginal"]
    if on["posts"] != off["posts"]:
        raise RuntimeError(f"the two modes crawled different posts: {on} / {off}")
    ratio = on["instructions_per_post"] / off["instructions_per_post"]
    figures["ratio_on_vs_off"] = round(ratio, 4)
    figures["posts_per_s_change"] = round(1 / ratio - 1, 4)
    figures["comments_per_post"] = round(on["comments"] / on["posts"], 3)
    extra = on["instructions_per_post"] - off["instructions_per_post"]
    figures["instructions_per_comment"] = round(extra * on["posts"] / max(on["comments"], 1))
    figures["bound_met"] = 1 / ratio - 1 >= -BOUND
    return figures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    output = args.output or RESULTS_DIR / f"comments-{stamp}.json"
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsbot-bench-comments-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": {
            "posts": args.posts,
            "base_posts": args.base_posts,
            "concurrency": args.concurrency,
            "code": [str(code) for code in args.code],
        },
        "runs": [],
    }
    print(f"bench.comments: {args.posts} posts (base {args.base_posts}), work dir {workdir}")
    started = time.monotonic()
    try:
        lifetime = args.runs * len(args.code) * 4 * (600 + 2 * args.posts)
        with page_server({BOARD: args.posts}, lifetime, workdir) as server:
            for run in range(1, args.runs + 1):
                for code in args.code:
                    print(f"run {run}, {code}", flush=True)
                    figures = measure(server.list_url(BOARD), code, workdir, run, args)
                    data["runs"].append({"run": run, "code": str(code), **figures})
    finally:
        data["seconds"] = round(time.monotonic() - started)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        if not (args.keep or args.workdir):
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(
        "run  code                      instr/post on   instr/post off   on/off   posts/s    "
        "comments/post  instr/comment"
    )
    before = [row for row in data["runs"] if not row["comments_feature"]]
    for row in before:
        plain = row["no comments feature"]["marginal"]["instructions_per_post"]
        print(f"{row['run']:<4} {Path(row['code']).name[:25]:<25} {plain:>14,}   (no comments)")
    for row in data["runs"]:
        if not row["comments_feature"]:
            continue
        on = row["comments on"]["marginal"]["instructions_per_post"]
        off = row["comments off"]["marginal"]["instructions_per_post"]
        print(
            f"{row['run']:<4} {Path(row['code']).name[:25]:<25} {on:>14,} {off:>16,} "
            f"{row['ratio_on_vs_off']:>8.4f} {row['posts_per_s_change']:>+8.1%} "
            f"{row['comments_per_post']:>14} {row['instructions_per_comment']:>14,}"
            f"  {'PASS' if row['bound_met'] else 'MISS'} (bound {-BOUND:.0%})"
        )
    for old in before:
        plain = old["no comments feature"]["marginal"]["instructions_per_post"]
        for row in data["runs"]:
            if row["comments_feature"] and row["run"] == old["run"]:
                on = row["comments on"]["marginal"]["instructions_per_post"]
                print(
                    f"before/after, run {row['run']}: {Path(old['code']).name} (no comments) → "
                    f"{Path(row['code']).name} (comments on): posts/s ×{plain / on:.2f} "
                    f"({'PASS' if plain / on >= 1 - BOUND else 'MISS'}, bound {-BOUND:.0%})"
                )
    print(f"\n{data['seconds']} s; results: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
