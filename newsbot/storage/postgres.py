"""``PostgresStore``: one database shared by many workers (psycopg 3, one connection per store).

The tables and their meaning are :mod:`newsbot.storage.sqlite`'s; the types are PostgreSQL's:
``published_at``, ``crawled_at``, ``first_seen_at``, ``last_seen_at`` and ``seen_at`` are
``timestamptz`` (read back as ISO 8601 in Asia/Seoul, ``+09:00``), list fields ``jsonb``,
``is_notice`` and ``list_complete`` ``boolean``.

A batch is one transaction and a handful of round trips whatever its size: one SELECT of what
is stored for the batch's keys, then the ``INSERT … ON CONFLICT`` upserts and the ``post_stats``
rows as pipelined ``executemany``, and one DELETE per table of cleared failures and refusals.

The schema is created and migrated on open (``schema_version`` as in SQLite) under a
transaction-level advisory lock, so workers that start together on a fresh database do not race.
A connection lost half-way (server restart, network) fails that call with :class:`StoreError`;
the next call connects again, so the store pipeline's kept batch is written on its next try.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from newsbot.incremental import KnownPost
from newsbot.items import LIST_FIELDS
from newsbot.normalize import KST
from newsbot.storage import DatabaseUrl, history
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
#: What the full-text search reads: title and body as words ('simple': no stemming, Hangul
#: split on spaces and punctuation; a search word matches a word or its start).
SEARCH_DOCUMENT = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body_text, ''))"
#: Statements that take a database from version N-1 to N, in order; N = the key.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (f"CREATE INDEX IF NOT EXISTS posts_search ON posts USING GIN ({SEARCH_DOCUMENT})",),
    3: history.schema("BIGINT"),
}
#: pg_advisory_xact_lock key held while the schema is created or migrated ("newsbot schema").
SCHEMA_LOCK_KEY = 0x6E657773_62736368
TIMESTAMP_COLUMNS = frozenset({"published_at", "crawled_at", "first_seen_at", "last_seen_at"})
_COUNT_COLUMNS = ("views", "comments", "likes", "dislikes")


def _column_type(name: str) -> str:
    if name in LIST_FIELDS:
        return "JSONB"
    if name in TIMESTAMP_COLUMNS:
        return "TIMESTAMPTZ"
    if name in _COUNT_COLUMNS:
        return "BIGINT"
    if name == "is_notice":
        return "BOOLEAN"
    return "TEXT"


_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site TEXT NOT NULL,
    board TEXT NOT NULL,
    post_id BIGINT NOT NULL,
    {", ".join(f"{c} {_column_type(c)}" for c in POST_COLUMNS)},
    content_hash TEXT,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    UNIQUE (site, board, post_id)
);
CREATE INDEX IF NOT EXISTS posts_content_hash ON posts (content_hash);
CREATE INDEX IF NOT EXISTS posts_published_at ON posts (published_at);
{plain_tables_ddl("BIGINT", "BOOLEAN")}
CREATE TABLE IF NOT EXISTS post_stats (
    post_rowid BIGINT NOT NULL REFERENCES posts (id),
    crawl_id TEXT NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL,
    views BIGINT,
    comments BIGINT,
    likes BIGINT,
    dislikes BIGINT,
    PRIMARY KEY (post_rowid, crawl_id)
);
"""

