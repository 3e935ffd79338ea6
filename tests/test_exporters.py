"""The Excel-safe CSV: BOM, fixed columns, readable lists, no formula injection."""

from __future__ import annotations

import csv
import io

import pytest

from newsbot.exporters import ExcelCsvItemExporter, neutralise_formula
from newsbot.items import POST_FIELDS, Post


def export(*items) -> bytes:
    buffer = io.BytesIO()
    exporter = ExcelCsvItemExporter(buffer)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return buffer.getvalue()


def test_bom_columns_and_hangul() -> None:
    data = export(Post(site="ex.com", board="news", post_id=1, title="생성형AI 日·中"))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(POST_FIELDS)
    assert rows[1][POST_FIELDS.index("title")] == "생성형AI 日·中"
    assert "content_hash" not in rows[0]


def test_lists_one_entry_per_line() -> None:
    item = Post(
        image_urls=["https://a/1.jpg", "https://a/2.jpg"],
        attachments=[{"name": "보고서.pdf", "url": "https://a/d?no=0"}],
        reporter=["홍길동", "김철수"],
    )
    row = next(csv.DictReader(io.StringIO(export(item).decode("utf-8-sig"))))
    assert row["image_urls"] == "https://a/1.jpg\nhttps://a/2.jpg"
    assert row["attachments"] == "보고서.pdf <https://a/d?no=0>"
    assert row["reporter"] == "홍길동\n김철수"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+82 전화", "'+82 전화"),
        ("-속보-", "'-속보-"),
        ("@멘션", "'@멘션"),
        ("\t탭", "'\t탭"),
        ("정상 제목 =", "정상 제목 ="),
    ],
)
def test_formula_injection_neutralised(raw: str, safe: str) -> None:
    assert neutralise_formula(raw) == safe
    row = next(csv.DictReader(io.StringIO(export(Post(title=raw)).decode("utf-8-sig"))))
    assert row["title"] == safe


def test_numbers_and_flags_stay_plain() -> None:
    row = next(
        csv.DictReader(io.StringIO(export(Post(views=56, is_notice=False)).decode("utf-8-sig")))
    )
    assert (row["views"], row["is_notice"], row["likes"]) == ("56", "false", "")
