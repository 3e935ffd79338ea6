"""PostLoader: one cleaning path, failures counted with the raw text quoted."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
import scrapy
from itemloaders.processors import MapCompose, TakeFirst
from scrapy.loader import ItemLoader
from scrapy.utils.test import get_crawler

from newsbot.items import LIST_FIELDS, Comment, Post
from newsbot.loaders import CommentLoader, PostLoader, load_post
from newsbot.normalize import KST
from newsbot.processors import to_list_title
from newsbot.skins.base import ListRow, RawPost
from newsbot.urls import parse_board_url

NOW = datetime(2026, 3, 15, 10, tzinfo=KST)


def test_unreadable_values_become_empty_and_are_counted(caplog) -> None:
    stats = get_crawler().stats
    loader = PostLoader(now=NOW, stats=stats, url="http://ex.com/x")
    loader.add_value("published_at", "언젠가 오후쯤")
    loader.add_value("views", "많음")
    loader.add_value("title", "제목")
    with caplog.at_level(logging.WARNING):
        item = loader.load_item()
    assert "published_at" not in item and "views" not in item
    assert stats.get_value("newsbot/normalize/date_failed") == 1
    assert stats.get_value("newsbot/normalize/count_failed") == 1
    assert "'언젠가 오후쯤'" in caplog.text and "http://ex.com/x" in caplog.text


def test_dash_and_empty_are_missing_not_failures() -> None:
    stats = get_crawler().stats
    loader = PostLoader(now=NOW, stats=stats)
    loader.add_value("views", "-")
    loader.add_value("likes", "")
    item = loader.load_item()
    assert "views" not in item and "likes" not in item
    assert not stats.get_value("newsbot/normalize/count_failed")


def test_view_page_beats_list_row_and_precision_wins() -> None:
    ref = parse_board_url("http://ex.com/bbs/board.php?bo_table=news&wr_id=7")
    assert ref is not None
    raw = RawPost(
        skin="t",
        title="전체 제목 (2)",
        date_texts=["23-09-05 14:10"],
        views="56회",
        body_text="본문",
    )
    row = ListRow(7, ref.post_url(), "전체 제목 [3]", date_text="09-05", views="55", comments="3")
    item = load_post(raw, ref, 7, row=row, now=NOW)
    assert item["published_at"] == "2023-09-05T14:10:00+09:00"
    assert item["views"] == 56
    assert item["title"] == "전체 제목 (2)"  # a view subject keeps its own brackets
    assert item["comments"] == 3  # the view showed none: the list fills it


def test_list_row_fills_a_missing_view_title_without_decorations() -> None:
    ref = parse_board_url("http://ex.com/bbs/board.php?bo_table=news&wr_id=7")
    assert ref is not None
    raw = RawPost(skin="t", date_texts=["23-09-05 14:10"], body_text="본문")
    row = ListRow(7, ref.post_url(), "목록 제목 새글 [3]", date_text="09-05")
    item = load_post(raw, ref, 7, row=row, now=NOW)
    assert item["title"] == "목록 제목"
    assert item["image_urls"] == [] and item["is_notice"] is False


class _ItemloadersPath(ItemLoader):
    """Scrapy's ItemLoader with the same item classes and context: itemloaders' own path."""

    default_output_processor = TakeFirst()


_ODD_VALUES = [
    "  plain  text ",
    "",
    "-",
    0,
    -3,
    7,
    True,
    False,
    "1,234",
    "12.5k",
    "23-09-05 14:10",
    "09-05",
    "&amp;lt;b&amp;gt; 홍길동 (123.♡.45.67)",
    "줄 하나\n\n  줄 둘 \u200b",
    ["a", None, "", " a ", "b"],
    ("x", "y"),
    [],
    [{"name": "f.txt", "url": "http://ex.com/f.txt"}],
]


@pytest.mark.parametrize(
    ("loader_class", "item_class"), [(PostLoader, Post), (CommentLoader, Comment)]
)
def test_fast_processor_path_loads_what_itemloaders_loads(loader_class, item_class) -> None:
    """Every field of the item, fed odd values one by one and all together (an iterator
    too), loads the same values (or fails with the same error) as itemloaders' own path."""
    fields = [name for name, meta in item_class.fields.items() if "input_processor" in meta]
    context = {"now": NOW, "crawl_stats": None, "url": "http://ex.com/x"}
    feeds = [[value] for value in _ODD_VALUES] + [_ODD_VALUES, ["iterator"]]
    for feed in feeds:
        for name in fields:
            fast = loader_class(now=NOW, url="http://ex.com/x")
            plain = _ItemloadersPath(item=item_class(), **context)
            results = []
            for loader in (fast, plain):
                try:
                    for value in feed:
                        if value == "iterator":  # a fresh one per loader
                            value = iter(["i", "", "j"])
                        loader.add_value(name, value)
                    item = dict(loader.load_item())
                    if loader is plain and item_class is Post:
                        item = {name: [] for name in LIST_FIELDS} | item
                except Exception as e:  # the same failure, with the same message
                    item = {"error": f"{type(e).__name__}: {e}"}
                results.append(item)
            assert results[0] == results[1], (name, feed)


