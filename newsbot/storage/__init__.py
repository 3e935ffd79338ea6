"""Storage behind a small interface (:class:`PostStore`); SQLite is the embedded default.

``NEWSBOT_DB`` names the store: a file path or ``sqlite:///path`` is SQLite,
``postgresql://user@host/db`` (or ``postgres://``) is PostgreSQL. ``NEWSBOT_STORE`` may name
another class (``module.Class``) taking the same ``(db, timeout=…)`` arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scrapy.utils.misc import load_object

from newsbot.storage.base import PostStore, StoreError, WriteResult

__all__ = [
    "DatabaseUrl",
    "PostStore",
    "StoreError",
    "WriteResult",
    "open_store",
    "open_store_at",
    "parse_db_url",
]

#: userinfo of a URL (``user:password@``), so the password can be left out of messages.
PASSWORD_RE = re.compile(r"(?<=://)([^:/@]*):[^@/]*@")


@dataclass(frozen=True)
class DatabaseUrl:
    kind: str  # "sqlite" or "postgresql"
    target: str  # the file path, or the libpq connection URL

    @property
    def shown(self) -> str:
        """The target as messages may show it: never the password."""
        return PASSWORD_RE.sub(r"\1:***@", self.target)


def parse_db_url(value: str) -> DatabaseUrl:
    """What ``NEWSBOT_DB`` names (raises StoreError for a scheme we cannot open)."""
    if value.startswith(("postgresql://", "postgres://")):
        return DatabaseUrl("postgresql", value)
    if value.startswith("sqlite://"):
        path = value.removeprefix("sqlite://")
        # sqlite:///relative/path is relative, sqlite:////abs/path absolute (SQLAlchemy's rule)
        return DatabaseUrl("sqlite", path[1:] if path.startswith("/") else path)
    if re.match(r"^[a-z][a-z0-9+.-]*://", value):
        shown = DatabaseUrl("unknown", value).shown
        raise StoreError(
            f"NEWSBOT_DB {shown!r}: unknown database scheme; "
            "use a file path, sqlite:///path or postgresql://user@host/db"
        )
    return DatabaseUrl("sqlite", value)


def open_store(settings: Any) -> PostStore:
    """Open the store ``NEWSBOT_DB`` names (raises StoreError)."""
    return open_store_at(
        settings.get("NEWSBOT_DB"),
        timeout=settings.getfloat("NEWSBOT_DB_TIMEOUT"),
        store_class=settings.get("NEWSBOT_STORE"),
    )


def open_store_at(db: str, timeout: float = 30.0, store_class: str | None = None) -> PostStore:
    """Open the store at ``db`` (a path or URL as ``NEWSBOT_DB`` takes it)."""
    if store_class:
        return load_object(store_class)(db, timeout=timeout)
    url = parse_db_url(db)
    if url.kind == "postgresql":
        from newsbot.storage.postgres import PostgresStore

        return PostgresStore(url.target, timeout=timeout)
    from newsbot.storage.sqlite import SQLiteStore

    return SQLiteStore(url.target, timeout=timeout)
