"""Extraction vs the bare parse in instructions (callgrind), the repeatable form of bench step 4.

Step 4's timings move ±10 % between runs on a shared machine, more than most single changes to
the readers save. Instructions do not: each figure here is the difference between two runs of
one step under ``valgrind --tool=callgrind`` (``PYTHONHASHSEED=0``), one doing ``--rounds`` more
passes over the pages than the other, divided by the pages of those extra passes; start-up,
imports and the building of the pages cancel out. The pages and the steps are step 4's
(:mod:`bench.extract`): the bench board's view and list pages, and the captured real gnuboard5
pages when ``--reference`` (or ``NEWSBOT_BENCH_REFERENCE``) names where they are.

Steps: ``view`` (response + ``page_selector`` + ``extract_post`` + ``load_post``), ``list``
(response + ``page_selector`` + ``extract_list_page``), ``view-bare`` / ``list-bare``
(``lxml.html.fromstring``), and ``ref-view``, ``ref-list``, ``ref-view-bare``, ``ref-list-bare``
on the real pages; ``comments`` (``extract_comments`` + ``load_comment`` per comment of each view
page, per page). A board's pages are read as the crawl reads them, through the board's
``BoardSkins`` (a tree from before it reads each page on its own). The ratio is step 4's:
bare (view + list / 15) ÷ full (view + list / 15).

    python -m bench.instructions                       # every step (≈ 3 min on 2 cores)
    python -m bench.instructions --steps view,view-bare
    python -m bench.instructions --code ../other-checkout --code .   # compare trees

Each step of each tree runs in its own pair of processes, two at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEW_STEPS = ("view", "list", "view-bare", "list-bare")
REFERENCE_STEPS = ("ref-view", "ref-list", "ref-view-bare", "ref-list-bare")
ALL_STEPS = (*VIEW_STEPS, *REFERENCE_STEPS, "comments")
TOTALS_RE = re.compile(r"^(?:totals|summary):\s+(\d+)", re.MULTILINE)

#: The child: builds the pages, warms every reader once, then runs the step ``rounds`` times.
CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
step, rounds, reference = sys.argv[2], int(sys.argv[3]), sys.argv[4]
import lxml.html
from bench import extract as x
from bench.pages import NOW, Board
from newsbot.loaders import load_comment, load_post
from newsbot.skins.gnuboard import extract_list_page, extract_post
from newsbot.skins.page import page_selector
from newsbot.urls import parse_board_url

if step.startswith("ref-"):
    views, lists = x.reference_pages(Path(reference))
    title = None
else:
    board = Board("http://127.0.0.1:8000", 2000, bo_table="bench")
    views, lists = x.saved_pages(board, 4)
    title = board.title

# as the crawl reads a board's pages: through the board's BoardSkins where the tree has them
import newsbot.skins.gnuboard as gnuboard
boards = {}
def skins(page):
    made = getattr(gnuboard, "BoardSkins", None)
    return boards.setdefault(parse_board_url(page.url).bo_table, made() if made else None)

# and done with the page as the spider's release_parse_tree is, where the tree has it
forget = getattr(gnuboard, "forget_page", lambda: None)

def view(page):
    ref = parse_board_url(page.url)
    sel, board = page_selector(x._response(page.url, page.body)), skins(page)
    raw = board.read_post(sel, page.url) if board else extract_post(sel, page.url)
    del sel
    forget()
    return load_post(raw, ref, page.wr_id, row=page.row, board_title=title, now=NOW)

def list_(page):
    sel, board = page_selector(x._response(page.url, page.body)), skins(page)
    listing = board.read_list(sel, page.url) if board else extract_list_page(sel, page.url)
    forget()
    return listing

def bare(page):
    return lxml.html.fromstring(page.body)

from newsbot.skins.comments import extract_comments
from newsbot.skins.gnuboard import detect_skin
# comments alone: the page's tree is built (and the skin read) once, outside the step
trees = {}
def comments(page):
    if page.url not in trees:
        trees[page.url] = page_selector(x._response(page.url, page.body))
    sel = trees[page.url]
    ref = parse_board_url(page.url)
    block = extract_comments(sel, page.url, detect_skin(sel).name)
    return [load_comment(c, ref, page.wr_id, now=NOW) for c in block.comments]

kind = step.removeprefix("ref-")
fn, pages = {
    "view": (view, views), "list": (list_, lists), "view-bare": (bare, views),
    "list-bare": (bare, lists), "comments": (comments, views),
}[kind]
for page in pages:
    fn(page)
for _ in range(rounds):
    for page in pages:
        fn(page)
print(len(pages))
"""


