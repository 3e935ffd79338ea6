"""``ExcelCsvItemExporter``: CSV that Excel opens safely and readably.

- UTF-8 with BOM, so Hangul shows as Hangul;
- the ``Post`` schema's column order, every column always present;
- list fields joined one entry per line (each field's ``serializer``);
- formula injection neutralised: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR
  gets a leading apostrophe, so Excel shows it as text instead of running it.

Every post and every comment of a crawl passes through here, so the row is built from a plan
made once per item class (column → cell function) instead of Scrapy's per-value generic path
(an ``ItemAdapter``, a field-meta lookup, ``serialize_field`` and ``to_unicode`` per cell).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import scrapy
from scrapy.exporters import CsvItemExporter

from newsbot.items import POST_FIELDS, Post, field_values
from newsbot.normalize import KST

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: One row's recipe: (the item's field, the cell function of its column), in column order.
RowPlan = list[tuple[str, Callable[[Any], Any]]]


def seoul_time_uri_params(params: dict[str, Any], spider: Any) -> dict[str, Any]:
    """``FEED_URI_PARAMS``: ``%(time)s`` in feed file names is Seoul time, like every date newsbot
    writes (Scrapy's own is UTC, so a run at 09:00 in Seoul was named ``T00-00-00+00-00``)."""
    now = datetime.now(KST).replace(microsecond=0)
    params["time"] = now.isoformat().replace(":", "-")
    return params


def neutralise_formula(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def plain_cell(value: Any) -> Any:
    """A value without a ``csv_serializer``: text made formula-safe, flags and gaps spelled."""
    if value.__class__ is str:
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise_formula(value)
    if isinstance(value, bytes):
        return value.decode("utf-8")  # as Scrapy's ``to_unicode`` would
    return value  # numbers: the csv module writes them as they print


def csv_line(cells: list[Any]) -> str:
    """One row as :func:`csv.writer` writes it with the default (Excel) dialect.

    The csv module looks at every character of every cell (≈ 12 ns each: 60 µs for a post's
    ~5,000 characters); here a cell is scanned only by ``str`` searches for the four characters
    that make it quoted.
    """
    out = []
    for value in cells:
        text = value if value.__class__ is str else ("" if value is None else str(value))
        if '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        elif "," in text or "\n" in text or "\r" in text:
            text = '"' + text + '"'
        out.append(text)
    if len(out) == 1 and not out[0]:
        return '""\r\n'  # a lone empty cell is quoted, or the line would read as no cells
    return ",".join(out) + "\r\n"


def column_cell(column: str, field_meta: Mapping[str, Any] | None) -> Callable[[Any], Any]:
    """The cell function of a column: its ``csv_serializer`` (the ``Post`` schema's by column
    name first, then the item's own field), then :func:`plain_cell`."""
    serializer = Post.fields.get(column, field_meta or {}).get("csv_serializer")
    if serializer is None:
        return plain_cell

    def cell(value: Any) -> Any:
        return plain_cell(serializer(value))

    return cell


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
        self._plans: dict[type, RowPlan] = {}
        # csv options (delimiter, quoting, …) given to the exporter: the csv module writes
        self._default_dialect = not self._kwargs

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        return column_cell(name, field)(value)

    def export_item(self, item: Any) -> None:
        plan = self._plans.get(item.__class__)
        if plan is None:
            # a class's first item (its type tested here once: ``scrapy.Item`` is an ABC)
            if not isinstance(item, scrapy.Item | dict):
                super().export_item(item)
                return
            if self._headers_not_written:
                self._headers_not_written = False
                self._write_headers_and_set_fields_to_export(item)
            plan = self._plans[item.__class__] = self._row_plan(item)
        values = field_values(item)
        # A field the item lacks is an empty cell, as in Scrapy's exporter (not serialized).
        row = [cell(values[name]) if name in values else "" for name, cell in plan]
        if self._default_dialect:
            self.stream.write(csv_line(row))
        else:
            self.csv_writer.writerow(row)

    def _row_plan(self, item: Any) -> RowPlan:
        """Each column's cell function (:func:`column_cell`), looked up once per item class."""
        declared = getattr(item, "fields", {})
        columns = self.fields_to_export or ()
        if isinstance(columns, Mapping):
            pairs = list(columns.items())
        else:  # names, or (item field, column) pairs as Scrapy allows
            pairs = [(c, c) if isinstance(c, str) else tuple(c) for c in columns]
        return [
            (item_field, column_cell(column, declared.get(item_field)))
            for item_field, column in pairs
        ]

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
