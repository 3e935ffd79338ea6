"""SQLiteStore against a real SQLite file: upserts, history, duplicates, bad files, locks."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from newsbot.pipelines.dedupe import content_hash
from newsbot.storage import StoreError
from newsbot.storage.sqlite import SCHEMA_VERSION, SQLiteStore


def post(post_id: int = 1, board: str = "news", **fields) -> dict:
    base = {
        "site": "ex.com",
        "board": board,
        "post_id": post_id,
        "url": f"https://ex.com/bbs/board.php?bo_table={board}&wr_id={post_id}",
        "title": f"제목 {post_id}",
        "body_text": f"본문 {post_id}",
        "published_at": "2023-09-05T14:10:00+09:00",
        "views": 10,
        "comments": 0,
        "image_urls": ["https://ex.com/data/file/a.jpg"],
        "attachments": [{"name": "a.pdf", "url": "https://ex.com/bbs/download.php?no=0"}],
        "is_notice": False,
        "crawled_at": "2026-03-15T10:00:00+09:00",
    }
    base.update(fields)
    base.setdefault("content_hash", content_hash(base["title"], base["body_text"]))
    return base


@pytest.fixture
def store(tmp_path: Path):
    store = SQLiteStore(tmp_path / "db.sqlite3")
    yield store
    store.close()


def test_new_then_unchanged_then_updated(store: SQLiteStore) -> None:
    assert store.write([post()], "c1").new == 1
    assert store.write([post(crawled_at="2026-03-15T11:00:00+09:00")], "c2").unchanged == 1
    result = store.write([post(views=99, crawled_at="2026-03-15T12:00:00+09:00")], "c3")
    assert result.updated == 1
    (row,) = list(store.iter_posts())
    assert row["views"] == 99
    assert row["image_urls"] == ["https://ex.com/data/file/a.jpg"]
    assert row["attachments"][0]["name"] == "a.pdf"
    assert row["is_notice"] is False
    history = store.stats_history("ex.com", "news", 1)
    assert [h["views"] for h in history] == [10, 10, 99]


def test_first_seen_is_kept_last_seen_moves(store: SQLiteStore) -> None:
    store.write([post(crawled_at="2026-03-15T10:00:00+09:00")], "c1")
    store.write([post(crawled_at="2026-03-16T10:00:00+09:00")], "c2")
    first, last = store.conn.execute("SELECT first_seen_at, last_seen_at FROM posts").fetchone()
    assert first.startswith("2026-03-15") and last.startswith("2026-03-16")


def test_unique_key_holds_even_within_one_batch(store: SQLiteStore) -> None:
    store.write([post(), post(views=11)], "c1")
    assert store.conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0] == 1


def test_known_posts(store: SQLiteStore) -> None:
    store.write([post(1, comments=3), post(2)], "c1")
    known = store.known_posts("ex.com", "news", [1, 2, 3])
    assert set(known) == {1, 2}
    assert known[1].comments == 3
    assert store.known_posts("ex.com", "other", [1]) == {}


def test_first_with_content_only_looks_back(store: SQLiteStore) -> None:
    original = post(1, title="같은 기사", body_text="같은 본문")
    copy = post(7, board="other", title="같은 기사", body_text="같은  본문!")
    assert original["content_hash"] == copy["content_hash"]
    store.write([original], "c1")
    assert store.first_with_content(copy["content_hash"], "ex.com", "other", 7) == original["url"]
    store.write([{**copy, "duplicate_of": original["url"]}], "c1")
    # the original, seen again, is not a duplicate of the copy that came after it
    assert store.first_with_content(original["content_hash"], "ex.com", "news", 1) is None


def test_export_filters(store: SQLiteStore) -> None:
    store.write(
        [
            post(1, published_at="2023-01-01T00:00:00+09:00"),
            post(2, board="free", published_at="2024-01-01T00:00:00+09:00"),
            post(3, duplicate_of="https://ex.com/x"),
        ],
        "c1",
    )
    assert {p["post_id"] for p in store.iter_posts(board="free")} == {2}
    assert {p["post_id"] for p in store.iter_posts(include_duplicates=False)} == {1, 2}
    from datetime import datetime

    since = datetime.fromisoformat("2023-06-01T00:00:00+09:00")
    assert {p["post_id"] for p in store.iter_posts(since=since)} == {2, 3}


def test_not_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "not.sqlite3"
    bogus.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"not\.sqlite3"):
        SQLiteStore(bogus)


def test_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot"):
        SQLiteStore(blocker / "sub" / "db.sqlite3")


def test_locked_database_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    SQLiteStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    released.start()
    store = SQLiteStore(path, timeout=5)
    started = time.monotonic()
    store.write([post()], "c1")
    assert time.monotonic() - started >= 0.3
    store.close()
    holder.close()


def test_locked_database_past_the_bound_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    SQLiteStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store = SQLiteStore(path, timeout=0.2)
    with pytest.raises(StoreError, match="locked"):
        store.write([post()], "c1")
    holder.execute("ROLLBACK")
    holder.close()
    store.close()


def test_wal_mode_and_schema_version(store: SQLiteStore) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def search(store: SQLiteStore, words: str) -> list[int]:
    return sorted(p["post_id"] for p in store.iter_posts(search=words))


def test_full_text_search_follows_every_write(store: SQLiteStore) -> None:
    store.write(
        [
            post(1, title="원·달러 환율이 1,380원대 마감", body_text="외환시장 마감 시황"),
            post(2, title="도서관 야간 개방", body_text="환율과 무관한 동네 소식"),
            post(3, title="오늘 첫눈", body_text="눈이 왔어요"),
        ],
        "c1",
    )
    assert search(store, "환율") == [1, 2]  # 환율이, 환율과: a Korean stem finds its forms
    assert search(store, "환율 마감") == [1]  # every word
    assert search(store, "첫눈") == [3]
    assert search(store, '"AND -:*') == []  # FTS5 syntax in the words stays literal
    store.write([post(3, title="오늘 첫눈 소식", body_text="환율 걱정 없는 눈")], "c2")
    assert search(store, "환율") == [1, 2, 3]
    store.write([post(2, title="도서관 야간 개방", body_text="동네 소식")], "c3")
    assert search(store, "환율") == [1, 3]
    integrity = "INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 1)"
    store.conn.execute(integrity)  # raises when the index and posts disagree


def test_a_version_1_database_is_migrated_and_indexed(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    store = SQLiteStore(path)
    store.write([post(1, title="환율 급등"), post(2, title="날씨")], "c1")
    # take it back to what newsbot with schema version 1 left on disk
    store.conn.executescript(
        "DROP TRIGGER posts_fts_insert; DROP TRIGGER posts_fts_delete; "
        "DROP TRIGGER posts_fts_update; DROP TABLE posts_fts; UPDATE schema_version SET version = 1;"
    )
    store.close()
    reopened = SQLiteStore(path)
    assert reopened.conn.execute("SELECT version FROM schema_version").fetchone()[0] == 2
    assert search(reopened, "환율") == [1]
    reopened.close()
