"""The storage contract every backend keeps; pipelines and commands only see this.

A backend enforces uniqueness on ``(site, board, post_id)`` itself (so a bypassed in-run dedupe
can never duplicate rows), keeps ``first_seen_at`` of the first sighting, and records one
``post_stats`` row per post and crawl.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
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
TABLES = (
    "posts",
    "post_stats",
    "failures",
    "refusals",
    "aliases",
    "boards",
    "comments",
    "post_versions",
    "post_deletions",
)
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
    search: tuple[str, Any] | None = None,
) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (or "") and its parameters of :meth:`PostStore.iter_posts`.

    ``since`` is passed as the backend stores ``published_at`` (ISO text, or a datetime);
    ``search`` is the backend's full-text condition and its one parameter.
    """
    where: list[str] = []
    params: list[Any] = []
    if search is not None:
        where.append(search[0])
        params.append(search[1])
    for condition, value in (("site = ", site), ("board = ", board), ("published_at >= ", since)):
        if value:
            where.append(condition + placeholder)
            params.append(value)
    if not include_duplicates:
        where.append("duplicate_of IS NULL")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def search_words(text: str | None) -> list[str]:
    """The words of a search as typed: every one must occur in the title or body, as a word or
    the start of one (a Korean stem finds its inflected forms: 환율 → 환율이, 환율은). Query
    syntax characters are not words, so nothing typed can change the query's meaning."""
    return re.findall(r"\w+", text or "")


#: The newest post of each board, per backend dialect (SQLite takes the row of a bare MAX()).
NEWEST_POST_SQL = {
    "sqlite": "SELECT site, board, MAX(published_at), title, url FROM posts "
    "WHERE published_at IS NOT NULL GROUP BY site, board",
    "postgresql": "SELECT DISTINCT ON (site, board) site, board, published_at, title, url "
    "FROM posts WHERE published_at IS NOT NULL ORDER BY site, board, published_at DESC",
}


def summarize_boards(
    fetch: Callable[[str], Iterable[tuple[Any, ...]]], dialect: str, iso: Callable[[Any], Any]
) -> list[BoardSummary]:
    """:meth:`PostStore.board_summaries` over any backend: ``fetch`` runs one query."""
    counts: dict[tuple[str, str], dict[str, Any]] = {}

    def entry(site: str, board: str) -> dict[str, Any]:
        return counts.setdefault((site, board), {})

    for site, board, posts, title in fetch(
        "SELECT site, board, COUNT(*), MAX(board_title) FROM posts GROUP BY site, board"
    ):
        entry(site, board).update(posts=posts, board_title=title)
    for site, board, published_at, title, url in fetch(NEWEST_POST_SQL[dialect]):
        entry(site, board).update(newest=(iso(published_at), title, url))
    for table, key in (("failures", "waiting_retry"), ("refusals", "refused")):
        for site, board, number in fetch(
            f"SELECT site, board, COUNT(*) FROM {table} GROUP BY site, board"
        ):
            entry(site, board)[key] = number
    for site, board, number in fetch(
        "SELECT site, board, COUNT(*) FROM comments WHERE deleted_at IS NULL GROUP BY site, board"
    ):
        entry(site, board)["comments"] = number
    for site, board, complete, crawl_id in fetch(
        "SELECT site, board, list_complete, crawl_id FROM boards"
    ):
        entry(site, board).update(list_complete=bool(complete), crawl_id=crawl_id)
    summaries = []
    for (site, board), values in sorted(counts.items()):
        newest = values.get("newest", (None, None, None))
        summaries.append(
            BoardSummary(
                site=site,
                board=board,
                board_title=values.get("board_title"),
                posts=values.get("posts", 0),
                newest_published_at=newest[0],
                newest_title=newest[1],
                newest_url=newest[2],
                waiting_retry=values.get("waiting_retry", 0),
                refused=values.get("refused", 0),
                last_crawl_id=values.get("crawl_id"),
                list_complete=values.get("list_complete"),
                comments=values.get("comments", 0),
            )
        )
    return summaries


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


@dataclass(frozen=True)
class BoardSummary:
    """What the store holds for one board, for ``scrapy status``."""

    site: str
    board: str
    board_title: str | None
    posts: int
    newest_published_at: str | None  # ISO 8601, +09:00
    newest_title: str | None
    newest_url: str | None
    waiting_retry: int  # posts whose page failed; the next run fetches them first
    refused: int  # posts the site refuses to show (secret, deleted, members only)
    last_crawl_id: str | None  # the last run that read the board's list
    list_complete: bool | None  # whether that run read the list to its end
    comments: int | None = None  # live comments stored (deleted ones not counted)


class PostStore(Protocol):
    def write(self, posts: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        """Upsert posts (with ``content_hash`` and ``duplicate_of`` set) in one transaction."""

    def write_comments(self, comments: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        """Upsert comments in one transaction (outcomes ``comments/new|updated|unchanged``).

        ``write`` marks a post's stored comments missing from its ``comment_ids`` deleted
        (``comments/deleted``) and keeps a changed title/body in ``post_versions`` (``edited``).
        """

    def mark_post_deleted(self, site: str, board: str, post_id: int, at: str) -> bool:
        """A stored post now answers as deleted: set its ``deleted_at`` (True if it was live)."""

    def mark_unlisted_posts_deleted(
        self, site: str, board: str, listed: Iterable[int], at: str
    ) -> list[int]:
        """A full run read the board's whole list: stored live posts it did not list get
        ``deleted_at``; their ids."""

    def iter_comments(
        self,
        site: str | None = None,
        board: str | None = None,
        since: datetime | None = None,
        include_deleted: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Stored comments as ``Comment``-shaped dicts, by board, post (newest first), id."""

    def iter_changes(self, since: datetime) -> Iterator[dict[str, Any]]:
        """Edits and deletions of posts and comments since then (see ``history.iter_changes``)."""

    def comment_counts(self, site: str, board: str) -> dict[str, int]:
        """Stored comments of a board (``comments``) and how many of them are deleted."""

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
        search: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stored posts as ``Post``-shaped dicts, newest first; ``search``: only posts whose
        title or body holds every word (as a word or the start of one)."""

    def board_summaries(self) -> list[BoardSummary]:
        """One summary per board with stored posts, failures, refusals or a recorded run,
        ordered by site and board."""

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