_KEY_IN_BATCH = (
    "(site, board, post_id) IN (SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[]))"
)
_STORED_COLUMNS = [*POST_COLUMNS, "content_hash"]
_UPSERT_POST = (
    f"INSERT INTO posts (site, board, post_id, {', '.join(_STORED_COLUMNS)}, "
    f"first_seen_at, last_seen_at) VALUES ({', '.join(['%s'] * (len(_STORED_COLUMNS) + 5))}) "
    "ON CONFLICT (site, board, post_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STORED_COLUMNS)
    # readable again (a moderator restored it): no longer deleted
    + ", last_seen_at = excluded.last_seen_at, deleted_at = NULL RETURNING id"
)
_UPSERT_STATS = (
    "INSERT INTO post_stats VALUES (%s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (post_rowid, crawl_id) DO UPDATE SET seen_at = excluded.seen_at, "
    "views = excluded.views, comments = excluded.comments, likes = excluded.likes, "
    "dislikes = excluded.dislikes"
)
#: ``migrate``: a copied post keeps the earliest first sighting and the latest last one.
_LOAD_POST = (
    f"INSERT INTO posts (site, board, post_id, {', '.join(_STORED_COLUMNS)}, "
    f"first_seen_at, last_seen_at) VALUES ({', '.join(['%s'] * (len(_STORED_COLUMNS) + 5))}) "
    "ON CONFLICT (site, board, post_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STORED_COLUMNS)
    + ", first_seen_at = LEAST(posts.first_seen_at, excluded.first_seen_at)"
    ", last_seen_at = GREATEST(posts.last_seen_at, excluded.last_seen_at)"
)
_LOAD_STATS = (
    "INSERT INTO post_stats SELECT id, %s, %s, %s, %s, %s, %s FROM posts "
    "WHERE site = %s AND board = %s AND post_id = %s "
    "ON CONFLICT (post_rowid, crawl_id) DO UPDATE SET seen_at = excluded.seen_at, "
    "views = excluded.views, comments = excluded.comments, likes = excluded.likes, "
    "dislikes = excluded.dislikes"
)


