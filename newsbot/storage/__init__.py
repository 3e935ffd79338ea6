"""Storage behind a small interface (:class:`PostStore`); SQLite is the embedded default."""

from __future__ import annotations

from typing import Any

from scrapy.utils.misc import load_object

from newsbot.storage.base import PostStore, StoreError, WriteResult

__all__ = ["PostStore", "StoreError", "WriteResult", "open_store"]


def open_store(settings: Any) -> PostStore:
    """Open the store named by ``NEWSBOT_STORE`` at ``NEWSBOT_DB`` (raises StoreError)."""
    store_cls = load_object(settings.get("NEWSBOT_STORE"))
    return store_cls(settings.get("NEWSBOT_DB"), timeout=settings.getfloat("NEWSBOT_DB_TIMEOUT"))
