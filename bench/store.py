"""Store only: ``SQLiteStore.write`` in batches of ``NEWSBOT_STORE_BATCH_SIZE``, rows/s.

Rows are real loaded items of the benchmark board (as the store pipeline hands them over:
``ItemAdapter(item).asdict()`` plus ``content_hash`` and ``duplicate_of``), repeated with fresh
``post_id``/``url`` up to ``rows``. Two passes into a fresh database in the work directory:
``new`` (every row inserted) and ``unchanged`` (the same rows again under a second crawl id, the
incremental case: one SELECT and one upsert per row, a ``post_stats`` row each). Only the
``write`` calls are timed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from newsbot.storage.sqlite import SQLiteStore


def measure_store(
    items: list[dict[str, Any]], rows: int, batch_size: int, workdir: Path
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
    store = SQLiteStore(path)
    try:
        results = {}
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
    return {
        "batch_size": batch_size,
        "rows": rows,
        "db_mb": round(path.stat().st_size / 1e6, 1),
        **results,
    }
