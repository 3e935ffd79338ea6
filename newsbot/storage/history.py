"""Comments and what changed: the SQL both backends share (schema version 3).

- ``comments``: one row per (site, board, post_id, comment_id), upserted; a comment gone from a
  re-fetched post gets ``deleted_at`` (never deleted), one edited in place gets its new text and
  ``edited_at``; one that comes back loses ``deleted_at``.
- ``post_versions``: the previous title/body of a post whose re-fetched title or body changed,
  with the time span it was seen (``seen_from`` .. ``seen_until``).
- ``posts.deleted_at``: a stored post that now answers as deleted (gnuboard's
  ``글이 존재하지 않습니다`` alert).

Every function takes the backend's ``execute(sql, params) -> cursor`` and its parameter
placeholder (``?`` or ``%s``). Times in these tables are ISO 8601 text (``+09:00``) on both
backends, so they compare as text and dump/load unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from newsbot.items import COMMENT_FIELDS
from newsbot.storage.base import export_filter

Execute = Callable[[str, Any], Any]
ExecuteMany = Callable[[str, list[Any]], Any]

KEY = ("site", "board", "post_id", "comment_id")
#: The ``comments`` columns beside the key, in schema order.
COMMENT_COLUMNS = tuple(f for f in COMMENT_FIELDS if f not in KEY)
#: A change in one of these makes a re-read comment "updated" (an edit when the text changed).
COMMENT_TRACKED = tuple(f for f in COMMENT_COLUMNS if f not in ("url", "crawled_at"))
_INTEGERS = frozenset({"parent_comment_id", "depth", "likes", "dislikes", "is_secret"})
VERSION_COLUMNS = (
    "site",
    "board",
    "post_id",
    "title",
    "body_text",
    "content_hash",
    "seen_from",
    "seen_until",
)
#: ``dump``/``load`` order of the tables this module adds; ``post_deletions`` carries
#: ``posts.deleted_at`` (a column of posts, copied after them).
TABLES = ("comments", "post_versions", "post_deletions")


def schema(integer_type: str, add_column: str = "ADD COLUMN IF NOT EXISTS") -> tuple[str, ...]:
    """The statements that take a version-2 database of either backend to version 3 (SQLite
    has no ``IF NOT EXISTS`` for columns: its store skips a column already there)."""
    columns = ", ".join(
        f"{c} {integer_type if c in _INTEGERS else 'TEXT'}" for c in COMMENT_COLUMNS
    )
    return (
        f"CREATE TABLE IF NOT EXISTS comments (site TEXT NOT NULL, board TEXT NOT NULL, "
        f"post_id {integer_type} NOT NULL, comment_id {integer_type} NOT NULL, {columns}, "
        "first_seen_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, edited_at TEXT, "
        "deleted_at TEXT, PRIMARY KEY (site, board, post_id, comment_id))",
        "CREATE TABLE IF NOT EXISTS post_versions (site TEXT NOT NULL, board TEXT NOT NULL, "
        f"post_id {integer_type} NOT NULL, title TEXT, body_text TEXT, content_hash TEXT, "
        "seen_from TEXT NOT NULL, seen_until TEXT NOT NULL, "
        "PRIMARY KEY (site, board, post_id, seen_until))",
        f"ALTER TABLE posts {add_column} deleted_at TEXT",
    )


def _row(comment: Mapping[str, Any]) -> list[Any]:
    values = []
    for name in COMMENT_COLUMNS:
        value = comment.get(name)
        if name == "is_secret":
            value = int(bool(value))
        values.append(value)
    return values


def write_comments(
    execute: Execute,
    ph: str,
    comments: Iterable[Mapping[str, Any]],
    seen_at: str,
    executemany: ExecuteMany | None = None,
) -> list[tuple[str, str, str]]:
    """Upsert comments; an unchanged one is not written at all. Returns (site, board, outcome)
    per comment, outcome ``comments/new``, ``comments/updated`` or ``comments/unchanged``.

    The stored comments of the batch's posts are read by one query per board (and 500 posts),
    not one per comment (a statement each on SQLite, a round trip each on PostgreSQL). The
    comments' keys are distinct, so no comment's write changes what another one was compared
    with; a batch holding a comment twice goes through :func:`write_comments_each`. With
    ``executemany`` (the backend's), consecutive writes by the same statement go as one call,
    in the same order: SQLite binds and steps them in C, psycopg pipelines them (one round trip
    where there was one a comment).
    """
    comments = list(comments)
    keys = [(c["site"], c["board"], int(c["post_id"]), int(c["comment_id"])) for c in comments]
    if len(set(keys)) < len(keys):
        return write_comments_each(execute, ph, comments, seen_at)
    stored_by_key = _stored_comments(execute, ph, keys)
    _select, upsert, upsert_edited = _comment_statements(ph)
    text = COMMENT_TRACKED.index("body_text")
    outcomes = []
    run_statement, run = upsert, []  # the writes not made yet, all by ``run_statement``
    for comment, key in zip(comments, keys, strict=True):
        row = _row(comment)
        at = comment.get("crawled_at") or seen_at
        stored = stored_by_key.get(key)
        tracked = [row[i] for i in _TRACKED_INDEXES]
        if stored is not None and list(stored[:-1]) == tracked and stored[-1] is None:
            outcomes.append((key[0], key[1], "comments/unchanged"))
            continue
        outcome = "comments/new" if stored is None else "comments/updated"
        edited = stored is not None and stored[text] != tracked[text]
        statement = upsert_edited if edited else upsert
        if statement is not run_statement:
            _write_run(execute, executemany, run_statement, run)
            run_statement, run = statement, []
        run.append([*key, *row, at, at])
        outcomes.append((key[0], key[1], outcome))
    _write_run(execute, executemany, run_statement, run)
    return outcomes


def _write_run(
    execute: Execute, executemany: ExecuteMany | None, statement: str, params: list[list[Any]]
) -> None:
    if executemany is not None and len(params) > 1:
        executemany(statement, params)
        return
    for each in params:
        execute(statement, each)


#: Post ids per ``IN (…)`` of a statement run per board (:func:`per_board`).
POSTS_PER_STATEMENT = 500


def per_board(
    ph: str, sql: str, keys: Iterable[tuple[str, str, int]]
) -> Iterator[tuple[str, list[Any]]]:
    """``sql`` and its parameters for each board of ``keys`` ((site, board, post_id) each,
    repeats allowed) and each chunk of its post ids: the batched writers' one statement per
    board where they had one per post. ``sql`` asks ``site = {ph} AND board = {ph}`` before its
    ``{}``, which becomes ``post_id IN (…)``."""
    by_board: dict[tuple[str, str], set[int]] = {}
    for site, board, post_id in keys:
        by_board.setdefault((site, board), set()).add(post_id)
    for (site, board), ids in by_board.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), POSTS_PER_STATEMENT):
            chunk = ordered[start : start + POSTS_PER_STATEMENT]
            yield sql.format(f"post_id IN ({', '.join([ph] * len(chunk))})"), [site, board, *chunk]


def _stored_comments(
    execute: Execute, ph: str, keys: list[tuple[str, str, int, int]]
) -> dict[tuple[str, str, int, int], tuple[Any, ...]]:
    """The tracked fields and ``deleted_at`` of the stored comments of the posts of ``keys``
    (as the per-comment SELECT of :func:`write_comments_each` returns them), by key."""
    stored: dict[tuple[str, str, int, int], tuple[Any, ...]] = {}
    select = (
        f"SELECT post_id, comment_id, {', '.join(COMMENT_TRACKED)}, deleted_at FROM comments "
        f"WHERE site = {ph} AND board = {ph} AND {{}}"
    )
    posts = [(site, board, post_id) for site, board, post_id, _comment_id in keys]
    for statement, params in per_board(ph, select, posts):
        site, board = params[:2]
        for row in execute(statement, params).fetchall():
            stored[(site, board, row[0], row[1])] = tuple(row[2:])
    return stored


def write_comments_each(
    execute: Execute, ph: str, comments: Iterable[Mapping[str, Any]], seen_at: str
) -> list[tuple[str, str, str]]:
    """:func:`write_comments` comment by comment, each looked up and written on its own: for a
    batch that holds a comment twice (the second sees the first written), and the plain
    version the batched writer is tested against."""
    select, upsert, upsert_edited = _comment_statements(ph)
    text = COMMENT_TRACKED.index("body_text")
    outcomes = []
    for comment in comments:
        key = [comment["site"], comment["board"], int(comment["post_id"])]
        key.append(int(comment["comment_id"]))
        row = _row(comment)
        at = comment.get("crawled_at") or seen_at
        stored = execute(select, key).fetchone()
        tracked = [row[i] for i in _TRACKED_INDEXES]
        if stored is not None and list(stored[:-1]) == tracked and stored[-1] is None:
            outcomes.append((key[0], key[1], "comments/unchanged"))
            continue
        outcome = "comments/new" if stored is None else "comments/updated"
        edited = stored is not None and stored[text] != tracked[text]
        execute(upsert_edited if edited else upsert, [*key, *row, at, at])
        outcomes.append((key[0], key[1], outcome))
    return outcomes


_TRACKED_INDEXES = tuple(COMMENT_COLUMNS.index(c) for c in COMMENT_TRACKED)


@functools.cache
def _comment_statements(ph: str) -> tuple[str, str, str]:
    """The comment writer's SELECT and upserts (plain, and marking an edit) for a backend's
    placeholder; built once per backend rather than per comment (≈5 µs of string joins each)."""
    where = " AND ".join(f"{k} = {ph}" for k in KEY)
    select = f"SELECT {', '.join(COMMENT_TRACKED)}, deleted_at FROM comments WHERE {where}"
    columns = [*KEY, *COMMENT_COLUMNS, "first_seen_at", "last_seen_at"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*COMMENT_COLUMNS, "last_seen_at"])
    upsert = (
        f"INSERT INTO comments ({', '.join(columns)}) "
        f"VALUES ({', '.join([ph] * len(columns))}) "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}, deleted_at = NULL"
    )
    return select, upsert, upsert + ", edited_at = excluded.last_seen_at"


def mark_gone_comments(
    execute: Execute, ph: str, key: tuple[str, str, int], comment_ids: Iterable[int], at: str
) -> int:
    """Stored comments of a re-read post that its page no longer prints get ``deleted_at``."""
    ids = sorted({int(i) for i in comment_ids})
    not_in = f" AND comment_id NOT IN ({', '.join([ph] * len(ids))})" if ids else ""
    cursor = execute(
        f"UPDATE comments SET deleted_at = {ph} WHERE site = {ph} AND board = {ph} "
        f"AND post_id = {ph} AND deleted_at IS NULL{not_in}",
        [at, *key, *ids],
    )
    return max(cursor.rowcount, 0)


def mark_gone_comments_of(
    execute: Execute, ph: str, posts: list[tuple[tuple[str, str, int], Iterable[int], str]]
) -> list[int]:
    """:func:`mark_gone_comments` for each ``(key, comment_ids, at)`` in turn, run only for
    the posts that have a stored live comment missing from their ids (for the others it would
    change no row): one query per board (and 500 posts) finds them. Returns how many each
    marked. A post given twice sees what its first turn marked, as one call after the other."""
    live: dict[tuple[str, str, int], set[int]] = {}
    select = (
        f"SELECT post_id, comment_id FROM comments WHERE site = {ph} AND board = {ph} "
        "AND {} AND deleted_at IS NULL"
    )
    for statement, params in per_board(ph, select, (key for key, _ids, _at in posts)):
        site, board = params[:2]
        for post_id, comment_id in execute(statement, params).fetchall():
            live.setdefault((site, board, post_id), set()).add(comment_id)
    counts = []
    for key, comment_ids, at in posts:
        ids = {int(i) for i in comment_ids}
        stored = live.get(key)
        if not stored or stored <= ids:
            counts.append(0)
            continue
        counts.append(mark_gone_comments(execute, ph, key, ids, at))
        live[key] = stored & ids
    return counts


def record_version(
    execute: Execute, ph: str, key: tuple[str, str, int], post: Mapping[str, Any], at: str
) -> bool:
    """Keep the stored title/body as a version when the re-read post's differ. True if kept."""
    where = f"site = {ph} AND board = {ph} AND post_id = {ph}"
    stored = execute(
        f"SELECT title, body_text, content_hash, first_seen_at FROM posts WHERE {where}", key
    ).fetchone()
    if stored is None or (stored[0], stored[1]) == (post.get("title"), post.get("body_text")):
        return False
    last = execute(f"SELECT MAX(seen_until) FROM post_versions WHERE {where}", key).fetchone()
    seen_from = (last and last[0]) or _iso(stored[3])
    execute(
        f"INSERT INTO post_versions ({', '.join(VERSION_COLUMNS)}) "
        f"VALUES ({', '.join([ph] * len(VERSION_COLUMNS))}) ON CONFLICT DO NOTHING",
        [*key, stored[0], stored[1], stored[2], seen_from, at],
    )
    return True


def mark_post_deleted(execute: Execute, ph: str, key: tuple[str, str, int], at: str) -> bool:
    cursor = execute(
        f"UPDATE posts SET deleted_at = {ph} WHERE site = {ph} AND board = {ph} "
        f"AND post_id = {ph} AND deleted_at IS NULL",
        [at, *key],
    )
    return cursor.rowcount > 0


def mark_unlisted_posts_deleted(
    execute: Execute, ph: str, site: str, board: str, listed: Iterable[int], at: str
) -> list[int]:
    """After a full run read a board's whole list: its stored live posts the list no longer
    shows get ``deleted_at``. Returns their ids."""
    ids = sorted({int(i) for i in listed})
    where = f"site = {ph} AND board = {ph} AND deleted_at IS NULL"
    if ids:
        where += f" AND post_id NOT IN ({', '.join([ph] * len(ids))})"
    gone = [
        r[0]
        for r in execute(f"SELECT post_id FROM posts WHERE {where}", [site, board, *ids]).fetchall()
    ]
    if gone:
        execute(f"UPDATE posts SET deleted_at = {ph} WHERE {where}", [at, site, board, *ids])
    return sorted(gone)


def iter_comments(
    execute: Execute,
    ph: str,
    site: str | None = None,
    board: str | None = None,
    since: str | None = None,
    include_deleted: bool = False,
) -> Iterator[dict[str, Any]]:
    # the posts' export filter (site, board, published since), and live comments only
    clause, params = export_filter(ph, site, board, since, include_duplicates=True)
    if not include_deleted:
        clause += (" AND " if clause else " WHERE ") + "deleted_at IS NULL"
    columns = [*KEY, *COMMENT_COLUMNS]
    cursor = execute(
        f"SELECT {', '.join(columns)} FROM comments{clause} "
        "ORDER BY site, board, post_id DESC, comment_id",
        params,
    )
    for values in cursor.fetchall():
        row = dict(zip(columns, values, strict=True))
        row["is_secret"] = bool(row["is_secret"])
        yield row


CHANGE_FIELDS = (
    "change",
    "at",
    "site",
    "board",
    "post_id",
    "comment_id",
    "url",
    "title",
    "body_text",
)


def iter_changes(execute: Execute, ph: str, since: str) -> Iterator[dict[str, Any]]:
    """Edits and deletions of posts and comments at or after ``since`` (ISO text), oldest
    first: ``post_edited`` (the text before the edit), ``post_deleted``, ``comment_edited``
    (the text now), ``comment_deleted``."""
    queries = (
        "SELECT 'post_edited', v.seen_until, v.site, v.board, v.post_id, NULL, p.url, v.title, "
        "v.body_text FROM post_versions v JOIN posts p ON p.site = v.site AND p.board = v.board "
        f"AND p.post_id = v.post_id WHERE v.seen_until >= {ph}",
        "SELECT 'post_deleted', deleted_at, site, board, post_id, NULL, url, title, body_text "
        f"FROM posts WHERE deleted_at >= {ph}",
        "SELECT 'comment_edited', edited_at, site, board, post_id, comment_id, url, NULL, "
        f"body_text FROM comments WHERE edited_at >= {ph}",
        "SELECT 'comment_deleted', deleted_at, site, board, post_id, comment_id, url, NULL, "
        f"body_text FROM comments WHERE deleted_at >= {ph}",
    )
    rows: list[dict[str, Any]] = []
    for sql in queries:
        for values in execute(sql, [since]).fetchall():
            rows.append(dict(zip(CHANGE_FIELDS, values, strict=True)))
    rows.sort(key=lambda r: (r["at"], r["site"], r["board"], r["post_id"], r["comment_id"] or 0))
    yield from rows


def comment_counts(execute: Execute, ph: str, site: str, board: str) -> dict[str, int]:
    """Stored comments of a board: live and deleted."""
    row = execute(
        "SELECT COUNT(*), SUM(CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END) FROM comments "
        f"WHERE site = {ph} AND board = {ph}",
        [site, board],
    ).fetchone()
    return {"comments": int(row[0] or 0), "deleted": int(row[1] or 0)}


def dump_rows(execute: Execute) -> Iterator[tuple[str, dict[str, Any]]]:
    comment_columns = [*KEY, *COMMENT_COLUMNS, "first_seen_at", "last_seen_at"]
    comment_columns += ["edited_at", "deleted_at"]
    for table, columns, order in (
        ("comments", comment_columns, "site, board, post_id, comment_id"),
        ("post_versions", list(VERSION_COLUMNS), "site, board, post_id, seen_until"),
    ):
        for values in execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}", []
        ).fetchall():
            yield table, dict(zip(columns, values, strict=True))
    deletions = ("site", "board", "post_id", "deleted_at")
    for values in execute(
        "SELECT site, board, post_id, deleted_at FROM posts WHERE deleted_at IS NOT NULL "
        "ORDER BY site, board, post_id",
        [],
    ).fetchall():
        yield "post_deletions", dict(zip(deletions, values, strict=True))


def load_rows(execute: Execute, ph: str, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    if table == "post_deletions":
        for row in rows:
            execute(
                f"UPDATE posts SET deleted_at = {ph} WHERE site = {ph} AND board = {ph} "
                f"AND post_id = {ph}",
                [row["deleted_at"], row["site"], row["board"], row["post_id"]],
            )
        return
    key = KEY if table == "comments" else ("site", "board", "post_id", "seen_until")
    for source in rows:
        columns = list(source)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
        execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([ph] * len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}",
            [source[c] for c in columns],
        )


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
