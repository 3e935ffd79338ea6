"""``SQLiteStore``: the embedded default store (WAL mode, versioned schema, batched upserts).

Tables:
- ``posts``: one row per (site, board, post_id), all ``Post`` fields plus ``first_seen_at``,
  ``last_seen_at``, ``duplicate_of`` and ``content_hash``. List fields are JSON text.
- ``post_stats``: one row per (post, crawl) with views, comments, likes, dislikes.
- ``failures``: posts whose page failed (server error, timeout, broken page): the next run
  fetches them first, so a failure is never mistaken for "already known". A stored post clears
  its failure.
- ``refusals``: posts the site refuses to show (secret, members only, deleted): known, so an
  hourly run does not ask again; a full run does.
- ``aliases``: title-slug URLs (gnuboard5 short URLs, mode 2) → the wr_id their page showed,
  so an incremental run knows a slug-linked post without fetching it.
- ``boards``: whether a board's last run read its list to the end (a failed list page means the
  next run must page on past known posts).
- ``posts_fts``: FTS5 index of ``title`` and ``body_text`` (external content over ``posts``),
  kept in sync by triggers on ``posts``; ``iter_posts(search=…)``, ``scrapy export --search``
  and Datasette's search box read it (schema version 2).
- ``comments``, ``post_versions`` and ``posts.deleted_at``: comments, earlier versions of
  edited posts, deleted posts (schema version 3, :mod:`newsbot.storage.history`).
- ``schema_version``: the schema's version; migrations run on open.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from newsbot.incremental import KnownPost
from newsbot.items import LIST_FIELDS
from newsbot.storage import history
from newsbot.storage.base import (
    PLAIN_TABLES,
    POST_COLUMNS,
    TRACKED_FIELDS,
    BoardSummary,
    StoreError,
    WriteResult,
    export_filter,
    plain_tables_ddl,
    search_words,
    summarize_boards,
)

SCHEMA_VERSION = 3
_COLUMNS = list(POST_COLUMNS)
_INTEGER_COLUMNS = ("views", "comments", "likes", "dislikes", "is_notice")
_COLUMN_DEFS = ", ".join(
    f"{c} {'INTEGER' if c in _INTEGER_COLUMNS else 'TEXT'}" for c in _COLUMNS if c != "duplicate_of"
)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    board TEXT NOT NULL,
    post_id INTEGER NOT NULL,
    {_COLUMN_DEFS},
    duplicate_of TEXT,
    content_hash TEXT,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    UNIQUE (site, board, post_id)
);
CREATE INDEX IF NOT EXISTS posts_content_hash ON posts (content_hash);
CREATE INDEX IF NOT EXISTS posts_published_at ON posts (published_at);
{plain_tables_ddl("INTEGER", "INTEGER")}
CREATE TABLE IF NOT EXISTS post_stats (
    post_rowid INTEGER NOT NULL REFERENCES posts (id),
    crawl_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    views INTEGER,
    comments INTEGER,
    likes INTEGER,
    dislikes INTEGER,
    PRIMARY KEY (post_rowid, crawl_id)
);
"""


#: Statements that take a database from version N-1 to N, in order; N = the key.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (
        # unicode61 splits Hangul on spaces and punctuation; searches become prefix queries
        # (see fts_query) so 환율 finds 환율이 and 환율은.
        'CREATE VIRTUAL TABLE IF NOT EXISTS posts_fts USING fts5(title, body_text, content="posts",'
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER IF NOT EXISTS posts_fts_insert AFTER INSERT ON posts BEGIN "
        "INSERT INTO posts_fts (rowid, title, body_text) VALUES (new.id, new.title, new.body_text);"
        " END",
        "CREATE TRIGGER IF NOT EXISTS posts_fts_delete AFTER DELETE ON posts BEGIN "
        "INSERT INTO posts_fts (posts_fts, rowid, title, body_text) "
        "VALUES ('delete', old.id, old.title, old.body_text); END",
        # an upsert that changes neither text leaves the index alone
        "CREATE TRIGGER IF NOT EXISTS posts_fts_update AFTER UPDATE OF title, body_text ON posts "
        "WHEN old.title IS NOT new.title OR old.body_text IS NOT new.body_text BEGIN "
        "INSERT INTO posts_fts (posts_fts, rowid, title, body_text) "
        "VALUES ('delete', old.id, old.title, old.body_text); "
        "INSERT INTO posts_fts (rowid, title, body_text) VALUES (new.id, new.title, new.body_text);"
        " END",
        "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')",
    ),
    3: history.schema("INTEGER", add_column="ADD COLUMN"),
}


