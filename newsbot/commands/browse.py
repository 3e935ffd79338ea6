"""``scrapy browse``: open the store in Datasette, read-only, on 127.0.0.1, with charts.

Needs the optional extra: ``pip install -e '.[browse]'`` (Datasette and datasette-dashboards).
Datasette opens the SQLite file read-only (``mode=ro`` connections: it never writes to it, and
with the store in WAL mode it reads a consistent state while an hourly crawl writes, new posts
included) and listens on 127.0.0.1 only. Not ``--immutable``: that mode skips SQLite's locks
and the WAL, so a crawl checkpointing under it could show a torn or stale database. The
metadata (titles, facets, search, canned queries, the dashboard) comes from
:mod:`newsbot.browse`.

    scrapy browse                 # http://127.0.0.1:8001/
    scrapy browse --port 0        # any free port
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsbot import exitcodes
from newsbot.browse import datasette_metadata
from newsbot.commands import open_store_or_exit
from newsbot.storage import parse_db_url

#: Plugins the metadata relies on, by import name.
REQUIRED_MODULES = ("datasette", "datasette_dashboards")


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--port N]"

    def short_desc(self) -> str:
        return "Browse the store in Datasette (read-only, 127.0.0.1), with search and charts"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (0: any)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError("browse takes no arguments", print_help=False)
        missing = [m for m in REQUIRED_MODULES if importlib.util.find_spec(m) is None]
        if missing:
            print(
                f"newsbot: browse needs {', '.join(missing)}: pip install -e '.[browse]'",
                file=sys.stderr,
            )
            self.exitcode = exitcodes.CRAWL_FAILED
            return
        target = parse_db_url(self.settings.get("NEWSBOT_DB"))
        if target.kind != "sqlite":
            print(
                f"newsbot: browse opens a SQLite store; NEWSBOT_DB is {target.shown} "
                "(copy it with `scrapy migrate --from … --to data/newsbot.sqlite3` to browse it)",
                file=sys.stderr,
            )
            self.exitcode = exitcodes.BAD_ARGUMENTS
            return
        db = Path(target.target)
        # Opening migrates an older store (search index) before Datasette sees it.
        store = open_store_or_exit(self, existing=True)
        if store is None:
            return
        store.close()
        metadata = datasette_metadata(db.stem, most_tracked_post(db))
        with tempfile.TemporaryDirectory(prefix="newsbot-browse-") as folder:
            metadata_path = Path(folder) / "metadata.json"
            metadata_path.write_text(json.dumps(metadata, ensure_ascii=False), "utf-8")
            from datasette.cli import cli

            # In this process (not a child): stopping `scrapy browse` stops Datasette, and
            # uvicorn's own SIGINT/SIGTERM handling lets the metadata folder be removed.
            try:
                cli.main(
                    args=datasette_arguments(db, metadata_path, opts.port), prog_name="datasette"
                )
            except SystemExit as exc:
                self.exitcode = exc.code if isinstance(exc.code, int) else 0


def datasette_arguments(db: Path, metadata: Path, port: int) -> list[str]:
    """Datasette on 127.0.0.1, the store read-only, our metadata."""
    return [
        "serve",
        str(db),
        "--metadata",
        str(metadata),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "facet_time_limit_ms",
        "1000",
    ]


def most_tracked_post(db: Path) -> str | None:
    """URL of the post with the longest count history: the views chart opens on it."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT p.url FROM post_stats s JOIN posts p ON p.id = s.post_rowid "
            "GROUP BY s.post_rowid ORDER BY COUNT(*) DESC, MAX(s.views) DESC, p.id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return row[0] if row else None
