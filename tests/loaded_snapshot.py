"""What the loaders make of every fixture page, recorded so cheaper processors can prove they
load the same: ``python -m tests.loaded_snapshot --write`` records it (only ever from loaders
known to be right), ``tests/test_loaded_snapshot.py`` compares the current code against it.

``tests/extraction_snapshot.py`` covers ``load_post`` with the page's first list row; this adds
``load_post`` without a row, ``load_comment`` on every comment ``extract_comments`` reads, and
the ``newsbot/normalize/*_failed`` counts the processors add, each value with its type's name
(``1`` and ``True``, ``"1"`` and ``1`` are different values).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse

from newsbot.loaders import load_comment, load_post
from newsbot.skins.comments import extract_comments
from newsbot.skins.gnuboard import extract_post
from newsbot.urls import parse_board_url
from tests.extraction_snapshot import NOW, ROOT, _plain, fixture_pages, page_url, write_snapshot

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "loaded.json.gz"


class CountingStats:
    """The one stats method the processors call."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.counts[key] += count


def _typed(item: Any) -> dict[str, Any]:
    return {name: [type(value).__name__, _plain(value)] for name, value in dict(item).items()}


def read_page(path: Path) -> dict[str, Any] | None:
    url = page_url(path)
    ref = parse_board_url(url)
    if ref is None:
        return None
    sel = HtmlResponse(url, body=path.read_bytes()).selector
    raw = extract_post(sel, url)
    post_id = raw.wr_id or ref.wr_id or 1
    stats = CountingStats()
    post = load_post(raw, ref, post_id, now=NOW, stats=stats)
    block = extract_comments(sel, url, raw.skin)
    comments = [load_comment(c, ref, post_id, now=NOW, stats=stats) for c in block.comments]
    return {
        "post_without_row": _typed(post),
        "comments": [_typed(c) for c in comments],
        "failed_counts": dict(sorted(stats.counts.items())),
    }


def snapshot() -> dict[str, Any]:
    pages = {str(p.relative_to(ROOT)): read_page(p) for p in fixture_pages()}
    return {name: page for name, page in pages.items() if page is not None}


def main(argv: list[str]) -> int:
    return write_snapshot(argv, SNAPSHOT, __doc__ or "", snapshot)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
