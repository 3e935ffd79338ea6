"""Every skin fixture page through extraction (and the loader), field by field.

Pages live in ``fixtures/skins/<case>/`` with a ``pages.json`` saying the URL, status and
Content-Type each was served with, and ``<page>.expected.json`` beside each page. Responses are
built as Scrapy builds them, so charset handling (header vs meta) is the real one, plus what the
charset middleware adds: a header charset the page contradicts is overridden
(:func:`newsbot.middlewares.encoding.better_encoding`). Related links whose printed target was cut
are resolved from the case's ``link.php`` redirect pages, as the spider resolves them.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse
from w3lib.encoding import http_content_type_encoding

from newsbot.loaders import load_post
from newsbot.middlewares.encoding import better_encoding
from newsbot.normalize import KST, clean_text, parse_author, parse_count
from newsbot.skins.gnuboard import (
    board_ref_for_page,
    extract_list_page,
    extract_post,
    resolve_links,
)
from newsbot.skins.refusals import detect_refusal, refusal_for_redirect
from newsbot.urls import strip_list_state

SKINS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "skins"
BASE = "http://127.0.0.1:8765"
VIEW_FIELDS = (
    "board board_title post_id url title category author author_id author_ip published_at views "
    "comments likes dislikes body_text image_urls attachments links"
).split()
ROW_FIELDS = (
    "post_id",
    "title",
    "is_notice",
    "category",
    "author",
    "comments",
    "views",
    "date_text",
)


def _pages() -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for pages_json in sorted(SKINS_DIR.glob("*/pages.json")):
        for name, meta in json.loads(pages_json.read_text("utf-8")).items():
            found.append((pages_json.parent.name, name, meta))
    return found


PAGES = _pages()


def _fill(value: Any, base: str) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False).replace("{{G5_URL}}", base))


def _response(case: str, name: str, meta: dict[str, Any]) -> tuple[HtmlResponse, datetime, str]:
    base = BASE + meta.get("install_path", "")
    body = (SKINS_DIR / case / name).read_bytes().replace(b"{{G5_URL}}", base.encode())
    headers = dict(meta.get("headers", {}))
    if meta.get("content_type"):
        headers["Content-Type"] = meta["content_type"]
    url = meta["url"].replace("{{G5_URL}}", base)
    status = meta.get("status", 200)
    response = HtmlResponse(url=url, body=body, headers=headers, status=status)
    header_charset = http_content_type_encoding(headers.get("Content-Type", ""))
    encoding = better_encoding(body, header_charset)
    if encoding:  # what the charset middleware does to a page whose header lies
        response = HtmlResponse(
            url=url, body=body, headers=headers, status=status, encoding=encoding
        )
    date = headers.get("Date")
    now = (
        parsedate_to_datetime(date).astimezone(KST)
        if date
        else datetime(2026, 3, 15, 10, tzinfo=KST)
    )
    return response, now, base


def _link_targets(case: str) -> dict[str, str]:
    """``link.php`` URL -> its 302 ``Location``, from the case's ``redirect`` pages."""
    targets = {}
    for case_name, _name, meta in PAGES:
        if case_name == case and meta.get("kind") == "redirect" and 300 <= meta["status"] < 400:
            base = BASE + meta.get("install_path", "")
            url = strip_list_state(meta["url"].replace("{{G5_URL}}", base))
            targets[url] = meta["headers"]["Location"].replace("{{G5_URL}}", base)
    return targets


def _expected(case: str, name: str, base: str) -> Any:
    return _fill(json.loads((SKINS_DIR / case / f"{name}.expected.json").read_text("utf-8")), base)


LIST_PAGES = [(c, n, m) for c, n, m in PAGES if m.get("kind") == "list"]
VIEW_PAGES = [(c, n, m) for c, n, m in PAGES if m.get("kind") == "view"]
REFUSAL_PAGES = [(c, n, m) for c, n, m in PAGES if m.get("kind") == "refusal"]


@pytest.mark.parametrize(
    ("case", "name", "meta"), LIST_PAGES, ids=[f"{c}/{n}" for c, n, _ in LIST_PAGES]
)
def test_list_page(case: str, name: str, meta: dict[str, Any]) -> None:
    response, _now, base = _response(case, name, meta)
    expected = _expected(case, name, base)
    page = extract_list_page(response.selector, response.url)
    got = {
        "board": page.bo_table,
        "board_title": clean_text(page.board_title) or None,
        "current_page": page.current_page,
        "last_page": page.last_page,
        "row count": len(page.rows),
    }
    want = {k: expected.get(k) for k in ("board", "board_title", "current_page", "last_page")}
    want["row count"] = len(expected["rows"])
    for key in want:
        assert got[key] == want[key], f"{case}/{name}: {key}"
    for index, (row, exp) in enumerate(zip(page.rows, expected["rows"], strict=False)):
        actual = {
            "post_id": row.post_id,
            # clean_text, not clean_title: the skin drops count badges by their markup, and a
            # subject may really end in "(2)", which clean_title would take for a g4 count.
            "title": clean_text(row.title),
            "is_notice": row.is_notice,
            "category": clean_text(row.category) or None,
            "author": parse_author(row.author)[0],
            "comments": parse_count(row.comments) or 0,
            "views": parse_count(row.views),
            "date_text": clean_text(row.date_text) or None,
        }
        for key in ROW_FIELDS:
            if key in exp:
                assert actual[key] == exp[key], f"{case}/{name}: row {index} ({row.post_id}) {key}"


@pytest.mark.parametrize(
    ("case", "name", "meta"), VIEW_PAGES, ids=[f"{c}/{n}" for c, n, _ in VIEW_PAGES]
)
def test_view_page(case: str, name: str, meta: dict[str, Any]) -> None:
    response, now, base = _response(case, name, meta)
    expected = _expected(case, name, base)
    assert detect_refusal(response.selector, response.url) is None, f"{case}/{name}: refused"
    raw = resolve_links(extract_post(response.selector, response.url), _link_targets(case))
    ref = board_ref_for_page(response.selector, response.url)
    assert ref is not None, f"{case}/{name}: board"
    post = load_post(raw, ref, raw.wr_id, now=now)
    for key in VIEW_FIELDS:
        if key in expected:
            want = expected[key]
            got = post.get(key, [] if isinstance(want, list) else None)
            assert got == want, f"{case}/{name}: {key}"


@pytest.mark.parametrize(
    ("case", "name", "meta"), REFUSAL_PAGES, ids=[f"{c}/{n}" for c, n, _ in REFUSAL_PAGES]
)
def test_refusal_page(case: str, name: str, meta: dict[str, Any]) -> None:
    response, _now, base = _response(case, name, meta)
    expected = _expected(case, name, base)
    if 300 <= response.status < 400:
        location = response.headers.get("Location", b"").decode()
        reason = refusal_for_redirect(location)
    else:
        redirected_from = meta.get("redirected_from")
        reason = detect_refusal(response.selector, response.url, redirected_from)
    assert reason == expected["reason"], f"{case}/{name}: reason"