def _instructions(
    code: Path, step: str, rounds: int, reference: str, workdir: Path
) -> tuple[int, int]:
    """(instructions, pages per round) of one child under callgrind."""
    out = workdir / f"{code.name or 'root'}-{abs(hash(str(code)))}-{step}-{rounds}.callgrind"
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            CHILD,
            str(code),
            step,
            str(rounds),
            reference,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=code,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{step} in {code} failed:\n{done.stderr[-2000:]}")
    totals = TOTALS_RE.search(out.read_text(errors="replace"))
    if totals is None:
        raise RuntimeError(f"no instruction total in {out}")
    return int(totals.group(1)), int(done.stdout.split()[-1])


def per_page(code: Path, step: str, rounds: int, reference: str, workdir: Path) -> float:
    """Instructions per page of ``step``: (rounds + 1 passes) − (1 pass), over rounds × pages."""
    low, pages = _instructions(code, step, 1, reference, workdir)
    high, _ = _instructions(code, step, 1 + rounds, reference, workdir)
    return (high - low) / (rounds * pages)


def ratio(figures: dict[str, float], prefix: str = "") -> float | None:
    """Step 4's ratio: bare (view + list/15) over full (view + list/15)."""
    keys = [f"{prefix}{name}" for name in VIEW_STEPS]
    if not all(key in figures for key in keys):
        return None
    view, list_, view_bare, list_bare = (figures[key] for key in keys)
    return (view_bare + list_bare / 15) / (view + list_ / 15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default=",".join(ALL_STEPS))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--code", action="append", type=Path)
    parser.add_argument(
        "--reference",
        default=os.environ.get("NEWSBOT_BENCH_REFERENCE")
        or str(ROOT.parent / "shared" / "reference"),
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    steps = [step.strip() for step in args.steps.split(",") if step.strip()]
    unknown = sorted(set(steps) - set(ALL_STEPS))
    if unknown:
        parser.error(f"unknown steps {unknown}; known: {', '.join(ALL_STEPS)}")
    if not Path(args.reference, "gnuboard5-basic").is_dir():
        steps = [step for step in steps if not step.startswith("ref-")]
    reference = str(Path(args.reference, "gnuboard5-basic"))
    codes = [code.resolve() for code in (args.code or [ROOT])]
    started = time.time()
    with (
        tempfile.TemporaryDirectory(prefix="newsbot-instr-") as tmp,
        ThreadPoolExecutor(args.jobs) as pool,
    ):
        jobs = {
            (code, step): pool.submit(per_page, code, step, args.rounds, reference, Path(tmp))
            for code in codes
            for step in steps
        }
        results = {str(code): {step: jobs[code, step].result() for step in steps} for code in codes}
    print(f"instructions per page ({args.rounds} extra rounds, {time.time() - started:.0f} s)")
    for code, figures in results.items():
        print(code)
        for step, value in figures.items():
            print(f"  {step:14} {value:14,.0f}")
        for label, prefix in (("bench board", ""), ("real pages", "ref-")):
            found = ratio(figures, prefix)
            if found is not None:
                figures[f"{prefix}ratio"] = found
                print(f"  ratio, {label}: {found:.3f}")
    if args.output:
        args.output.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
