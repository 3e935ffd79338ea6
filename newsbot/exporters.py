"""``ExcelCsvItemExporter``: CSV that Excel opens safely and readably.

- UTF-8 with BOM, so Hangul shows as Hangul;
- the ``Post`` schema's column order, every column always present;
- list fields joined one entry per line (each field's ``serializer``);
- formula injection neutralised: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR
  gets a leading apostrophe, so Excel shows it as text instead of running it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy.exporters import CsvItemExporter

from newsbot.items import POST_FIELDS, Post

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


class ExcelCsvItemExporter(CsvItemExporter):
    def __init__(self, file: Any, **kwargs: Any) -> None:
        if kwargs.get("encoding") in (None, "utf-8", "utf8"):
            kwargs["encoding"] = "utf-8-sig"
        if not kwargs.get("fields_to_export"):
            kwargs["fields_to_export"] = list(POST_FIELDS)
        kwargs.setdefault("include_headers_line", True)
        if _position(file) > 0:
            # `scrapy crawl -o` appends to an existing CSV: its header line is already at the
            # top, and a second one would be a junk row in Excel (the BOM is not repeated either)
            kwargs["include_headers_line"] = False
        super().__init__(file, errors="replace", **kwargs)

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        meta = Post.fields.get(name, field or {})
        serializer = meta.get("csv_serializer")
        if serializer is not None:
            value = serializer(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif value is None:
            value = ""
        if isinstance(value, str):
            value = neutralise_formula(value)
        return value

    def finish_exporting(self) -> None:
        # Scrapy writes the header with the first row: a run or export without rows would be an
        # empty file, which Excel opens without its columns.
        if self._headers_not_written and self.include_headers_line and self.fields_to_export:
            self._headers_not_written = False
            fields = self.fields_to_export
            names = fields.values() if isinstance(fields, Mapping) else fields
            self.csv_writer.writerow(list(self._build_row(names)))
        super().finish_exporting()


def _position(file: Any) -> int:
    """Where writing starts in ``file`` (0 when it cannot tell: a pipe, a compressing wrapper)."""
    try:
        return file.tell()
    except (AttributeError, OSError, ValueError):
        return 0