# The writer's statements, built once: rebuilding them per post cost ≈25 µs of string joins,
# and identical text lets sqlite3's statement cache reuse the prepared statement.
_SELECT_TRACKED = (
    f"SELECT id, {', '.join(TRACKED_FIELDS)} FROM posts "
    "WHERE site = ? AND board = ? AND post_id = ?"
)
_UPSERT_COLUMNS = ["site", "board", "post_id", *_COLUMNS, "content_hash"]
_UPSERT_POST = (
    f"INSERT INTO posts ({', '.join(_UPSERT_COLUMNS)}, first_seen_at, last_seen_at) "
    f"VALUES ({', '.join('?' * len(_UPSERT_COLUMNS))}, ?, ?) "
    "ON CONFLICT (site, board, post_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in [*_COLUMNS, "content_hash"])
    # readable again (a moderator restored it): no longer deleted
    + ", last_seen_at = excluded.last_seen_at, deleted_at = NULL RETURNING id"
)
_CLEAR_FAILURE = "DELETE FROM failures WHERE site = ? AND board = ? AND post_id = ?"
_CLEAR_REFUSAL = "DELETE FROM refusals WHERE site = ? AND board = ? AND post_id = ?"
_INSERT_STATS = "INSERT OR REPLACE INTO post_stats VALUES (?, ?, ?, ?, ?, ?, ?)"
#: The batched writer's rows per multi-row statement (36 parameters a post row; SQLite takes
#: 32,766).
_ROWS_PER_STATEMENT = 100


@functools.lru_cache(maxsize=8)
def _upsert_posts(rows: int) -> str:
    """``_UPSERT_POST`` for ``rows`` posts at once, returning each one's key and id."""
    values = f"({', '.join('?' * (len(_UPSERT_COLUMNS) + 2))})"
    head, tail = _UPSERT_POST.split(" ON CONFLICT ", 1)
    head = head.rsplit(" VALUES ", 1)[0]
    tail = tail.replace(" RETURNING id", " RETURNING site, board, post_id, id")
    return f"{head} VALUES {', '.join([values] * rows)} ON CONFLICT {tail}"


@functools.lru_cache(maxsize=8)
def _insert_stats(rows: int) -> str:
    return "INSERT OR REPLACE INTO post_stats VALUES " + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * rows)


def fts_query(text: str) -> str:
    """An FTS5 query: every word must occur, as a word or its start (see ``search_words``).

    Quoting each word keeps FTS5 syntax (``-``, ``:``, ``*``, ``AND``) literal."""
    return " ".join(f'"{w}"*' for w in search_words(text))


