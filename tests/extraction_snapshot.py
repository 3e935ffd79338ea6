"""What extraction reads off every fixture page, recorded so a faster reader can prove it reads
the same: ``python -m tests.extraction_snapshot --write`` records it (only ever from a reader
known to be right), ``tests/test_extraction_snapshot.py`` compares the current code against it.

Every ``*.html`` under ``fixtures/`` goes through the view reader (``extract_post`` +
``load_post``), the list reader (``extract_list_page``) and the page checks (``detect_refusal``,
``is_gnuboard_page``, ``board_ref_for_page``), whatever kind of page it is: a reader must give
the same answer on pages it was not made for, too. The URL is the one the page was captured at
(``pages.json``) or one built from its path; the charset comes from the page, as Scrapy reads it.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse

from newsbot.loaders import load_post
from newsbot.normalize import KST
from newsbot.skins.gnuboard import (
    board_ref_for_page,
    extract_list_page,
    extract_post,
    is_gnuboard_page,
)
from newsbot.skins.refusals import detect_refusal
from newsbot.urls import parse_board_url

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "extraction.json.gz"
BASE = "http://127.0.0.1:8765"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=KST)


def fixture_pages() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.html") if "tools" not in p.parts)


def page_url(path: Path) -> str:
    pages_json = path.parent / "pages.json"
    if pages_json.exists():
        meta = json.loads(pages_json.read_text("utf-8")).get(path.name)
        if meta and meta.get("url"):
            return meta["url"].replace("{{G5_URL}}", BASE)
    url = f"{BASE}/bbs/board.php?bo_table={path.parent.name.replace('-', '_')}"
    return f"{url}&wr_id={path.stem}" if path.stem.isdigit() else url


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) > 400:
        # long HTML/text: its digest (the snapshot stays small; any change still shows)
        return f"sha256:{hashlib.sha256(value.encode()).hexdigest()} len {len(value)}"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def read_page(path: Path) -> dict[str, Any]:
    url = page_url(path)
    response = HtmlResponse(url, body=path.read_bytes())
    sel = response.selector
    out: dict[str, Any] = {"url": url}
    refusal = detect_refusal(sel, url)
    out["refusal"] = _plain(refusal)
    out["is_gnuboard_page"] = is_gnuboard_page(sel)
    out["board_ref"] = _plain(board_ref_for_page(sel, url))
    out["list"] = _plain(extract_list_page(sel, url))
    raw = extract_post(sel, url)
    out["post"] = _plain(raw)
    ref = parse_board_url(url)
    if ref is not None:
        rows = extract_list_page(sel, url).rows
        post_id = raw.wr_id or ref.wr_id or 1
        item = load_post(raw, ref, post_id, row=rows[0] if rows else None, now=NOW)
        out["item"] = _plain(dict(item))
    return out


def snapshot() -> dict[str, Any]:
    return {str(p.relative_to(ROOT)): read_page(p) for p in fixture_pages()}


def write_snapshot(argv: list[str], path: Path, doc: str, make: Any) -> int:
    """``python -m tests.<snapshot> --write``: ``make()``'s JSON, gzipped (stable bytes), at ``path``."""
    if argv != ["--write"]:
        print(doc)
        return 2
    path.parent.mkdir(exist_ok=True)
    data = json.dumps(make(), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_bytes(gzip.compress(data.encode(), mtime=0))
    print(f"wrote {path.relative_to(ROOT)}: {len(data):,} characters")
    return 0


def main(argv: list[str]) -> int:
    return write_snapshot(argv, SNAPSHOT, __doc__ or "", snapshot)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