class PostgresStore:
    def __init__(self, dsn: str, timeout: float = 30.0) -> None:
        self.dsn = dsn
        self.shown = DatabaseUrl("postgresql", dsn).shown
        self.timeout = timeout
        self._conn: psycopg.Connection | None = None
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"cannot open PostgreSQL database {self.shown}: {exc}") from exc

    @property
    def conn(self) -> psycopg.Connection:
        """The store's connection, connected again when the last one was lost."""
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
            self._conn = psycopg.connect(
                self.dsn,
                autocommit=True,
                connect_timeout=max(2, round(self.timeout)),
                application_name="newsbot",
            )
            self._conn.execute("SET TIME ZONE 'Asia/Seoul'")
            # a row lock another worker holds is waited for as long as SQLite's busy timeout
            self._conn.execute(f"SET lock_timeout = {max(1, round(self.timeout * 1000))}")
        return self._conn

    def _migrate(self) -> None:
        conn = self.conn
        row = conn.execute(
            "SELECT to_regclass('schema_version') IS NOT NULL AND "
            "to_regclass('post_stats') IS NOT NULL"
        ).fetchone()
        if row and row[0]:
            version = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            if version and version[0] == SCHEMA_VERSION:
                return
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_KEY,))
            conn.execute(_SCHEMA)
            version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if version is None:  # a new database: the base schema is version 1
                conn.execute("INSERT INTO schema_version VALUES (1)")
                version = 1
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.shown} has schema version {version}; this newsbot knows up to "
                    f"{SCHEMA_VERSION} — upgrade newsbot"
                )
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = %s", (step,))

    def _guarded(self, what: str, call, *args: Any) -> Any:
        try:
            return call(*args)
        except psycopg.Error as exc:
            raise StoreError(f"cannot {what} {self.shown}: {exc}") from exc

    # -- writing ---------------------------------------------------------------------------------

    def write(self, posts: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        posts = list(posts)
        if not posts:
            return WriteResult()
        return self._guarded("write to", self._write, posts, crawl_id)

    def _write(self, posts: list[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        keys = [(p["site"], p["board"], int(p["post_id"])) for p in posts]
        rows = [_to_row(p) for p in posts]
        key_arrays = _key_arrays(keys)
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        outcomes: list[tuple[str, str, str]] = []
        conn = self.conn
        with conn.transaction(), conn.cursor() as cur:
            cur.execute(
                f"SELECT site, board, post_id, {', '.join(TRACKED_FIELDS)} FROM posts "
                f"WHERE {_KEY_IN_BATCH}",
                key_arrays,
            )
            stored = {tuple(r[:3]): tuple(r[3:]) for r in cur.fetchall()}
            title_body = [TRACKED_FIELDS.index("title"), TRACKED_FIELDS.index("body_text")]
            for key, row, post in zip(keys, rows, posts, strict=True):
                before = stored.get(key)
                if before is not None and [before[i] for i in title_body] != [
                    row["title"],
                    row["body_text"],
                ]:
                    at = _iso(row["crawled_at"]) or _iso(datetime.now(KST))
                    if history.record_version(cur.execute, "%s", key, post, at):
                        outcomes.append((key[0], key[1], "edited"))
            for key, row in zip(keys, rows, strict=True):
                tracked = tuple(row[f] for f in TRACKED_FIELDS)
                before = stored.get(key)
                outcome = (
                    "new" if before is None else "unchanged" if before == tracked else "updated"
                )
                stored[key] = tracked  # a repeat in the same batch compares with this one
                counts[outcome] += 1
                outcomes.append((key[0], key[1], outcome))
            seen = [row["crawled_at"] or datetime.now(KST) for row in rows]
            cur.executemany(
                _UPSERT_POST,
                [
                    [*key, *(row[c] for c in _STORED_COLUMNS), at, at]
                    for key, row, at in zip(keys, rows, seen, strict=True)
                ],
                returning=True,
            )
            rowids = []
            while True:
                rowids.append(cur.fetchone()[0])
                if not cur.nextset():
                    break
            for table in ("failures", "refusals"):
                cur.execute(f"DELETE FROM {table} WHERE {_KEY_IN_BATCH}", key_arrays)
            cur.executemany(
                _UPSERT_STATS,
                [
                    (rowid, crawl_id, at, *(row[c] for c in _COUNT_COLUMNS))
                    for rowid, row, at in zip(rowids, rows, seen, strict=True)
                ],
            )
            # one query finds the posts with stored comments their page no longer lists (a
            # round trip per post before); only those get the UPDATE
            listed = [
                (key, post["comment_ids"], _iso(at) or "")
                for key, post, at in zip(keys, posts, seen, strict=True)
                if post.get("comment_ids") is not None
            ]
            for (key, _ids, _at), gone in zip(
                listed, history.mark_gone_comments_of(cur.execute, "%s", listed), strict=True
            ):
                outcomes.extend([(key[0], key[1], "comments/deleted")] * gone)
        return WriteResult(**counts, outcomes=tuple(outcomes))

    def write_comments(self, comments: Iterable[Mapping[str, Any]], crawl_id: str) -> WriteResult:
        comments = list(comments)
        if not comments:
            return WriteResult()

        def write() -> WriteResult:
            with self.conn.transaction(), self.conn.cursor() as cur:
                now = _iso(datetime.now(KST)) or ""
                return WriteResult(
                    outcomes=tuple(
                        history.write_comments(cur.execute, "%s", comments, now, cur.executemany)
                    )
                )

        return self._guarded("write to", write)

    def mark_post_deleted(self, site: str, board: str, post_id: int, at: str) -> bool:
        def mark() -> bool:
            with self.conn.transaction(), self.conn.cursor() as cur:
                return history.mark_post_deleted(cur.execute, "%s", (site, board, post_id), at)

        return self._guarded("write to", mark)

    def mark_unlisted_posts_deleted(
        self, site: str, board: str, listed: Iterable[int], at: str
    ) -> list[int]:
        def mark() -> list[int]:
            with self.conn.transaction(), self.conn.cursor() as cur:
                return history.mark_unlisted_posts_deleted(
                    cur.execute, "%s", site, board, listed, at
                )

        return self._guarded("write to", mark)

    def iter_comments(
        self,
        site: str | None = None,
        board: str | None = None,
        since: datetime | None = None,
        include_deleted: bool = False,
    ) -> Iterator[dict[str, Any]]:
        with self.conn.cursor() as cur:
            yield from history.iter_comments(
                cur.execute, "%s", site, board, _iso(since) if since else None, include_deleted
            )

    def iter_changes(self, since: datetime) -> Iterator[dict[str, Any]]:
        with self.conn.cursor() as cur:
            yield from history.iter_changes(cur.execute, "%s", _iso(since) or "")

    def comment_counts(self, site: str, board: str) -> dict[str, int]:
        with self.conn.cursor() as cur:
            return history.comment_counts(cur.execute, "%s", site, board)

    def record_failure(
        self, site: str, board: str, post_id: int, url: str, reason: str, crawl_id: str
    ) -> None:
        self._guarded(
            "write to",
            self.conn.execute,
            "INSERT INTO failures VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (site, board, post_id) DO UPDATE SET url = excluded.url, "
            "reason = excluded.reason, crawl_id = excluded.crawl_id",
            (site, board, post_id, url, reason, crawl_id),
        )

    def record_refusal(
        self, site: str, board: str, post_id: int, reason: str, crawl_id: str
    ) -> None:
        def record() -> None:
            with self.conn.transaction():
                self.conn.execute(
                    "INSERT INTO refusals VALUES (%s, %s, %s, %s, %s) "
                    "ON CONFLICT (site, board, post_id) DO UPDATE SET "
                    "reason = excluded.reason, crawl_id = excluded.crawl_id",
                    (site, board, post_id, reason, crawl_id),
                )
                self.conn.execute(
                    "DELETE FROM failures WHERE site = %s AND board = %s AND post_id = %s",
                    (site, board, post_id),
                )

        self._guarded("write to", record)

    def record_alias(self, site: str, board: str, url: str, post_id: int) -> None:
        self._guarded(
            "write to",
            self.conn.execute,
            "INSERT INTO aliases VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (site, board, url) DO UPDATE SET post_id = excluded.post_id",
            (site, board, url, post_id),
        )

    def record_board(self, site: str, board: str, list_complete: bool, crawl_id: str) -> None:
        self._guarded(
            "write to",
            self.conn.execute,
            "INSERT INTO boards VALUES (%s, %s, %s, %s) ON CONFLICT (site, board) DO UPDATE "
            "SET list_complete = excluded.list_complete, crawl_id = excluded.crawl_id",
            (site, board, bool(list_complete), crawl_id),
        )

    # -- reading ---------------------------------------------------------------------------------

    def _fetchall(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        return self._guarded("read", lambda: self.conn.execute(sql, params).fetchall())

    def known_posts(self, site: str, board: str, post_ids: Iterable[int]) -> dict[int, KnownPost]:
        ids = sorted({int(i) for i in post_ids})
        if not ids:
            return {}
        params = (site, board, ids)
        refused = self._fetchall(
            "SELECT post_id, reason FROM refusals "
            "WHERE site = %s AND board = %s AND post_id = ANY(%s)",
            params,
        )
        known = {r[0]: KnownPost(comments=None, published_at=None, refused=r[1]) for r in refused}
        rows = self._fetchall(
            "SELECT post_id, comments, published_at FROM posts "
            "WHERE site = %s AND board = %s AND post_id = ANY(%s)",
            params,
        )
        known.update({r[0]: KnownPost(comments=r[1], published_at=_iso(r[2])) for r in rows})
        return known

    def known_aliases(self, site: str, board: str, urls: Iterable[str]) -> dict[str, int]:
        urls = sorted(set(urls))
        if not urls:
            return {}
        rows = self._fetchall(
            "SELECT url, post_id FROM aliases WHERE site = %s AND board = %s AND url = ANY(%s)",
            (site, board, urls),
        )
        return dict(rows)

    def failed_posts(self, site: str, board: str) -> list[tuple[int, str]]:
        return self._fetchall(
            "SELECT post_id, url FROM failures WHERE site = %s AND board = %s ORDER BY post_id",
            (site, board),
        )

    def board_list_complete(self, site: str, board: str) -> bool | None:
        rows = self._fetchall(
            "SELECT list_complete FROM boards WHERE site = %s AND board = %s", (site, board)
        )
        return rows[0][0] if rows else None

    def first_with_content(
        self, content_hash: str, site: str, board: str, post_id: int
    ) -> str | None:
        # As in SQLite: only posts stored before this one count as "first".
        rows = self._fetchall(
            "SELECT url FROM posts WHERE content_hash = %s AND id < COALESCE("
            "(SELECT id FROM posts WHERE site = %s AND board = %s AND post_id = %s), "
            "9223372036854775807) ORDER BY id LIMIT 1",
            (content_hash, site, board, post_id),
        )
        return rows[0][0] if rows else None

    def iter_posts(
        self,
        site: str | None = None,
        board: str | None = None,
        since: datetime | None = None,
        include_duplicates: bool = True,
        search: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        words = search_words(search)
        match = None
        if words:
            # every word, as a word or the start of one (\w+ words need no tsquery quoting)
            match = (
                f"{SEARCH_DOCUMENT} @@ to_tsquery('simple', %s)",
                " & ".join(f"{w}:*" for w in words),
            )
        where, params = export_filter("%s", site, board, since, include_duplicates, match)
        sql = f"SELECT site, board, post_id, {', '.join(POST_COLUMNS)} FROM posts{where}"
        # SQLite's order: NULL dates last, text compared byte by byte
        sql += (
            ' ORDER BY published_at DESC NULLS LAST, site COLLATE "C", board COLLATE "C", '
            "post_id DESC"
        )
        names = ["site", "board", "post_id", *POST_COLUMNS]
        for values in self._stream(sql, params):
            yield _from_row(dict(zip(names, values, strict=True)))

    def _stream(self, sql: str, params: Any = ()) -> Iterator[tuple[Any, ...]]:
        """Rows through a server-side cursor: an export of millions never sits in memory."""
        try:
            with self.conn.transaction(), self.conn.cursor(name="newsbot_stream") as cur:
                cur.itersize = 2000
                cur.execute(sql, params)
                yield from cur
        except psycopg.Error as exc:
            raise StoreError(f"cannot read {self.shown}: {exc}") from exc

    def field_coverage(
        self, site: str, board: str, fields: Iterable[str], recent: int = 200
    ) -> tuple[int, dict[str, float]]:
        names = [name for name in fields if name in POST_COLUMNS]
        if not names:
            return 0, {}
        shares = ", ".join(f"AVG(CASE WHEN {_is_empty(n)} THEN 0.0 ELSE 1.0 END)" for n in names)
        rows = self._fetchall(
            f"SELECT COUNT(*), {shares} FROM (SELECT {', '.join(names)} FROM posts "
            "WHERE site = %s AND board = %s ORDER BY last_seen_at DESC LIMIT %s) AS recent",
            (site, board, recent),
        )
        if not rows or not rows[0][0]:
            return 0, {}
        count, *values = rows[0]
        return count, {name: float(share) for name, share in zip(names, values, strict=True)}

    def stats_history(self, site: str, board: str, post_id: int) -> list[dict[str, Any]]:
        rows = self._fetchall(
            "SELECT s.crawl_id, s.seen_at, s.views, s.comments, s.likes, s.dislikes "
            "FROM post_stats s JOIN posts p ON p.id = s.post_rowid "
            "WHERE p.site = %s AND p.board = %s AND p.post_id = %s ORDER BY s.seen_at",
            (site, board, post_id),
        )
        keys = ("crawl_id", "seen_at", "views", "comments", "likes", "dislikes")
        return [dict(zip(keys, (r[0], _iso(r[1]), *r[2:]), strict=True)) for r in rows]

    def count_posts(self) -> int:
        return self._fetchall("SELECT COUNT(*) FROM posts")[0][0]

    def board_summaries(self) -> list[BoardSummary]:
        return summarize_boards(self._fetchall, "postgresql", _iso)

    # -- copying (scrapy migrate) ----------------------------------------------------------------

    def dump(self) -> Iterator[tuple[str, dict[str, Any]]]:
        names = ["site", "board", "post_id", *_STORED_COLUMNS, "first_seen_at", "last_seen_at"]
        for values in self._stream(f"SELECT {', '.join(names)} FROM posts ORDER BY id"):
            row = _from_row(dict(zip(names, values, strict=True)))
            yield "posts", row
        stats = ("site", "board", "post_id", "crawl_id", "seen_at", *_COUNT_COLUMNS)
        for values in self._stream(
            "SELECT p.site, p.board, p.post_id, s.crawl_id, s.seen_at, s.views, s.comments, "
            "s.likes, s.dislikes FROM post_stats s JOIN posts p ON p.id = s.post_rowid "
            "ORDER BY s.post_rowid, s.seen_at, s.crawl_id"
        ):
            row = dict(zip(stats, values, strict=True))
            row["seen_at"] = _iso(row["seen_at"])
            yield "post_stats", row
        for table, (columns, _) in PLAIN_TABLES.items():
            # byte order, as SQLite sorts text, so both backends dump alike
            order = ", ".join(
                c if c in ("post_id", "list_complete") else f'{c} COLLATE "C"' for c in columns
            )
            for values in self._stream(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
            ):
                yield table, dict(zip(columns, values, strict=True))
        with self.conn.cursor() as cur:
            yield from history.dump_rows(cur.execute)

    def load(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        return self._guarded("write to", self._load, table, list(rows))

    def _load(self, table: str, rows: list[Mapping[str, Any]]) -> int:
        if not rows:
            return 0
        with self.conn.transaction(), self.conn.cursor() as cur:
            if table == "posts":
                params = []
                for post in rows:
                    row = _to_row(post)
                    key = (post["site"], post["board"], int(post["post_id"]))
                    seen = (_timestamp(post["first_seen_at"]), _timestamp(post["last_seen_at"]))
                    params.append([*key, *(row[c] for c in _STORED_COLUMNS), *seen])
                cur.executemany(_LOAD_POST, params)
            elif table == "post_stats":
                cur.executemany(
                    _LOAD_STATS,
                    [
                        (
                            r["crawl_id"],
                            _timestamp(r["seen_at"]),
                            *(r[c] for c in _COUNT_COLUMNS),
                            r["site"],
                            r["board"],
                            r["post_id"],
                        )
                        for r in rows
                    ],
                )
            elif table in history.TABLES:
                history.load_rows(cur.execute, "%s", table, rows)
            else:
                columns, key_size = PLAIN_TABLES[table]
                updates = ", ".join(f"{c} = excluded.{c}" for c in columns[key_size:])
                cur.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(columns))}) "
                    f"ON CONFLICT ({', '.join(columns[:key_size])}) DO UPDATE SET {updates}",
                    [[bool(r[c]) if c == "list_complete" else r[c] for c in columns] for r in rows],
                )
        return len(rows)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _is_empty(column: str) -> str:
    """SQL that is true when a post lacks ``column`` (what SQLite stores as '' or '[]')."""
    kind = _column_type(column)
    if kind == "JSONB":
        return f"({column} IS NULL OR {column} = '[]'::jsonb)"
    if kind == "TEXT":
        return f"({column} IS NULL OR {column} = '')"
    return f"{column} IS NULL"


def _key_arrays(keys: list[tuple[str, str, int]]) -> tuple[list[str], list[str], list[int]]:
    return [k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]


def _timestamp(value: Any) -> datetime | None:
    """An ISO 8601 string (or datetime) as an aware datetime; a naive one is taken as KST."""
    if value is None or value == "":
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return parsed.replace(tzinfo=KST) if parsed.tzinfo is None else parsed


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(KST).isoformat()


def _to_row(post: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _STORED_COLUMNS:
        value = post.get(name)
        if name in LIST_FIELDS:
            value = Jsonb(list(value or []))
        elif name in TIMESTAMP_COLUMNS:
            value = _timestamp(value)
        elif name == "is_notice":
            value = None if value is None else bool(value)
        row[name] = value
    return row


def _from_row(row: dict[str, Any]) -> dict[str, Any]:
    for name in LIST_FIELDS:
        row[name] = row.get(name) or []
    for name in TIMESTAMP_COLUMNS & row.keys():
        row[name] = _iso(row[name])
    return row
