"""The Excel-safe CSV: BOM, fixed columns, readable lists, no formula injection."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.exporters import CsvItemExporter

from newsbot.exporters import ExcelCsvItemExporter, csv_line, neutralise_formula
from newsbot.items import COMMENT_FIELDS, POST_FIELDS, Comment, Post


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


class GenericPathExporter(ExcelCsvItemExporter):
    """Scrapy's per-value path (``serialize_field`` and the csv module) for every row."""

    def export_item(self, item) -> None:
        CsvItemExporter.export_item(self, item)


def export_both(items, **options) -> tuple[bytes, bytes]:
    outputs = []
    for exporter_class in (ExcelCsvItemExporter, GenericPathExporter):
        buffer = io.BytesIO()
        exporter = exporter_class(buffer, **options)
        exporter.start_exporting()
        for item in items:
            exporter.export_item(item)
        exporter.finish_exporting()
        outputs.append(buffer.getvalue())
    return outputs[0], outputs[1]


def test_row_plan_writes_what_serialize_field_writes() -> None:
    posts = [
        Post(
            site="ex.com",
            board="news",
            post_id=7,
            title='=cmd|"/c calc"!A1, 그리고 "따옴표"',
            body_text="첫 줄\r\n둘째 줄, 쉼표\n-셋째",
            body_html='<p class="x">본문</p>',
            is_notice=True,
            views=0,
            duplicate_of=None,
            image_urls=["https://a/1.jpg", "=https://a/2.jpg"],
            attachments=[{"name": "@보고서.pdf", "url": "https://a/d?no=0"}],
            photo_captions=[{"caption": "사진", "credit": "연합"}, {"caption": "+둘"}],
            content_hash="abc",
            comment_ids=[1, 2],
        ),
        Post(title=""),
        {"site": "ex.com", "post_id": 3, "title": "+dict row", "reporter": ["가", "나"]},
    ]
    fast, generic = export_both(posts)
    assert fast == generic
    comments = [
        Comment(site="ex.com", board="news", post_id=7, comment_id=1, body_text='-1점, "별로"'),
        Comment(site="ex.com", board="news", post_id=7, comment_id=2, is_secret=False, depth=1),
    ]
    fast, generic = export_both(comments, fields_to_export=list(COMMENT_FIELDS))
    assert fast == generic
    # renamed columns (a mapping) and csv options given to the exporter take the same cells
    fast, generic = export_both(posts, fields_to_export={"title": "제목", "views": "조회"})
    assert fast == generic
    fast, generic = export_both(posts, delimiter=";")
    assert fast == generic and b";" in fast


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.integers(), st.none()), min_size=1, max_size=6))
def test_csv_line_is_the_csv_module_row(cells) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(cells)
    assert csv_line(cells) == buffer.getvalue()
