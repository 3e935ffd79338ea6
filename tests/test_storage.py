"""The storage contract on every backend (a real SQLite file, a real PostgreSQL schema), then
what is particular to each: bad files and busy locks in SQLite, unreachable servers in PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import psycopg
import pytest

from newsbot.pipelines.dedupe import content_hash
from newsbot.storage import PostStore, StoreError, open_store_at, parse_db_url
from newsbot.storage.postgres import PostgresStore
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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store of each backend lives, as NEWSBOT_DB names it."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "db.sqlite3")


@pytest.fixture
def store(db_url: str):
    store = open_store_at(db_url)
    yield store
    store.close()


def dumped(store: PostStore, table: str) -> list[dict]:
    return [row for name, row in store.dump() if name == table]


def test_new_then_unchanged_then_updated(store: PostStore) -> None:
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


def test_first_seen_is_kept_last_seen_moves(store: PostStore) -> None:
    store.write([post(crawled_at="2026-03-15T10:00:00+09:00")], "c1")
    store.write([post(crawled_at="2026-03-16T10:00:00+09:00")], "c2")
    (row,) = dumped(store, "posts")
    assert row["first_seen_at"] == "2026-03-15T10:00:00+09:00"
    assert row["last_seen_at"] == "2026-03-16T10:00:00+09:00"


def test_unique_key_holds_even_within_one_batch(store: PostStore) -> None:
    result = store.write([post(), post(views=11)], "c1")
    assert (result.new, result.updated) == (1, 1)
    assert store.count_posts() == 1
    assert [h["views"] for h in store.stats_history("ex.com", "news", 1)] == [11]


def test_a_stored_post_clears_its_failure_and_refusal(store: PostStore) -> None:
    store.record_failure("ex.com", "news", 1, post(1)["url"], "http_500", "c1")
    store.record_failure("ex.com", "news", 2, post(2)["url"], "timeout", "c1")
    store.record_failure("ex.com", "news", 2, post(2)["url"], "http_503", "c2")
    assert store.failed_posts("ex.com", "news") == [(1, post(1)["url"]), (2, post(2)["url"])]
    assert [r["reason"] for r in dumped(store, "failures")] == ["http_500", "http_503"]
    store.record_refusal("ex.com", "news", 2, "secret", "c2")
    assert store.failed_posts("ex.com", "news") == [(1, post(1)["url"])]
    assert store.known_posts("ex.com", "news", [2])[2].refused == "secret"
    store.write([post(1), post(2)], "c3")
    assert store.failed_posts("ex.com", "news") == []
    assert dumped(store, "refusals") == []
    assert store.known_posts("ex.com", "news", [2])[2].refused is None


def test_aliases_and_board_completeness(store: PostStore) -> None:
    slug = "https://ex.com/news/제목-슬러그/"
    assert store.known_aliases("ex.com", "news", [slug]) == {}
    store.record_alias("ex.com", "news", slug, 5)
    store.record_alias("ex.com", "news", slug, 6)
    assert store.known_aliases("ex.com", "news", [slug, "https://ex.com/x"]) == {slug: 6}
    assert store.known_aliases("ex.com", "free", [slug]) == {}
    assert store.board_list_complete("ex.com", "news") is None
    store.record_board("ex.com", "news", False, "c1")
    assert store.board_list_complete("ex.com", "news") is False
    store.record_board("ex.com", "news", True, "c2")
    assert store.board_list_complete("ex.com", "news") is True


def test_timestamps_read_back_as_written_in_kst(store: PostStore) -> None:
    store.write([post(published_at="2023-09-05T14:10:00+09:00")], "c1")
    ((row,), known) = list(store.iter_posts()), store.known_posts("ex.com", "news", [1])
    assert row["published_at"] == known[1].published_at == "2023-09-05T14:10:00+09:00"
    assert row["crawled_at"] == "2026-03-15T10:00:00+09:00"
    (seen,) = store.stats_history("ex.com", "news", 1)
    assert seen["seen_at"] == "2026-03-15T10:00:00+09:00"


def test_export_order_is_the_same_on_every_backend(store: PostStore) -> None:
    store.write(
        [
            post(1, published_at=None),
            post(2, site="b.example", published_at="2024-01-01T00:00:00+09:00"),
            post(3, site="B.example", published_at="2024-01-01T00:00:00+09:00"),
            post(4, published_at="2024-01-01T00:00:00+09:00"),
            post(5, published_at="2025-01-01T00:00:00+09:00"),
        ],
        "c1",
    )
    assert [p["post_id"] for p in store.iter_posts()] == [5, 3, 2, 4, 1]


def test_known_posts(store: PostStore) -> None:
    store.write([post(1, comments=3), post(2)], "c1")
    known = store.known_posts("ex.com", "news", [1, 2, 3])
    assert set(known) == {1, 2}
    assert known[1].comments == 3
    assert store.known_posts("ex.com", "other", [1]) == {}


def test_first_with_content_only_looks_back(store: PostStore) -> None:
    original = post(1, title="같은 기사", body_text="같은 본문")
    copy = post(7, board="other", title="같은 기사", body_text="같은  본문!")
    assert original["content_hash"] == copy["content_hash"]
    store.write([original], "c1")
    assert store.first_with_content(copy["content_hash"], "ex.com", "other", 7) == original["url"]
    store.write([{**copy, "duplicate_of": original["url"]}], "c1")
    # the original, seen again, is not a duplicate of the copy that came after it
    assert store.first_with_content(original["content_hash"], "ex.com", "news", 1) is None


def test_export_filters(store: PostStore) -> None:
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


def test_a_store_copied_into_another_equals_it(store: PostStore, tmp_path: Path) -> None:
    store.write([post(1), post(2, board="free", comments=2)], "c1")
    store.write([post(1, views=50, crawled_at="2026-03-16T10:00:00+09:00")], "c2")
    store.record_failure("ex.com", "news", 9, post(9)["url"], "timeout", "c2")
    store.record_refusal("ex.com", "news", 8, "secret", "c2")
    store.record_alias("ex.com", "news", "https://ex.com/news/slug/", 1)
    store.record_board("ex.com", "news", True, "c2")
    copy = SQLiteStore(tmp_path / "copy.sqlite3")
    for _ in range(2):  # twice: a copy is idempotent
        for table in ("posts", "post_stats", "failures", "refusals", "aliases", "boards"):
            copy.load(table, dumped(store, table))
    assert list(copy.dump()) == list(store.dump())
    assert list(copy.iter_posts()) == list(store.iter_posts())
    copy.close()


@pytest.mark.parametrize(
    ("value", "kind", "target"),
    [
        ("data/newsbot.sqlite3", "sqlite", "data/newsbot.sqlite3"),
        ("sqlite:///data/db.sqlite3", "sqlite", "data/db.sqlite3"),
        ("sqlite:////var/lib/newsbot.sqlite3", "sqlite", "/var/lib/newsbot.sqlite3"),
        (
            "postgresql://newsbot@db.internal/news",
            "postgresql",
            "postgresql://newsbot@db.internal/news",
        ),
        ("postgres://u:pw@h:5433/d", "postgresql", "postgres://u:pw@h:5433/d"),
    ],
)
def test_newsbot_db_names_the_backend(value: str, kind: str, target: str) -> None:
    url = parse_db_url(value)
    assert (url.kind, url.target) == (kind, target)
    assert "pw" not in url.shown


def test_unknown_database_scheme_is_refused_without_its_password() -> None:
    with pytest.raises(StoreError, match="unknown database scheme") as info:
        parse_db_url("mysql://root:hunter2@db/news")
    assert "hunter2" not in str(info.value)


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


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "db.sqlite3")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    store.close()


def test_postgres_schema_types_and_version(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.write([post()], "c1")
    types = dict(
        store.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'posts' AND table_schema = current_schema()"
        ).fetchall()
    )
    assert types["published_at"] == types["first_seen_at"] == "timestamp with time zone"
    assert (types["image_urls"], types["is_notice"]) == ("jsonb", "boolean")
    assert store.conn.execute("SELECT version FROM schema_version").fetchall() == [(3,)]
    store.close()
    PostgresStore(pg_url).close()  # opening again migrates nothing and adds no version row
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 1


def test_workers_opening_a_fresh_database_together_do_not_race(pg_url: str) -> None:
    errors: list[StoreError] = []

    def open_one() -> None:
        try:
            PostgresStore(pg_url).close()
        except StoreError as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_unreachable_postgres_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open PostgreSQL database") as info:
        PostgresStore("postgresql://newsbot:s3cret@127.0.0.1:9/news", timeout=2)
    assert "s3cret" not in str(info.value)
    assert "127.0.0.1:9" in str(info.value)


def test_a_lost_connection_fails_one_write_and_the_next_reconnects(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.write([post(1)], "c1")
    with psycopg.connect(pg_url, autocommit=True) as admin:
        pid = store.conn.info.backend_pid
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(StoreError, match="cannot write to"):
        store.write([post(2)], "c1")
    store.write([post(2)], "c1")
    assert store.count_posts() == 2
    store.close()


def test_field_coverage_over_a_boards_stored_posts(store: PostStore) -> None:
    """What the store remembers of a board's fields, for the run report to notice one lost."""
    posts = [post(1), post(2), post(3, views=None, author="이웃"), post(4, image_urls=[])]
    posts.append(post(5, board="other", views=None))
    store.write(posts, "run1")
    stored, coverage = store.field_coverage(
        "ex.com", "news", ["title", "views", "author", "image_urls", "no_such_field"]
    )
    assert stored == 4
    assert coverage == {"title": 1.0, "views": 0.75, "author": 0.25, "image_urls": 0.75}
    assert store.field_coverage("ex.com", "never", ["title"]) == (0, {})