class SQLiteStore:
    #: A read is an indexed lookup in a local WAL file, which a writer never blocks: cheaper
    #: done in place than handed to a thread (see ``DedupePipeline``).
    local_reads = True

    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # check_same_thread off: the store pipeline writes from its one writer thread; a
            # store object is never used by two threads at once.
            self.conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            # a SQLite built with fewer parameters per statement than the usual 32,766
            variables = self.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            self.rows_per_statement = max(
                1, min(_ROWS_PER_STATEMENT, variables // (len(_UPSERT_COLUMNS) + 2))
            )
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open SQLite database {self.path}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot create SQLite database {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        # Read first: an up-to-date database needs no write lock to open, so a run can start
        # while another process is writing.
        try:
            row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.OperationalError:
            row = None
        if row is not None and row[0] == SCHEMA_VERSION:
            return
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            row = self.conn.execute("SELECT version FROM schema_version").fetchone()
            if row is None:  # a new database: the base schema is version 1
                self.conn.execute("INSERT INTO schema_version VALUES (1)")
                row = (1,)
            if row[0] > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {row[0]}; this newsbot knows up to "
                    f"{SCHEMA_VERSION} — upgrade newsbot"
                )
            for version in range(row[0] + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version]:
                    try:
                        self.conn.execute(statement)
                    except sqlite3.OperationalError as exc:
                        if "duplicate column" not in str(exc):
                            raise
                self.conn.execute("UPDATE schema_version SET version = ?", (version,))

    def _transaction(self):
        return _Transaction(self.conn)

    # -- writing ---------------------------------------------------------------------------------

    def write(self, posts: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        posts = list(posts)
        if not posts:
            return WriteResult()
        try:
            return self._write(posts, crawl_id)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def _write(self, posts: list[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        keys = [(post["site"], post["board"], int(post["post_id"])) for post in posts]
        if len(set(keys)) < len(keys):
            return self._write_each(posts, crawl_id)
        return self._write_batch(posts, keys, crawl_id)

    def _write_batch(
        self, posts: list[Mapping[str, Any]], keys: list[tuple[str, str, int]], crawl_id: str
    ) -> WriteResult:
        """``_write_each``'s rows, outcomes and row ids, in a few statements per batch.

        Per post, ``_write_each`` runs a lookup, the upsert, two DELETEs, the stats insert and
        the deleted-comments UPDATE. The upsert's FTS trigger makes each one a statement
        transaction, and FTS5 writes its pending terms out as a new index segment at every one
        (≈ 100 µs a post of segment writing and merging, more than the indexing itself). Here
        the upserts go ``_ROWS_PER_STATEMENT`` at a time, in the same order (so the same ids),
        and the lookups, DELETEs and stats one statement per board or chunk. The keys are
        distinct (the caller checks), so no post's statements see another post's writes:
        the order of the statements does not matter, only that of the inserts.
        """
        new = updated = unchanged = 0
        per_post: list[list[tuple[str, str, str]]] = []
        with self._transaction():
            stored = self._stored_tracked(keys)
            rows = [_to_row(post) for post in posts]
            seen = [
                post.get("crawled_at") or datetime.now().astimezone().isoformat() for post in posts
            ]
            for post, key, row, seen_at in zip(posts, keys, rows, seen, strict=True):
                existing = stored.get(key)
                outcomes: list[tuple[str, str, str]] = []
                if existing is None:
                    outcome = "new"
                    new += 1
                elif existing != tuple(row[f] for f in TRACKED_FIELDS):
                    outcome = "updated"
                    updated += 1
                    # before the upsert: it reads the stored title and body
                    if history.record_version(self.conn.execute, "?", key, post, seen_at):
                        outcomes.append((key[0], key[1], "edited"))
                else:
                    outcome = "unchanged"
                    unchanged += 1
                outcomes.append((key[0], key[1], outcome))
                per_post.append(outcomes)
            entries = list(zip(keys, rows, posts, seen, strict=True))
            rowids: dict[tuple[str, str, int], int] = {}
            for start in range(0, len(entries), self.rows_per_statement):
                chunk = entries[start : start + self.rows_per_statement]
                params: list[Any] = []
                for key, row, post, seen_at in chunk:
                    params += key
                    params += [row[c] for c in _COLUMNS]
                    params += (post.get("content_hash"), seen_at, seen_at)
                returned = self.conn.execute(_upsert_posts(len(chunk)), params).fetchall()
                rowids.update(
                    ((site, board, post_id), rowid) for site, board, post_id, rowid in returned
                )
            for table in ("failures", "refusals"):
                self._by_board(f"DELETE FROM {table} WHERE site = ? AND board = ? AND {{}}", keys)
            for start in range(0, len(entries), self.rows_per_statement):
                chunk = entries[start : start + self.rows_per_statement]
                params = []
                for key, row, _post, seen_at in chunk:
                    params += (rowids[key], crawl_id, seen_at)
                    params += (row["views"], row["comments"], row["likes"], row["dislikes"])
                self.conn.execute(_insert_stats(len(chunk)), params)
            self._mark_gone_comments(posts, keys, seen, per_post)
        outcomes = tuple(outcome for post_outcomes in per_post for outcome in post_outcomes)
        return WriteResult(new, updated, unchanged, outcomes)

    def _by_board(self, sql: str, keys: Iterable[tuple[str, str, int]]) -> list[tuple[Any, ...]]:
        """``sql`` (its ``{}`` becomes ``post_id IN (…)``) run per board and chunk of ``keys``
        (:func:`history.per_board`); the rows it returns."""
        found: list[tuple[Any, ...]] = []
        for statement, params in history.per_board("?", sql, keys):
            found += self.conn.execute(statement, params).fetchall()
        return found

    def _stored_tracked(
        self, keys: list[tuple[str, str, int]]
    ) -> dict[tuple[str, str, int], tuple[Any, ...]]:
        """The tracked fields of the posts of ``keys`` already stored."""
        rows = self._by_board(
            f"SELECT site, board, post_id, {', '.join(TRACKED_FIELDS)} FROM posts "
            "WHERE site = ? AND board = ? AND {}",
            keys,
        )
        return {(r[0], r[1], r[2]): tuple(r[3:]) for r in rows}

    def _mark_gone_comments(
        self,
        posts: list[Mapping[str, Any]],
        keys: list[tuple[str, str, int]],
        seen: list[str],
        per_post: list[list[tuple[str, str, str]]],
    ) -> None:
        listed = [i for i, post in enumerate(posts) if post.get("comment_ids") is not None]
        gone = history.mark_gone_comments_of(
            self.conn.execute, "?", [(keys[i], posts[i]["comment_ids"], seen[i]) for i in listed]
        )
        for i, count in zip(listed, gone, strict=True):
            per_post[i].extend([(keys[i][0], keys[i][1], "comments/deleted")] * count)

    def _write_each(self, posts: list[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        """Post by post: a batch that holds a post twice (each sighting sees the one before
        it written), and the plain version the batched writer is tested against."""
        new = updated = unchanged = 0
        outcomes: list[tuple[str, str, str]] = []
        with self._transaction():
            for post in posts:
                key = (post["site"], post["board"], int(post["post_id"]))
                existing = self.conn.execute(_SELECT_TRACKED, key).fetchone()
                row = _to_row(post)
                seen_at = post.get("crawled_at") or datetime.now().astimezone().isoformat()
                if existing is None:
                    outcome = "new"
                    new += 1
                elif tuple(existing[1:]) != tuple(row[f] for f in TRACKED_FIELDS):
                    outcome = "updated"
                    updated += 1
                    if history.record_version(self.conn.execute, "?", key, post, seen_at):
                        outcomes.append((key[0], key[1], "edited"))
                else:
                    outcome = "unchanged"
                    unchanged += 1
                outcomes.append((key[0], key[1], outcome))
                values = [*key, *(row[c] for c in _COLUMNS), post.get("content_hash")]
                cursor = self.conn.execute(_UPSERT_POST, [*values, seen_at, seen_at])
                rowid = cursor.fetchone()[0]
                self.conn.execute(_CLEAR_FAILURE, key)
                self.conn.execute(_CLEAR_REFUSAL, key)
                self.conn.execute(
                    _INSERT_STATS,
                    (
                        rowid,
                        crawl_id,
                        seen_at,
                        row["views"],
                        row["comments"],
                        row["likes"],
                        row["dislikes"],
                    ),
                )
                if post.get("comment_ids") is not None:
                    gone = history.mark_gone_comments(
                        self.conn.execute, "?", key, post["comment_ids"], seen_at
                    )
                    outcomes.extend([(key[0], key[1], "comments/deleted")] * gone)
        return WriteResult(new, updated, unchanged, tuple(outcomes))

    def write_comments(self, comments: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        comments = list(comments)
        if not comments:
            return WriteResult()
        try:
            with self._transaction():
                outcomes = history.write_comments(
                    self.conn.execute, "?", comments, _now(), self.conn.executemany
                )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        return WriteResult(outcomes=tuple(outcomes))

    def mark_post_deleted(self, site: str, board: str, post_id: int, at: str) -> bool:
        try:
            with self._transaction():
                return history.mark_post_deleted(self.conn.execute, "?", (site, board, post_id), at)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def mark_unlisted_posts_deleted(
        self, site: str, board: str, listed: Iterable[int], at: str
    ) -> list[int]:
        try:
            with self._transaction():
                return history.mark_unlisted_posts_deleted(
                    self.conn.execute, "?", site, board, listed, at
                )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def iter_comments(
        self,
        site: str | None = None,
        board: str | None = None,
        since: datetime | None = None,
        include_deleted: bool = False,
    ) -> Iterator[dict[str, Any]]:
        yield from history.iter_comments(
            self.conn.execute,
            "?",
            site,
            board,
            since.isoformat() if since else None,
            include_deleted,
        )

    def iter_changes(self, since: datetime) -> Iterator[dict[str, Any]]:
        yield from history.iter_changes(self.conn.execute, "?", since.isoformat())

    def comment_counts(self, site: str, board: str) -> dict[str, int]:
        return history.comment_counts(self.conn.execute, "?", site, board)

    # -- reading ---------------------------------------------------------------------------------

    def known_posts(self, site: str, board: str, post_ids: Iterable[int]) -> dict[int, KnownPost]:
        ids = sorted({int(i) for i in post_ids})
        if not ids:
            return {}
        placeholders = ", ".join("?" * len(ids))
        params = [site, board, *ids]
        refused = self.conn.execute(
            f"SELECT post_id, reason FROM refusals "
            f"WHERE site = ? AND board = ? AND post_id IN ({placeholders})",
            params,
        ).fetchall()
        known = {r[0]: KnownPost(comments=None, published_at=None, refused=r[1]) for r in refused}
        rows = self.conn.execute(
            f"SELECT post_id, comments, published_at FROM posts "
            f"WHERE site = ? AND board = ? AND post_id IN ({placeholders})",
            params,
        ).fetchall()
        known.update({r[0]: KnownPost(comments=r[1], published_at=r[2]) for r in rows})
        return known

    def record_failure(
        self, site: str, board: str, post_id: int, url: str, reason: str, crawl_id: str
    ) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                (site, board, post_id, url, reason, crawl_id),
            )

    def record_refusal(
        self, site: str, board: str, post_id: int, reason: str, crawl_id: str
    ) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO refusals VALUES (?, ?, ?, ?, ?)",
                (site, board, post_id, reason, crawl_id),
            )
            self.conn.execute(
                "DELETE FROM failures WHERE site = ? AND board = ? AND post_id = ?",
                (site, board, post_id),
            )

    def record_alias(self, site: str, board: str, url: str, post_id: int) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO aliases VALUES (?, ?, ?, ?)", (site, board, url, post_id)
            )

    def known_aliases(self, site: str, board: str, urls: Iterable[str]) -> dict[str, int]:
        urls = sorted(set(urls))
        if not urls:
            return {}
        rows = self.conn.execute(
            f"SELECT url, post_id FROM aliases WHERE site = ? AND board = ? "
            f"AND url IN ({', '.join('?' * len(urls))})",
            [site, board, *urls],
        ).fetchall()
        return dict(rows)

    def failed_posts(self, site: str, board: str) -> list[tuple[int, str]]:
        return self.conn.execute(
            "SELECT post_id, url FROM failures WHERE site = ? AND board = ? ORDER BY post_id",
            (site, board),
        ).fetchall()

    def record_board(self, site: str, board: str, list_complete: bool, crawl_id: str) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO boards VALUES (?, ?, ?, ?)",
                (site, board, int(list_complete), crawl_id),
            )

    def board_list_complete(self, site: str, board: str) -> bool | None:
        row = self.conn.execute(
            "SELECT list_complete FROM boards WHERE site = ? AND board = ?", (site, board)
        ).fetchone()
        return None if row is None else bool(row[0])

    def first_with_content(
        self, content_hash: str, site: str, board: str, post_id: int
    ) -> str | None:
        # Only posts stored before this one count as "first": a re-seen original must not be
        # marked a duplicate of the copies that came after it.
        row = self.conn.execute(
            "SELECT url FROM posts WHERE content_hash = ? AND id < COALESCE("
            "(SELECT id FROM posts WHERE site = ? AND board = ? AND post_id = ?), "
            "9223372036854775807) ORDER BY id LIMIT 1",
            (content_hash, site, board, post_id),
        ).fetchone()
        return row[0] if row else None

    def iter_posts(
        self,
        site: str | None = None,
        board: str | None = None,
        since: datetime | None = None,
        include_duplicates: bool = True,
        search: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        match = None
        if search_words(search):
            match = (
                "id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)",
                fts_query(search),
            )
        where, params = export_filter(
            "?", site, board, since.isoformat() if since else None, include_duplicates, match
        )
        sql = f"SELECT site, board, post_id, {', '.join(_COLUMNS)} FROM posts{where}"
        sql += " ORDER BY published_at DESC, site, board, post_id DESC"
        cursor = self.conn.execute(sql, params)
        names = ["site", "board", "post_id", *_COLUMNS]
        for values in cursor:
            yield _from_row(dict(zip(names, values, strict=True)))

    def field_coverage(
        self, site: str, board: str, fields: Iterable[str], recent: int = 200
    ) -> tuple[int, dict[str, float]]:
        names = [name for name in fields if name in _COLUMNS]
        if not names:
            return 0, {}
        empty = {name: "'[]'" if name in LIST_FIELDS else "''" for name in names}
        shares = ", ".join(
            f"AVG(CASE WHEN {n} IS NULL OR {n} = {empty[n]} THEN 0.0 ELSE 1.0 END)" for n in names
        )
        row = self.conn.execute(
            f"SELECT COUNT(*), {shares} FROM (SELECT {', '.join(names)} FROM posts "
            "WHERE site = ? AND board = ? ORDER BY last_seen_at DESC LIMIT ?)",
            (site, board, recent),
        ).fetchone()
        if not row or not row[0]:
            return 0, {}
        return row[0], {name: float(share) for name, share in zip(names, row[1:], strict=True)}

    def stats_history(self, site: str, board: str, post_id: int) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT s.crawl_id, s.seen_at, s.views, s.comments, s.likes, s.dislikes "
            "FROM post_stats s JOIN posts p ON p.id = s.post_rowid "
            "WHERE p.site = ? AND p.board = ? AND p.post_id = ? ORDER BY s.seen_at",
            (site, board, post_id),
        ).fetchall()
        keys = ("crawl_id", "seen_at", "views", "comments", "likes", "dislikes")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def count_posts(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0]

    def board_summaries(self) -> list[BoardSummary]:
        return summarize_boards(self.conn.execute, "sqlite", lambda value: value)

    # -- copying (scrapy migrate) ----------------------------------------------------------------

    def dump(self) -> Iterator[tuple[str, dict[str, Any]]]:
        names = ["site", "board", "post_id", *_COLUMNS, "content_hash"]
        names += ["first_seen_at", "last_seen_at"]
        for values in self.conn.execute(f"SELECT {', '.join(names)} FROM posts ORDER BY id"):
            yield "posts", _from_row(dict(zip(names, values, strict=True)))
        stats = ("site", "board", "post_id", "crawl_id", "seen_at", *_COUNT_COLUMNS)
        for values in self.conn.execute(
            "SELECT p.site, p.board, p.post_id, s.crawl_id, s.seen_at, s.views, s.comments, "
            "s.likes, s.dislikes FROM post_stats s JOIN posts p ON p.id = s.post_rowid "
            "ORDER BY s.post_rowid, s.seen_at, s.crawl_id"
        ):
            yield "post_stats", dict(zip(stats, values, strict=True))
        for table, (columns, _) in PLAIN_TABLES.items():
            for values in self.conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(columns)}"
            ):
                row = dict(zip(columns, values, strict=True))
                if "list_complete" in row:
                    row["list_complete"] = bool(row["list_complete"])
                yield table, row
        yield from history.dump_rows(self.conn.execute)

    def load(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        rows = list(rows)
        try:
            with self._transaction():
                for row in rows:
                    self._load_row(table, row)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        return len(rows)

    def _load_row(self, table: str, source: Mapping[str, Any]) -> None:
        if table == "posts":
            row = _to_row(source)
            names = ["site", "board", "post_id", *_COLUMNS, "content_hash"]
            values = [source["site"], source["board"], int(source["post_id"])]
            values += [*(row[c] for c in _COLUMNS), source.get("content_hash")]
            updates = ", ".join(f"{c} = excluded.{c}" for c in names[3:])
            self.conn.execute(
                f"INSERT INTO posts ({', '.join(names)}, first_seen_at, last_seen_at) "
                f"VALUES ({', '.join('?' * (len(names) + 2))}) "
                f"ON CONFLICT (site, board, post_id) DO UPDATE SET {updates}, "
                "first_seen_at = min(first_seen_at, excluded.first_seen_at), "
                "last_seen_at = max(last_seen_at, excluded.last_seen_at)",
                [*values, source["first_seen_at"], source["last_seen_at"]],
            )
        elif table == "post_stats":
            self.conn.execute(
                "INSERT OR REPLACE INTO post_stats SELECT id, ?, ?, ?, ?, ?, ? FROM posts "
                "WHERE site = ? AND board = ? AND post_id = ?",
                (
                    source["crawl_id"],
                    source["seen_at"],
                    *(source[c] for c in _COUNT_COLUMNS),
                    source["site"],
                    source["board"],
                    source["post_id"],
                ),
            )
        elif table in history.TABLES:
            history.load_rows(self.conn.execute, "?", table, [source])
        else:
            columns = PLAIN_TABLES[table][0]
            values = [int(source[c]) if c == "list_complete" else source[c] for c in columns]
            self.conn.execute(
                f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                values,
            )

    def close(self) -> None:
        self.conn.close()


_COUNT_COLUMNS = ("views", "comments", "likes", "dislikes")


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error (autocommit connection underneath)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


#: ``json.dumps(…, ensure_ascii=False)`` builds an encoder per call (≈ 1 µs, six list fields a
#: post); one made once writes the same text.
_LIST_JSON = json.JSONEncoder(ensure_ascii=False)


def _to_row(post: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _COLUMNS:
        value = post.get(name)
        if name in LIST_FIELDS:
            value = _LIST_JSON.encode(list(value)) if value else "[]"
        elif name == "is_notice":
            value = None if value is None else int(bool(value))
        row[name] = value
    return row


def _from_row(row: dict[str, Any]) -> dict[str, Any]:
    for name in LIST_FIELDS:
        row[name] = json.loads(row[name]) if row.get(name) else []
    if row.get("is_notice") is not None:
        row["is_notice"] = bool(row["is_notice"])
    return row
