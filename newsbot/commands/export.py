"""``scrapy export``: write the stored posts (all runs, not just the last) to CSV.

Same columns and Excel-safe encoding as the crawl's feed export.

    scrapy export -o posts.csv --site example.com --board news --since 2023-09-01 --no-duplicates
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsbot.commands import open_store_or_exit
from newsbot.exporters import ExcelCsvItemExporter
from newsbot.normalize import KST


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return (
            "[-o FILE] [--site HOST] [--board BO_TABLE] [--since YYYY-MM-DD] [--search WORDS] "
            "[--no-duplicates]"
        )

    def short_desc(self) -> str:
        return "Export the stored posts to CSV (UTF-8 with BOM, Excel-safe)"

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
        if not opts.output:
            opts.output = str(Path(self.settings.get("NEWSBOT_HOME")) / "exports" / "posts.csv")
        store = open_store_or_exit(self)
        if store is None:
            return
        count = 0
        try:
            if opts.output == "-":
                count = self._write(sys.stdout.buffer, store, opts, since)
            else:
                path = Path(opts.output)
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as handle:
                    count = self._write(handle, store, opts, since)
        finally:
            store.close()
        if opts.output != "-":
            print(f"exported {count} posts to {opts.output}", file=sys.stderr)

    def _write(self, handle, store, opts: argparse.Namespace, since: datetime | None) -> int:
        exporter = ExcelCsvItemExporter(handle)
        exporter.start_exporting()
        count = 0
        for post in store.iter_posts(
            site=opts.site,
            board=opts.board,
            since=since,
            include_duplicates=not opts.no_duplicates,
            search=opts.search,
        ):
            exporter.export_item(post)
            count += 1
        exporter.finish_exporting()
        return count
