"""The SQLite store's batched post writer against its post-by-post one (``_write_each``), and
the batched comment lookup against the per-comment one (``history.write_comments_each``).

Random runs of batches over two boards, each post new, re-seen unchanged, re-seen with new
counts or an edited title or body, with stored comments some of which its page no longer
lists, waiting failures and refusals, and now and then a batch that holds a post twice (which
the batched writer hands to ``_write_each``), comments seen again, edited, deleted and back,
now and then twice in a batch: every table, the full-text index term by term and
position by position, and each ``WriteResult`` must be the same from both.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from newsbot.pipelines.dedupe import content_hash
from newsbot.storage import history
from newsbot.storage.sqlite import SQLiteStore

WORDS = ["환율", "금리", "속보", "서울", "news", "update", "시장", "정부"]


def random_post(rng: random.Random, board: str, post_id: int, hour: int) -> dict[str, Any]:
    title = " ".join(rng.choices(WORDS, k=rng.randint(1, 3)))
    body = " ".join(rng.choices(WORDS, k=rng.randint(0, 12))) or None
    post: dict[str, Any] = {
        "site": "ex.com",
        "board": board,
        "post_id": post_id,
        "url": f"https://ex.com/bbs/board.php?bo_table={board}&wr_id={post_id}",
        "title": title,
        "body_text": body,
        "views": rng.choice([None, 1, 5, 10]),
        "comments": rng.randint(0, 3),
        "likes": rng.choice([None, 0, 2]),
        "image_urls": rng.choice([[], ["https://ex.com/a.jpg"]]),
        "is_notice": rng.choice([None, False, True]),
        "crawled_at": f"2026-03-15T{hour:02d}:{rng.randint(0, 59):02d}:00+09:00",
    }
    if rng.random() < 0.7:
        post["comment_ids"] = sorted(rng.sample(range(1, 8), rng.randint(0, 4)))
    post["content_hash"] = content_hash(post["title"], post["body_text"])
    post["duplicate_of"] = rng.choice([None, None, "https://ex.com/other"])
    return post


def random_batches(seed: int) -> list[tuple[str, Any]]:
    """Steps: ("posts", batch), ("comments", batch), ("failure"/"refusal", key)."""
    rng = random.Random(seed)
    steps: list[tuple[str, Any]] = []
    for hour in range(rng.randint(2, 6)):
        batch = []
        for _ in range(rng.randint(1, 30)):
            board = rng.choice(["news", "free"])
            batch.append(random_post(rng, board, rng.randint(1, 25), hour))
        if steps and rng.random() < 0.3:  # an earlier batch seen again as it was
            earlier = rng.choice([value for kind, value in steps if kind == "posts"])
            batch += [dict(p, crawled_at=f"2026-03-15T{hour:02d}:30:00+09:00") for p in earlier]
        if rng.random() < 0.7:  # a post at most once, as the dedupe pipeline hands them over
            batch = list({(p["board"], p["post_id"]): p for p in batch}.values())
        for _ in range(rng.randint(0, 3)):
            kind = rng.choice(["failure", "refusal"])
            steps.append((kind, (rng.choice(["news", "free"]), rng.randint(1, 25))))
        steps.append(("posts", batch))
        comments = [
            {
                "site": "ex.com",
                "board": post["board"],
                "post_id": post["post_id"],
                "comment_id": comment_id,
                "url": f"{post['url']}#c_{comment_id}",
                "body_text": rng.choice(WORDS),
                "crawled_at": post["crawled_at"],
            }
            for post in batch
            for comment_id in rng.sample(range(1, 8), rng.randint(0, 3))
        ]
        if comments and rng.random() < 0.2:  # a comment twice in a batch: one at a time
            comments.append(dict(rng.choice(comments), body_text=rng.choice(WORDS)))
        steps.append(("comments", comments))
    return steps


def replay(
    path: Path, steps: list[tuple[str, Any]], each: bool, rows_per_statement: int = 0
) -> tuple[list, list, list]:
    store = SQLiteStore(path)
    store.rows_per_statement = rows_per_statement or store.rows_per_statement
    if each:
        store._write = store._write_each  # type: ignore[method-assign]
    write_comments = history.write_comments
    if each:  # the stores pass their executemany too: comment by comment takes none

        def write_comments(execute, ph, comments, seen_at, executemany=None):
            return history.write_comments_each(execute, ph, comments, seen_at)

    results = []
    try:
        for kind, value in steps:
            if kind == "posts":
                results.append(store.write([dict(p) for p in value], "crawl"))
            elif kind == "comments":
                with mock.patch.object(history, "write_comments", write_comments):
                    results.append(store.write_comments(value, "crawl"))
            elif kind == "failure":
                store.record_failure("ex.com", value[0], value[1], "u", "timeout", "crawl")
            else:
                store.record_refusal("ex.com", value[0], value[1], "secret", "crawl")
        rows = [(table, sorted(row.items())) for table, row in store.dump()]
        store.conn.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, posts_fts, instance)"
        )
        terms = store.conn.execute("SELECT * FROM temp.terms ORDER BY 1, 2, 3, 4").fetchall()
    finally:
        store.close()
    return results, rows, terms


@pytest.mark.parametrize("seed", range(40))
def test_batched_writer_equals_post_by_post(tmp_path: Path, seed: int) -> None:
    steps = random_batches(seed)
    each = replay(tmp_path / "each.sqlite3", steps, each=True)
    batched = replay(tmp_path / "batched.sqlite3", steps, each=False)
    assert batched[0] == each[0]
    assert batched[1] == each[1]
    assert batched[2] == each[2]


def test_the_random_runs_reach_every_case(tmp_path: Path) -> None:
    """The runs above are only a test if they hold what the batched writer must get right."""
    outcomes: set[str] = set()
    for seed in range(40):
        results, _rows, _terms = replay(tmp_path / f"{seed}.sqlite3", random_batches(seed), False)
        outcomes |= {outcome for result in results for _s, _b, outcome in result.outcomes}
    assert outcomes >= {"new", "updated", "unchanged", "edited", "comments/deleted"}
    assert outcomes >= {"comments/new", "comments/updated", "comments/unchanged"}


def test_a_batch_larger_than_one_statement(tmp_path: Path) -> None:
    rng = random.Random(7)
    batch = [random_post(rng, "news", post_id, 1) for post_id in range(1, 251)]
    again = [random_post(rng, "news", post_id, 2) for post_id in range(1, 251)]
    steps: list[tuple[str, Any]] = [("posts", batch), ("posts", again)]
    each = replay(tmp_path / "each.sqlite3", steps, each=True)
    assert replay(tmp_path / "batched.sqlite3", steps, each=False) == each
    # a SQLite built with a lower parameter limit: smaller statements, the same rows
    assert replay(tmp_path / "small.sqlite3", steps, each=False, rows_per_statement=7) == each


def test_statements_stay_within_the_parameter_limit(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "db.sqlite3")
    limit = store.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    assert store.rows_per_statement >= 1 and store.rows_per_statement * 38 <= limit
    store.close()


@pytest.mark.parametrize("seed", range(10))
def test_gone_comments_found_at_once_equal_one_post_at_a_time(tmp_path: Path, seed: int) -> None:
    """``mark_gone_comments_of`` (PostgreSQL's writer hands it a post twice when a batch holds
    it twice) against ``mark_gone_comments`` called post after post."""
    rng = random.Random(seed)
    posts = [
        (
            ("ex.com", rng.choice(["news", "free"]), rng.randint(1, 4)),
            sorted(rng.sample(range(1, 6), rng.randint(0, 4))),
            f"2026-03-15T{hour:02d}:00:00+09:00",
        )
        for hour in range(rng.randint(1, 8))
    ]
    comments = [
        {
            "site": "ex.com",
            "board": board,
            "post_id": post_id,
            "comment_id": comment_id,
            "url": "u",
            "crawled_at": "2026-03-14T00:00:00+09:00",
        }
        for board in ("news", "free")
        for post_id in range(1, 5)
        for comment_id in range(1, 6)
        if rng.random() < 0.6
    ]
    results = []
    for name, at_once in (("one", False), ("all", True)):
        store = SQLiteStore(tmp_path / f"{name}.sqlite3")
        store.write_comments(comments, "crawl")
        execute = store.conn.execute
        if at_once:
            counts = history.mark_gone_comments_of(execute, "?", posts)
        else:
            counts = [history.mark_gone_comments(execute, "?", *post) for post in posts]
        rows = execute(
            "SELECT * FROM comments ORDER BY site, board, post_id, comment_id"
        ).fetchall()
        results.append((counts, rows))
        store.close()
    assert results[0] == results[1]
