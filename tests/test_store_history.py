"""What the store remembers of a board's fields, for the run report to notice one lost."""

from __future__ import annotations

from pathlib import Path

from newsbot.storage.sqlite import SQLiteStore

from .test_storage import post


def test_field_coverage_over_a_boards_stored_posts(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "db.sqlite3")
    try:
        posts = [post(1), post(2), post(3, views=None, author="이웃"), post(4, image_urls=[])]
        posts.append(post(5, board="other", views=None))
        store.write(posts, "run1")
        stored, coverage = store.field_coverage(
            "ex.com", "news", ["title", "views", "author", "image_urls", "no_such_field"]
        )
        assert stored == 4
        assert coverage == {"title": 1.0, "views": 0.75, "author": 0.25, "image_urls": 0.75}
        assert store.field_coverage("ex.com", "never", ["title"]) == (0, {})
    finally:
        store.close()
