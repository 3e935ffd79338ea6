"""Every skin fixture case, old and new, through the real crawl.

The fixture server plays a case directory as it was captured (``pages.json``: each URL answered
with its recorded page, status and headers); ``scrapy crawl`` reads the case's list pages and
follows its rows. Each post that has a view page in the case must come out with every field its
``.expected.json`` names, right. Rows without a captured view page answer 404 and are not
compared.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import FIXTURES

pytestmark = pytest.mark.e2e

SKINS = FIXTURES / "skins"
NOW = {"NEWSBOT_NOW": "2026-11-28T11:05:00+09:00"}
CASES = sorted(
    path.name
    for path in SKINS.iterdir()
    if (path / "pages.json").exists()
    and any(m["kind"] == "list" for m in json.loads((path / "pages.json").read_text()).values())
)


def _expected_posts(case: str, base: str) -> dict[int, dict[str, Any]]:
    pages = json.loads((SKINS / case / "pages.json").read_text("utf-8"))
    posts = {}
    for name, meta in pages.items():
        if meta["kind"] != "view":
            continue
        site_base = base + meta.get("install_path", "")
        text = (SKINS / case / f"{name}.expected.json").read_text("utf-8")
        expected = json.loads(text.replace("{{G5_URL}}", site_base))
        posts[expected["post_id"]] = expected
    return posts


@pytest.mark.parametrize("case", CASES)
def test_skin_case_through_the_crawl(crawl, serve, case: str) -> None:
    server = serve(SKINS / case)
    pages = json.loads((SKINS / case / "pages.json").read_text("utf-8"))
    lists = [m for m in pages.values() if m["kind"] == "list"]
    first = lists[0]
    url = first["url"].replace("{{G5_URL}}", server.base_url + first.get("install_path", ""))
    run = crawl.run(url=url, max_pages=str(len(lists)), settings=NOW)
    items = {item["post_id"]: item for item in run.items}
    problems = []
    for post_id, want in _expected_posts(case, server.base_url).items():
        item = items.get(post_id)
        if item is None:
            problems.append(f"{case}/{post_id}: not collected")
            continue
        for key, value in want.items():
            got = item.get(key, [] if isinstance(value, list) else None)
            if got != value:
                problems.append(f"{case}/{post_id}: {key}: {got!r} != {value!r}")
    assert not problems, "\n".join(problems) + "\n" + run.stderr[-3000:]
    assert "list and post disagree" not in run.stderr
