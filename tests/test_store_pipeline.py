"""The store pipeline's batches: posts first, each comment after its post, nothing lost when a
write fails, and items arriving during a write waiting for the next batch (not one each)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from scrapy.utils.test import get_crawler

from newsbot.items import Comment, Post
from newsbot.pipelines.store import StorePipeline
from newsbot.storage import StoreError
from newsbot.storage.sqlite import SQLiteStore

from .test_storage import post


class RecordingStore(SQLiteStore):
    """A real SQLite store that notes each write (and can refuse the first ``fail`` ones)."""

    def __init__(self, path: Path, fail: int = 0) -> None:
        super().__init__(path)
        self.writes: list[tuple[str, list[int]]] = []
        self.fail = fail

    def _note(self, kind: str, rows: list) -> None:
        if self.fail:
            self.fail -= 1
            raise StoreError("disk full (test)")
        self.writes.append((kind, [row.get("comment_id") or row["post_id"] for row in rows]))

    def write(self, posts, crawl_id):
        self._note("posts", posts)
        return super().write(posts, crawl_id)

    def write_comments(self, comments, crawl_id):
        self._note("comments", comments)
        return super().write_comments(comments, crawl_id)


def items(posts: int) -> list:
    """Post n, then its two comments (ids n*10+1, n*10+2), as the spider yields them."""
    found: list = []
    for n in range(1, posts + 1):
        found.append(Post(**post(n), comment_ids=[n * 10 + 1, n * 10 + 2]))
        for comment_id in (n * 10 + 1, n * 10 + 2):
            found.append(
                Comment(
                    site="ex.com",
                    board="news",
                    post_id=n,
                    comment_id=comment_id,
                    url=f"{post(n)['url']}#c_{comment_id}",
                    body_text=f"댓글 {comment_id}",
                    crawled_at="2026-03-15T10:00:00+09:00",
                )
            )
    return found


def run_pipeline(store: RecordingStore, sequence: list, batch_size: int) -> StorePipeline:
    crawler = get_crawler(
        settings_dict={"NEWSBOT_STORE_BATCH_SIZE": batch_size, "NEWSBOT_CRAWL_ID": "test"}
    )
    pipeline = StorePipeline(crawler, store)

    async def crawl() -> None:
        # all at once, as responses' items reach the pipeline while a batch is being written
        await asyncio.gather(*(pipeline.process_item(item) for item in sequence))
        await pipeline.close_spider()

    asyncio.run(crawl())
    return pipeline


def written_before(store: RecordingStore) -> None:
    """Every comment's post was written in an earlier or the same flush, before it."""
    posts_so_far: set[int] = set()
    for kind, ids in store.writes:
        if kind == "posts":
            posts_so_far.update(ids)
        else:
            assert {comment_id // 10 for comment_id in ids} <= posts_so_far


def test_batches_stay_whole_while_items_keep_arriving(tmp_path: Path) -> None:
    store = RecordingStore(tmp_path / "db.sqlite3")
    pipeline = run_pipeline(store, items(40), batch_size=12)
    written_before(store)
    posts = [ids for kind, ids in store.writes if kind == "posts"]
    comments = [ids for kind, ids in store.writes if kind == "comments"]
    assert sorted(i for ids in posts for i in ids) == list(range(1, 41))
    assert len([i for ids in comments for i in ids]) == 80
    # 120 items in batches of 12: about ten writes of each kind, not one per item
    assert len(posts) <= 11 and len(comments) <= 11
    assert pipeline.stats.get_value("newsbot/store/new") == 40
    assert pipeline.stats.get_value("newsbot/store/comments/new") == 80


def test_a_failed_write_keeps_posts_and_their_comments_for_the_next(tmp_path: Path) -> None:
    store = RecordingStore(tmp_path / "db.sqlite3", fail=1)
    pipeline = run_pipeline(store, items(10), batch_size=6)
    written_before(store)
    assert pipeline.stats.get_value("newsbot/store/write_failed") == 1
    assert pipeline.stats.get_value("newsbot/store/new") == 10
    assert pipeline.stats.get_value("newsbot/store/comments/new") == 20
    assert not pipeline.stats.get_value("newsbot/store/lost")


def run_one_by_one(store: RecordingStore, sequence: list, batch_size: int) -> None:
    crawler = get_crawler(
        settings_dict={"NEWSBOT_STORE_BATCH_SIZE": batch_size, "NEWSBOT_CRAWL_ID": "test"}
    )
    pipeline = StorePipeline(crawler, store)

    async def crawl() -> None:
        for item in sequence:
            await pipeline.process_item(item)
        await pipeline.close_spider()

    asyncio.run(crawl())


def test_a_batch_is_its_posts_count_not_its_comments(tmp_path: Path) -> None:
    """Each commit writes a full-text index segment: comments do not make batches smaller."""
    store = RecordingStore(tmp_path / "db.sqlite3")
    run_one_by_one(store, items(10), batch_size=5)
    written_before(store)
    assert [ids for kind, ids in store.writes if kind == "posts"] == [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
    ]


def test_many_comments_waiting_are_written_without_more_posts(tmp_path: Path) -> None:
    store = RecordingStore(tmp_path / "db.sqlite3")
    first = Post(**post(1), comment_ids=list(range(100, 125)))
    comments = [
        Comment(site="ex.com", board="news", post_id=1, comment_id=c, url=f"u#c_{c}")
        for c in range(100, 125)
    ]
    run_one_by_one(store, [first, *comments], batch_size=2)
    assert store.writes[0] == ("posts", [1])
    # 10 comments per batch post: the first 20 go when the 20th arrives, the rest at the close
    assert [len(ids) for kind, ids in store.writes if kind == "comments"] == [20, 5]
