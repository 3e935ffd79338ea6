"""newsbot's Scrapy commands (``COMMANDS_MODULE``): crawl, demo, export, status, browse, probe,
migrate, fanout."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand

from newsbot import exitcodes
from newsbot.storage import PostStore, StoreError, open_store, parse_db_url


def open_store_or_exit(command: ScrapyCommand, existing: bool = False) -> PostStore | None:
    """The store, or None after printing why it cannot be opened and setting exit status 3.

    ``existing``: commands that only read the store (export, status, browse) refuse a SQLite
    file that is not there, rather than create an empty one at a mistyped path and report 0.
    """
    assert command.settings is not None
    db = parse_db_url(command.settings.get("NEWSBOT_DB"))
    if existing and db.kind == "sqlite" and not Path(db.target).exists():
        print(
            f"newsbot: error: no database at {db.shown}: nothing has been crawled into it yet, "
            "or NEWSBOT_HOME / NEWSBOT_DB names another place",
            file=sys.stderr,
        )
        command.exitcode = exitcodes.STORE_UNUSABLE
        return None
    try:
        return open_store(command.settings)
    except StoreError as exc:
        print(f"newsbot: error: {exc}", file=sys.stderr)
        command.exitcode = exitcodes.STORE_UNUSABLE
        return None


def why_unwritable(path: Path) -> str | None:
    """Why a file cannot be written there (None when it can), checked without creating it."""
    if path.is_dir():
        return "it is a directory"
    if path.exists():
        return None if os.access(path, os.W_OK) else "permission denied"
    # Scrapy creates missing folders: the nearest existing one must be a writable folder.
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is not a directory"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot create files in {folder} (permission denied)"
    return None
