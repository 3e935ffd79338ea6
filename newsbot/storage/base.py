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
    comments: int | None = None  # comments stored; None while the store keeps none


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

    def close(self) -> None: ...
