"""The storage contract every backend keeps; pipelines and commands only see this.

A backend enforces uniqueness on ``(site, board, post_id)`` itself (so a bypassed in-run dedupe
can never duplicate rows), keeps ``first_seen_at`` of the first sighting, and records one
``post_stats`` row per post and crawl.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from newsbot.incremental import KnownPost
from newsbot.items import POST_FIELDS

#: Fields that make a repeat sighting an update when they change.
TRACKED_FIELDS = ("title", "body_text", "views", "comments", "likes", "dislikes", "category")
#: The ``posts`` columns beside the key (site, board, post_id), in schema order.
POST_COLUMNS = tuple(f for f in POST_FIELDS if f not in ("site", "board", "post_id"))
#: The tables a store holds, in the order a copy must load them (stats refer to posts).
TABLES = ("posts", "post_stats", "failures", "refusals", "aliases", "boards")
#: The bookkeeping tables, alike on every backend: their columns, and how many of the first
#: ones form the primary key. ``post_id`` is a whole number, ``list_complete`` a flag, the
#: rest text; all NOT NULL.
PLAIN_TABLES: dict[str, tuple[tuple[str, ...], int]] = {
    "failures": (("site", "board", "post_id", "url", "reason", "crawl_id"), 3),
    "refusals": (("site", "board", "post_id", "reason", "crawl_id"), 3),
    "aliases": (("site", "board", "url", "post_id"), 3),
    "boards": (("site", "board", "list_complete", "crawl_id"), 2),
}


def export_filter(
    placeholder: str,
    site: str | None,
    board: str | None,
    since: Any,
    include_duplicates: bool,
) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (or "") and its parameters of :meth:`PostStore.iter_posts`.

    ``since`` is passed as the backend stores ``published_at`` (ISO text, or a datetime).
    """
    where: list[str] = []
    params: list[Any] = []
    for condition, value in (("site = ", site), ("board = ", board), ("published_at >= ", since)):
        if value:
            where.append(condition + placeholder)
            params.append(value)
    if not include_duplicates:
        where.append("duplicate_of IS NULL")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def plain_tables_ddl(integer_type: str, flag_type: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for :data:`PLAIN_TABLES` in a backend's types."""
    statements = []
    for table, (columns, key_size) in PLAIN_TABLES.items():
        types = {"post_id": integer_type, "list_complete": flag_type}
        definitions = [f"{c} {types.get(c, 'TEXT')} NOT NULL" for c in columns]
        definitions.append(f"PRIMARY KEY ({', '.join(columns[:key_size])})")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(definitions)});")
    return "\n".join(statements)


class StoreError(Exception):
    """The store cannot be opened or written; the message says which file and why."""


@dataclass(frozen=True)
class WriteResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    outcomes: tuple[tuple[str, str, str], ...] = ()  # (site, board, outcome) per post


class PostStore(Protocol):
    def write(self, posts: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        """Upsert posts (with ``content_hash`` and ``duplicate_of`` set) in one transaction."""

    def known_posts(self, site: str, board: str, post_ids: Iterable[int]) -> dict[int, KnownPost]:
        """What is stored for these posts: enough to decide whether to fetch them again."""

    def record_failure(
        self, site: str, board: str, post_id: int, url: str, reason: str, crawl_id: str
    ) -> None:
        """Remember a post whose page failed, until a later run stores it."""

    def record_refusal(
        self, site: str, board: str, post_id: int, reason: str, crawl_id: str
    ) -> None:
        """Remember a post the site refuses to show (not retried until a full run)."""

    def record_alias(self, site: str, board: str, url: str, post_id: int) -> None:
        """Remember which post a title-slug URL showed."""

    def known_aliases(self, site: str, board: str, urls: Iterable[str]) -> dict[str, int]:
        """post_id of each slug URL seen before."""

    def failed_posts(self, site: str, board: str) -> list[tuple[int, str]]:
        """(post_id, url) of this board's posts that failed in earlier runs."""

    def record_board(self, site: str, board: str, list_complete: bool, crawl_id: str) -> None:
        """Whether this run read the board's list to its end."""

    def board_list_complete(self, site: str, board: str) -> bool | None:
        """What the last run recorded; None for a board never crawled."""

    def field_coverage(
        self, site: str, board: str, fields: Iterable[str], recent: int = 200
    ) -> tuple[int, dict[str, float]]:
        """Over the board's ``recent`` last-seen stored posts: how many, and per field the share
        that has it (what a run compares its own coverage with)."""

    def first_with_content(
        self, content_hash: str, site: str, board: str, post_id: int
    ) -> str | None:
        """URL of the earliest other post with this content hash, if any."""

    def iter_posts(
        self,
        site: str | None = None,
        board: str | None = None,
        since: datetime | None = None,
        include_duplicates: bool = True,
    ) -> Iterator[dict[str, Any]]:
        """Stored posts as ``Post``-shaped dicts, newest first."""

    def stats_history(self, site: str, board: str, post_id: int) -> list[dict[str, Any]]:
        """The post's ``post_stats`` rows (crawl_id, seen_at, counts), oldest first."""

    def count_posts(self) -> int:
        """How many posts are stored."""

    def dump(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every row of every table as ``(table, row)``, backend-neutral, for ``migrate``.

        Posts come in storage order (first stored first) with ``first_seen_at``,
        ``last_seen_at`` and ``content_hash``; ``post_stats`` rows name their post by
        ``site``/``board``/``post_id``; timestamps are ISO 8601 strings, lists are lists.
        """

    def load(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Upsert rows shaped as :meth:`dump` yields them in one transaction (idempotent)."""

    def close(self) -> None: ...