def _raises(value):
    raise RuntimeError(f"no {value!r}")


@pytest.mark.parametrize(
    ("loader_class", "item_class"), [(PostLoader, Post), (CommentLoader, Comment)]
)
@pytest.mark.parametrize(
    "processors", [(to_list_title,), (str.upper,), (TakeFirst(),), (TakeFirst(), _raises)]
)
def test_processors_and_output_values_as_itemloaders(loader_class, item_class, processors) -> None:
    """A value added with processors of its own (load_post's list title), and each field's
    output value asked before the item is loaded, are what itemloaders' own path gives: the
    same values, or the same error."""
    fields = [name for name, meta in item_class.fields.items() if "input_processor" in meta]
    context = {"now": NOW, "crawl_stats": None, "url": "http://ex.com/x"}
    values = ["  [3] 제목 새글 ", ["a", "", "b"], "", None]
    for name in fields:
        for value in values:
            fast = loader_class(now=NOW, url="http://ex.com/x")
            plain = _ItemloadersPath(item=item_class(), **context)
            results = []
            for loader in (fast, plain):
                try:
                    loader.add_value(name, value, *processors)
                    outputs = {field: loader.get_output_value(field) for field in fields}
                    results.append((loader.get_collected_values(name), outputs))
                except Exception as e:  # the same failure, with the same message
                    results.append(f"{type(e).__name__}: {e}")
            assert results[0] == results[1], (name, value, processors)


class _Failing(scrapy.Item):
    name = scrapy.Field(input_processor=MapCompose(_raises), output_processor=TakeFirst())


class _FailingLoader(PostLoader):
    default_item_class = _Failing


@pytest.mark.parametrize("value", ["one", ["a", "b"]])
def test_a_failing_input_processor_raises_as_itemloaders(value) -> None:
    """A single value (the loader's shortest path) and a list fail with itemloaders' error:
    the same message and the same chain (MapCompose's ValueError, caused by the processor's)."""
    chains = []
    for loader in (
        _FailingLoader(now=NOW, url="http://ex.com/x"),
        _ItemloadersPath(item=_Failing(), now=NOW, crawl_stats=None, url="http://ex.com/x"),
    ):
        with pytest.raises(ValueError) as raised:
            loader.add_value("name", value)
        chain, error = [], raised.value
        while error is not None:
            chain.append((type(error).__name__, str(error)))
            error = error.__cause__
        chains.append(chain)
    assert chains[0] == chains[1]
    assert len(chains[0]) == 3


def test_urls_keep_query_parameters_that_look_like_entities() -> None:
    """A URL field is cleaned as a URL: ``&notice=``, ``&section=``, ``&copy=`` are parameters,
    not HTML's legacy entities (``¬``, ``§``, ``©``), in the post's and the source's URL."""
    ref = parse_board_url("http://ex.com/bbs/board.php?bo_table=news&wr_id=7")
    assert ref is not None
    source = "https://www.hani.co.kr/arti/society/1106000.html?section=1&notice=2&copy=3&reg=4"
    raw = RawPost(
        skin="t",
        title="제목",
        date_texts=["23-09-05 14:10"],
        body_text=(
            "정부가 내년 예산안을 확정했다. 총지출은 올해보다 2.8% 늘어난 656조9000억원이다.\n"
            '기획재정부는 "재정건전성을 지키면서 약자 복지는 두텁게 하겠다"고 밝혔다.\n'
            "홍길동 기자 hong@x.kr"
        ),
        links=[source],
    )
    item = load_post(raw, ref, 7, now=NOW)
    assert item["source_url"] == source
    assert item["url"] == "http://ex.com/bbs/board.php?bo_table=news&wr_id=7"
    loader = CommentLoader(now=NOW)
    loader.add_value("url", f"{source}#c_9")
    assert loader.load_item()["url"] == f"{source}#c_9"
