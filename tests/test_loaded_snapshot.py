"""Cheaper loader processors load exactly what the loaders before them loaded, on every fixture
page: posts without a list row, every comment, and the failure counts (the post with its list
row is in ``tests/test_extraction_snapshot.py``)."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.extraction_snapshot import ROOT, fixture_pages
from tests.loaded_snapshot import SNAPSHOT, read_page

RECORDED: dict = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))


def test_snapshot_covers_every_board_page():
    names = {str(p.relative_to(ROOT)) for p in fixture_pages()}
    assert set(RECORDED) <= names
    assert len(RECORDED) > 200
    assert sum(len(page["comments"]) for page in RECORDED.values()) > 100


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_loaded_items_match_recorded(name):
    now = json.loads(json.dumps(read_page(ROOT / name), ensure_ascii=False))
    assert now == RECORDED[name], f"{name}: loaded items differ"
