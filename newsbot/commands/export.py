"""``scrapy export``: write the stored posts (all runs, not just the last), their comments, or
what changed.

The format follows the file's extension as ``scrapy crawl -o`` does: ``.csv`` (the crawl feed's
columns, UTF-8 with BOM, Excel-safe), ``.jsonl``/``.jl`` (JSON lines), ``.json`` (one array).

    scrapy export -o posts.csv --site example.com --board news --since 2023-09-01 --no-duplicates
    scrapy export --comments -o comments.jsonl --board news
    scrapy export --changes --since 2026-03-01 -o changes.csv
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.exporters import BaseItemExporter, JsonItemExporter, JsonLinesItemExporter

from newsbot.commands import open_store_or_exit, why_unwritable
from newsbot.exporters import ExcelCsvItemExporter
from newsbot.items import COMMENT_FIELDS, POST_FIELDS
from newsbot.normalize import KST
from newsbot.storage.history import CHANGE_FIELDS


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return (
            "[-o FILE] [--site HOST] [--board BO_TABLE] [--since YYYY-MM-DD] [--search WORDS] "
            "[--no-duplicates] [--comments | --changes]"
        )

    def short_desc(self) -> str:
        return "Export stored posts, comments or changes (.csv Excel-safe, .jsonl, .json)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "-o",
            "--output",
            help="CSV file to write ('-' for standard output; default <NEWSBOT_HOME>/exports/"
            "posts.csv)",
        )
        parser.add_argument("--site", help="only this site (host as stored, e.g. example.com)")
        parser.add_argument("--board", help="only this board (bo_table)")
        parser.add_argument("--since", help="only posts published on or after YYYY-MM-DD")
        parser.add_argument(
            "--search",
            metavar="WORDS",
            help="only posts whose title or body holds every word (full-text, word starts)",
        )
        parser.add_argument(
            "--no-duplicates",
            action="store_true",
            help="leave out posts marked duplicate_of another",
        )
        what = parser.add_mutually_exclusive_group()
        what.add_argument(
            "--comments", action="store_true", help="export the stored comments, not the posts"
        )
        what.add_argument(
            "--changes",
            action="store_true",
            help="export edits and deletions of posts and comments since --since",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        since = None
        if opts.since:
            try:
                since = datetime.combine(date.fromisoformat(opts.since), time(), tzinfo=KST)
            except ValueError:
                raise UsageError(
                    f"--since {opts.since!r} is not a date; expected YYYY-MM-DD", print_help=False
                ) from None
        if opts.changes and since is None:
            raise UsageError("--changes needs --since YYYY-MM-DD", print_help=False)
        kind = "changes" if opts.changes else "comments" if opts.comments else "posts"
        if not opts.output:
            opts.output = str(Path(self.settings.get("NEWSBOT_HOME")) / "exports" / f"{kind}.csv")
        _exporter_class(opts.output)  # a bad extension is refused before the store is opened
        unwritable = why_unwritable(Path(opts.output)) if opts.output != "-" else None
        if unwritable:
            raise UsageError(f"cannot write {opts.output}: {unwritable}", print_help=False)
        store = open_store_or_exit(self, existing=True)
        if store is None:
            return
        count = 0
        try:
            if opts.output == "-":
                try:
                    count = self._write(sys.stdout.buffer, store, opts, since)
                    sys.stdout.flush()
                except BrokenPipeError:
                    # `scrapy export -o - | head`: the reader had enough. No traceback, and
                    # no second one when Python flushes stdout at exit.
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                    self.exitcode = 1
            else:
                path = Path(opts.output)
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handle = path.open("wb")
                except OSError as exc:
                    raise UsageError(
                        f"cannot write {opts.output}: {exc.strerror or exc}", print_help=False
                    ) from None
                with handle:
                    count = self._write(handle, store, opts, since)
        finally:
            store.close()
        if opts.output != "-":
            print(f"exported {count} {kind} to {opts.output}", file=sys.stderr)

    def _write(self, handle, store, opts: argparse.Namespace, since: datetime | None) -> int:
        if opts.changes:
            fields, rows = CHANGE_FIELDS, store.iter_changes(since)
        elif opts.comments:
            rows = store.iter_comments(site=opts.site, board=opts.board, since=since)
            fields = COMMENT_FIELDS
        else:
            fields = POST_FIELDS
            rows = store.iter_posts(
                site=opts.site,
                board=opts.board,
                since=since,
                include_duplicates=not opts.no_duplicates,
                search=opts.search,
            )
        exporter_class = _exporter_class(opts.output)
        options = {"fields_to_export": list(fields)}
        if exporter_class is not ExcelCsvItemExporter:
            options["ensure_ascii"] = False
        exporter = exporter_class(handle, **options)
        exporter.start_exporting()
        count = 0
        for row in rows:
            exporter.export_item(row)
            count += 1
        exporter.finish_exporting()
        return count


def _exporter_class(output: str) -> type[BaseItemExporter]:
    """The exporter a file name asks for; ``-`` (standard output) is CSV."""
    extension = output.rsplit(".", 1)[-1].lower() if "." in Path(output).name else "csv"
    exporters: dict[str, type[BaseItemExporter]] = {
        "csv": ExcelCsvItemExporter,
        "jsonl": JsonLinesItemExporter,
        "jl": JsonLinesItemExporter,
        "json": JsonItemExporter,
    }
    if output == "-":
        return ExcelCsvItemExporter
    if extension not in exporters:
        raise UsageError(f"-o {output}: name a .csv, .jsonl or .json file", print_help=False)
    return exporters[extension]
