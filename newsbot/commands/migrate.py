"""``scrapy migrate``: copy every table of one store into another, e.g. SQLite → PostgreSQL.

    scrapy migrate --from data/newsbot.sqlite3 --to postgresql://newsbot@db.internal/newsbot

``--from`` defaults to ``NEWSBOT_DB``. Rows are upserted on the target's own keys in
transactions of ``--chunk`` rows, so a copy can be run again (after an interruption, or to
pick up what the source gained since) and ends with the same target: posts keep the earliest
``first_seen_at`` and the latest ``last_seen_at`` of both, counts history is keyed by post and
crawl. Posts are copied in the order they were first stored, so "the first post with this
content" (``duplicate_of``) stays the same post. Exit status 3 when a store cannot be opened or
written, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsbot import exitcodes
from newsbot.storage import DatabaseUrl, PostStore, StoreError, open_store_at, parse_db_url


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--from DB] --to DB"

    def short_desc(self) -> str:
        return "Copy a store into another (SQLite → PostgreSQL), idempotently"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--from", dest="source", help="the store to read (default: NEWSBOT_DB)")
        parser.add_argument(
            "--to", dest="target", help="the store to write: a path or postgresql://user@host/db"
        )
        parser.add_argument(
            "--chunk", type=int, default=1000, help="rows per transaction (default 1000)"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        source = opts.source or self.settings.get("NEWSBOT_DB")
        if not opts.target:
            raise UsageError("--to is required: the store to copy into", print_help=False)
        if opts.chunk < 1:
            raise UsageError("--chunk must be at least 1", print_help=False)
        try:
            source_url, target_url = parse_db_url(source), parse_db_url(opts.target)
        except StoreError as exc:
            raise UsageError(str(exc), print_help=False) from None
        if _identity(source_url) == _identity(target_url):
            raise UsageError("--from and --to name the same store", print_help=False)
        if source_url.kind == "sqlite" and not Path(source_url.target).is_file():
            # opening would create an empty database and copy nothing
            raise UsageError(f"--from {source_url.target}: no such database", print_help=False)
        timeout = self.settings.getfloat("NEWSBOT_DB_TIMEOUT")
        stores: list[PostStore] = []
        try:
            stores.append(open_store_at(source, timeout=timeout))
            stores.append(open_store_at(opts.target, timeout=timeout))
            copied = copy_store(stores[0], stores[1], opts.chunk)
        except StoreError as exc:
            print(f"newsbot: error: {exc}", file=sys.stderr)
            self.exitcode = exitcodes.STORE_UNUSABLE
            return
        finally:
            for store in stores:
                store.close()
        shown = f"{source_url.shown} → {target_url.shown}"
        summary = ", ".join(f"{table} {count}" for table, count in copied.items())
        print(f"copied {shown}: {summary}", file=sys.stderr)


def _identity(url: DatabaseUrl) -> tuple[str, str]:
    target = os.path.realpath(url.target) if url.kind == "sqlite" else url.target
    return url.kind, target


def copy_store(source: PostStore, target: PostStore, chunk: int = 1000) -> dict[str, int]:
    """Every row of ``source`` upserted into ``target``; rows copied per table."""
    copied: dict[str, int] = {}
    for table, rows in groupby(source.dump(), key=lambda entry: entry[0]):
        copied.setdefault(table, 0)
        for batch in _chunks((row for _, row in rows), chunk):
            copied[table] += target.load(table, batch)
    return copied


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
