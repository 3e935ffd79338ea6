"""Faster extraction reads exactly what the reader it replaced read, on every fixture page.

The snapshot was recorded with the extraction code before the speed work of issue 17
(``python -m tests.extraction_snapshot --write``); any difference in any field of any page
fails here, with the page and the field named.
"""

from __future__ import annotations

import gzip
import json

import pytest

from tests.extraction_snapshot import ROOT, SNAPSHOT, fixture_pages, read_page

RECORDED: dict = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))


def test_snapshot_covers_every_fixture_page():
    assert sorted(RECORDED) == sorted(str(p.relative_to(ROOT)) for p in fixture_pages())
    assert len(RECORDED) > 200


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_extraction_matches_recorded(name):
    now = json.loads(json.dumps(read_page(ROOT / name), ensure_ascii=False))
    was = RECORDED[name]
    for part in was:
        assert now[part] == was[part], f"{name}: {part} differs"
    assert now.keys() == was.keys()
