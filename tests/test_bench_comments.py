"""bench.comments' handling of a tree from before issue 13 (its "make bench before/after")."""

from __future__ import annotations

import json
from pathlib import Path

from bench.comments import has_comments
from bench.run import newsbot_command

from .conftest import ROOT


def test_a_tree_without_the_comment_item_is_told_apart(tmp_path: Path) -> None:
    assert has_comments(ROOT)
    old = tmp_path / "newsbot"
    old.mkdir()
    (old / "items.py").write_text("class Post(scrapy.Item):\n    CommentCount = 1\n", "utf-8")
    assert not has_comments(tmp_path)


def test_the_crawl_of_such_a_tree_names_no_comments_feed(tmp_path: Path) -> None:
    def feeds(**kwargs: bool) -> dict[str, dict]:
        command = newsbot_command("http://127.0.0.1:1/bbs/board.php", tmp_path, "c", 4, **kwargs)
        [setting] = [arg for arg in command if arg.startswith("FEEDS=")]
        return json.loads(setting.removeprefix("FEEDS="))

    assert [feed["item_classes"] for feed in feeds().values()] == [
        ["newsbot.items.Post"],
        ["newsbot.items.Comment"],
    ]
    assert [feed["item_classes"] for feed in feeds(comments_feed=False).values()] == [
        ["newsbot.items.Post"]
    ]