def search(store: PostStore, words: str) -> list[int]:
    return sorted(p["post_id"] for p in store.iter_posts(search=words))


def test_full_text_search_follows_every_write(store: PostStore) -> None:
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
    assert search(store, '"AND -:*') == []  # query syntax in the words stays literal
    assert search(store, "환율 | 첫눈") == []  # not an OR
    store.write([post(3, title="오늘 첫눈 소식", body_text="환율 걱정 없는 눈")], "c2")
    assert search(store, "환율") == [1, 2, 3]
    store.write([post(2, title="도서관 야간 개방", body_text="동네 소식")], "c3")
    assert search(store, "환율") == [1, 3]
    if isinstance(store, SQLiteStore):
        integrity = "INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 1)"
        store.conn.execute(integrity)  # raises when the index and posts disagree


def test_a_version_1_sqlite_database_is_migrated_and_indexed(tmp_path: Path) -> None:
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
    assert reopened.conn.execute("SELECT version FROM schema_version").fetchone()[0] == 3
    assert search(reopened, "환율") == [1]
    reopened.close()


def test_a_version_1_postgres_database_is_migrated(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.write([post(1, title="환율 급등"), post(2, title="날씨")], "c1")
    store.conn.execute("DROP INDEX posts_search")
    store.conn.execute("UPDATE schema_version SET version = 1")
    store.conn.commit()
    store.close()
    reopened = PostgresStore(pg_url)
    assert reopened.conn.execute("SELECT version FROM schema_version").fetchall() == [(3,)]
    assert reopened.conn.execute("SELECT to_regclass('posts_search')").fetchone()[0]
    assert search(reopened, "환율") == [1]
    reopened.close()


def test_board_summaries_on_every_backend(store: PostStore) -> None:
    store.write([post(1), post(2, published_at="2026-11-29T08:00:00+09:00", title="새 글")], "c1")
    store.record_failure("ex.com", "news", 7, "https://ex.com/7", "http_500", "c1")
    store.record_board("ex.com", "news", True, "c1")
    [summary] = store.board_summaries()
    assert (summary.site, summary.board, summary.posts) == ("ex.com", "news", 2)
    assert (summary.newest_title, summary.waiting_retry, summary.list_complete) == (
        "새 글",
        1,
        True,
    )
    assert summary.newest_published_at == "2026-11-29T08:00:00+09:00"


# -- comments and history (schema version 3), the same contract on both backends ---------------


def comment(comment_id: int, post_id: int = 1, **fields) -> dict:
    base = {
        "site": "ex.com",
        "board": "news",
        "post_id": post_id,
        "comment_id": comment_id,
        "url": f"https://ex.com/bbs/board.php?bo_table=news&wr_id={post_id}#c_{comment_id}",
        "parent_comment_id": None,
        "depth": 0,
        "author": "댓글러",
        "author_id": None,
        "author_ip": "121.♡.10.2",
        "published_at": "2023-09-05T15:00:00+09:00",
        "body_text": f"댓글 {comment_id}",
        "likes": None,
        "dislikes": None,
        "is_secret": False,
        "crawled_at": "2026-03-15T10:00:00+09:00",
    }
    base.update(fields)
    return base


def outcomes(result) -> list[str]:
    return sorted(outcome for _site, _board, outcome in result.outcomes)


def test_comments_upsert_edit_delete_and_come_back(store) -> None:
    store.write([post(1, comment_ids=[11, 12])], "run1")
    first = store.write_comments([comment(11), comment(12, parent_comment_id=11, depth=1)], "run1")
    assert outcomes(first) == ["comments/new", "comments/new"]
    again = store.write_comments([comment(11), comment(12, parent_comment_id=11, depth=1)], "r2")
    assert outcomes(again) == ["comments/unchanged", "comments/unchanged"]
    # re-read: 11 edited in place, 12 gone, 13 new
    later = "2026-03-16T10:00:00+09:00"
    gone = store.write([post(1, comments=2, comment_ids=[11, 13], crawled_at=later)], "run3")
    assert "comments/deleted" in outcomes(gone)
    edited = store.write_comments(
        [comment(11, body_text="고친 댓글", crawled_at=later), comment(13, crawled_at=later)],
        "run3",
    )
    assert outcomes(edited) == ["comments/new", "comments/updated"]
    live = {c["comment_id"]: c for c in store.iter_comments()}
    everything = {c["comment_id"] for c in store.iter_comments(include_deleted=True)}
    assert sorted(live) == [11, 13] and everything == {11, 12, 13}
    assert live[11]["body_text"] == "고친 댓글" and live[11]["is_secret"] is False
    changes = [(c["change"], c["comment_id"]) for c in store.iter_changes(since("2026-03-16"))]
    assert sorted(changes) == [("comment_deleted", 12), ("comment_edited", 11)]
    assert store.comment_counts("ex.com", "news") == {"comments": 3, "deleted": 1}
    # 12 printed again (a moderator restored it): live again
    store.write([post(1, comment_ids=[11, 12, 13], crawled_at=later)], "run4")
    store.write_comments([comment(12, parent_comment_id=11, depth=1)], "run4")
    assert sorted(c["comment_id"] for c in store.iter_comments()) == [11, 12, 13]


def test_a_batch_of_new_edited_updated_and_unchanged_comments(store) -> None:
    """One batch whose writes alternate between the plain and the edit-marking upsert (each run
    of one statement goes to the backend as one ``executemany``): every comment lands as it
    would alone, and only the one whose text changed is an edit."""
    store.write([post(1, comment_ids=[11, 12, 13])], "run1")
    store.write_comments([comment(11), comment(12), comment(13)], "run1")
    later = "2026-03-16T10:00:00+09:00"
    batch = [
        comment(21, crawled_at=later),
        comment(22, crawled_at=later),
        comment(11, body_text="고친 댓글", crawled_at=later),  # edited
        comment(12, likes=3, crawled_at=later),  # updated, same text
        comment(13, crawled_at=later),  # unchanged
        comment(23, crawled_at=later, parent_comment_id=21, depth=1),
    ]
    result = store.write_comments(batch, "run2")
    assert [outcome for _site, _board, outcome in result.outcomes] == [
        "comments/new",
        "comments/new",
        "comments/updated",
        "comments/updated",
        "comments/unchanged",
        "comments/new",
    ]
    stored = {c["comment_id"]: c for c in store.iter_comments()}
    assert sorted(stored) == [11, 12, 13, 21, 22, 23]
    assert stored[11]["body_text"] == "고친 댓글" and stored[12]["likes"] == 3
    assert (stored[23]["parent_comment_id"], stored[23]["depth"]) == (21, 1)
    changes = [(c["change"], c["comment_id"]) for c in store.iter_changes(since("2026-03-16"))]
    assert changes == [("comment_edited", 11)]


def test_post_versions_and_deleted_posts(store) -> None:
    store.write([post(1), post(2)], "run1")
    result = store.write(
        [post(1, title="고친 제목", body_text="고친 본문", crawled_at="2026-03-16T09:00:00+09:00")],
        "run2",
    )
    assert "edited" in outcomes(result)
    assert store.mark_post_deleted("ex.com", "news", 2, "2026-03-16T09:05:00+09:00") is True
    assert store.mark_post_deleted("ex.com", "news", 2, "2026-03-16T09:06:00+09:00") is False
    changes = list(store.iter_changes(since("2026-03-16")))
    assert [(c["change"], c["post_id"]) for c in changes] == [
        ("post_edited", 1),
        ("post_deleted", 2),
    ]
    assert (changes[0]["title"], changes[0]["body_text"]) == ("제목 1", "본문 1")
    assert changes[0]["at"] == "2026-03-16T09:00:00+09:00"
    assert list(store.iter_changes(since("2026-03-17"))) == []
    # an unchanged re-read keeps no version
    store.write([post(1, title="고친 제목", body_text="고친 본문")], "run3")
    assert len(list(store.iter_changes(since("2000-01-01")))) == 2
    # post 2 readable again: no longer deleted, and it can be deleted again later
    store.write([post(2)], "run4")
    assert [c["change"] for c in store.iter_changes(since("2000-01-01"))] == ["post_edited"]
    assert store.mark_post_deleted("ex.com", "news", 2, "2026-03-18T09:00:00+09:00") is True


def test_migrate_copies_comments_and_versions(db_url: str, tmp_path: Path) -> None:
    from newsbot.commands.migrate import copy_store

    source = open_store_at(db_url)
    source.write([post(1, comment_ids=[11])], "run1")
    source.write_comments([comment(11), comment(12, is_secret=True, body_text="")], "run1")
    source.write([post(1, title="새 제목", comment_ids=[11])], "run2")
    source.write([post(2)], "run2")
    source.mark_post_deleted("ex.com", "news", 2, "2026-03-16T09:00:00+09:00")
    target = open_store_at(str(tmp_path / "copy.sqlite3"))
    copy_store(source, target)
    assert list(target.iter_comments(include_deleted=True)) == list(
        source.iter_comments(include_deleted=True)
    )
    assert list(target.iter_changes(since("2000-01-01"))) == list(
        source.iter_changes(since("2000-01-01"))
    )
    source.close()
    target.close()


def since(day: str):
    from datetime import date, datetime, time

    from newsbot.normalize import KST

    return datetime.combine(date.fromisoformat(day), time(), tzinfo=KST)


def test_posts_a_full_list_no_longer_shows_are_marked_deleted(store) -> None:
    store.write([post(1), post(2), post(3), post(9, board="other")], "run1")
    assert store.mark_unlisted_posts_deleted(
        "ex.com", "news", [1, 3], "2026-03-16T09:00:00+09:00"
    ) == [2]
    assert (
        store.mark_unlisted_posts_deleted("ex.com", "news", [1, 3], "2026-03-17T09:00:00+09:00")
        == []
    )
    changes = [
        (c["change"], c["board"], c["post_id"]) for c in store.iter_changes(since("2000-01-01"))
    ]
    assert changes == [("post_deleted", "news", 2)]
    assert store.count_posts() == 4
