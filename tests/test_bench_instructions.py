"""bench.instructions: its child script runs on this tree, and its ratio is step 4's formula."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.instructions import CHILD, TOTALS_RE, ratio

from .conftest import ROOT


@pytest.mark.parametrize("step", ["view", "list", "view-bare", "comments"])
def test_the_child_reads_the_bench_pages_with_this_trees_readers(step: str) -> None:
    # without valgrind, and no timed rounds: only that every reader it calls still takes the
    # arguments it passes (the tool would otherwise fail only when someone needs its figures)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), step, "0", "/nonexistent"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 0  # pages per round


def test_ratio_is_bare_over_full_per_post() -> None:
    figures = {"view": 10.0, "list": 30.0, "view-bare": 3.0, "list-bare": 15.0}
    assert ratio(figures) == pytest.approx((3 + 1) / (10 + 2))
    assert ratio(figures, "ref-") is None
    assert ratio({**figures, "list": 0.0} | {}) == pytest.approx(4 / 10)


def test_the_instruction_total_is_read_off_callgrinds_output() -> None:
    assert TOTALS_RE.search("events: Ir\nsummary: 123456\n").group(1) == "123456"
    assert TOTALS_RE.search("totals: 42\n").group(1) == "42"
