"""newsbot's Scrapy commands (``COMMANDS_MODULE``): crawl, demo, export, status, browse, probe,
migrate, fanout."""

from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand

from newsbot import exitcodes
from newsbot.storage import PostStore, StoreError, open_store


def open_store_or_exit(command: ScrapyCommand) -> PostStore | None:
    """The store, or None after printing why it cannot be opened and setting exit status 3."""
    assert command.settings is not None
    try:
        return open_store(command.settings)
    except StoreError as exc:
        print(f"newsbot: error: {exc}", file=sys.stderr)
        command.exitcode = exitcodes.STORE_UNUSABLE
        return None
