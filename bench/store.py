"""Store only: ``SQLiteStore.write`` and ``PostgresStore.write`` in batches, rows/s.

Rows are real loaded items of the benchmark board (as the store pipeline hands them over:
``ItemAdapter(item).asdict()`` plus ``content_hash`` and ``duplicate_of``), repeated with fresh
``post_id``/``url`` up to ``rows``. Two passes into a fresh database in the work directory:
``new`` (every row inserted) and ``unchanged`` (the same rows again under a second crawl id, the
incremental case: one SELECT and one upsert per row, a ``post_stats`` row each). Only the
``write`` calls are timed.

PostgreSQL gets the same rows in a database of its own (``newsbot_bench_<random>``, created
through the maintenance database ``pg_url`` names and dropped after), over TCP on loopback; its
figures are also given as a ratio to SQLite's from the same run. An unreachable server skips it
with the reason in the results.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from newsbot.storage import PostStore
from newsbot.storage.postgres import PostgresStore
from newsbot.storage.sqlite import SQLiteStore

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def measure_store(
    items: list[dict[str, Any]],
    rows: int,
    batch_size: int,
    workdir: Path,
    pg_url: str | None = DEFAULT_PG_URL,
) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "store-bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    prepared = []
    for index in range(rows):
        row = dict(items[index % len(items)])
        post_id = index + 1
        row["post_id"] = post_id
        row["url"] = row["url"].rsplit("wr_id=", 1)[0] + f"wr_id={post_id}"
        prepared.append(row)
    batches = [prepared[i : i + batch_size] for i in range(0, rows, batch_size)]
    results: dict[str, Any] = {
        "batch_size": batch_size,
        "rows": rows,
        **_timed_writes(lambda: SQLiteStore(path), batches, rows),
        "db_mb": round(path.stat().st_size / 1e6, 1),
    }
    if pg_url:
        results["postgresql"] = _measure_postgres(pg_url, batches, rows, results)
    return results


def _timed_writes(
    open_store: Callable[[], PostStore], batches: list[list[dict[str, Any]]], rows: int
) -> dict[str, Any]:
    """Both passes (new, unchanged) into a fresh store."""
    store = open_store()
    results = {}
    try:
        for crawl_id, label in (("store-bench-1", "new"), ("store-bench-2", "unchanged")):
            started = time.perf_counter()
            counted = 0
            for batch in batches:
                result = store.write(batch, crawl_id)
                counted += getattr(result, label)
            elapsed = time.perf_counter() - started
            results[label] = {
                "rows": rows,
                "counted_as": counted,
                "seconds": round(elapsed, 3),
                "rows_per_s": round(rows / elapsed, 1),
            }
    finally:
        store.close()
    return results


def _measure_postgres(
    pg_url: str, batches: list[list[dict[str, Any]]], rows: int, sqlite: dict[str, Any]
) -> dict[str, Any]:
    try:
        admin = psycopg.connect(pg_url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        return {"skipped": f"PostgreSQL not reachable: {str(exc).strip().splitlines()[0]}"}
    name = f"newsbot_bench_{secrets.token_hex(4)}"
    parts = urlsplit(pg_url)
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
            results = _timed_writes(lambda: PostgresStore(url), batches, rows)
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for label in ("new", "unchanged"):
        results[label]["vs_sqlite"] = round(
            results[label]["rows_per_s"] / sqlite[label]["rows_per_s"], 2
        )
    return results
