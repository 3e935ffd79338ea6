"""Every generated fixture file is what its builder writes now: a page edited by hand, or a
builder changed without rewriting its pages, fails here instead of drifting apart."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import FIXTURES

BUILDERS = sorted((FIXTURES / "tools").glob("build_*.py"))


def test_the_builders_are_all_here() -> None:
    assert [builder.stem for builder in BUILDERS] == [
        "build_ajax_comments_site",
        "build_mixed_site",
        "build_sample_site",
        "build_skin_fixtures",
        "build_theme_fixtures",
    ]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda path: path.stem)
def test_the_fixtures_are_what_their_builder_writes(builder) -> None:
    done = subprocess.run(
        [sys.executable, str(builder), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
