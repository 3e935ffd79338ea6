"""``PostLoader``: the only path from raw page text to a ``Post``.

Context: ``now`` (crawl time, aware), ``crawl_stats`` (crawler stats or None), ``url``.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable
from datetime import datetime
from typing import Any

from itemloaders.common import wrap_loader_context
from itemloaders.processors import MapCompose, TakeFirst
from itemloaders.utils import arg_to_iter
from scrapy.loader import ItemLoader

from newsbot.items import LIST_FIELDS, Comment, Post
from newsbot.news import extract_article
from newsbot.normalize import KST
from newsbot.processors import to_list_title
from newsbot.skins.base import ListRow, RawPost
from newsbot.skins.comments import RawComment
from newsbot.urls import BoardRef


class PostLoader(ItemLoader):
    default_item_class = Post
    default_output_processor = TakeFirst()

    def __init__(self, *, now: datetime | None = None, stats: Any = None, url: str = "", **kw):
        now = (now or datetime.now(KST)).astimezone(KST)
        # "stats" is a keyword of Scrapy's ItemLoader itself, so the context carries it under
        # another name
        super().__init__(now=now, crawl_stats=stats, url=url, **kw)
        self._bound_functions: dict[MapCompose, Any] = {}

    # itemloaders looks a field's processor up through ItemAdapter on every value added (about a
    # third of the loader's own cost); the fields' processors never change, so each is looked up
    # once per loader class, item class and field.
    _processors: dict[tuple[type, type, str, str], Any] = {}

    def get_input_processor(self, field_name: str) -> Any:
        return self._processor(field_name, "in", super().get_input_processor)

    def get_output_processor(self, field_name: str) -> Any:
        return self._processor(field_name, "out", super().get_output_processor)

    def _processor(self, field_name: str, kind: str, look_up: Callable[[str], Any]) -> Any:
        key = (type(self), type(self.item), field_name, kind)
        found = self._processors.get(key)
        if found is None:
            found = self._processors[key] = look_up(field_name)
        return found

    def add_value(
        self,
        field_name: str | None,
        value: Any,
        *processors: Callable[..., Any],
        re: Any = None,
        **kw: Any,
    ) -> PostLoader:
        if processors or re is not None or kw or not field_name:
            return super().add_value(field_name, value, *processors, re=re, **kw)
        # itemloaders' own path, without the steps a plain value skips (get_value with no
        # processors returns the value as is): ≈ 30 values per post go through here
        if value is not None:
            self._add_value(field_name, value)
        return self

    def _add_value(self, field_name: str, value: Any) -> None:
        processed = self._process_input_value(field_name, arg_to_iter(value))
        if processed:
            self._values.setdefault(field_name, []).extend(arg_to_iter(processed))

    def _process_input_value(self, field_name: str, value: Any) -> Any:
        proc = self.get_input_processor(field_name)
        if type(proc) is not MapCompose or len(proc.functions) != 1:
            return super()._process_input_value(field_name, value)
        # Every Post field's input processor is MapCompose(one function): this is MapCompose's
        # own loop, with its context built once per loader instead of on every value added.
        function = self._bound_functions.get(proc)
        if function is None:
            context = ChainMap(self.context, proc.default_loader_context)
            function = self._bound_functions[proc] = wrap_loader_context(proc.functions[0], context)
        values: list[Any] = []
        for each in arg_to_iter(value):
            try:
                values += arg_to_iter(function(each))
            except Exception as e:
                error = ValueError(
                    f"Error in MapCompose with {function!s} value={value!r} "
                    f"error='{type(e).__name__}: {e!s}'"
                )
                raise ValueError(
                    f"Error with input processor MapCompose: field={field_name!r} "
                    f"value={value!r} error='{type(error).__name__}: {error!s}'"
                ) from error
        return values

    def load_item(self) -> Post:
        item = super().load_item()
        for name in LIST_FIELDS:
            item.setdefault(name, [])
        return item


class CommentLoader(PostLoader):
    """A ``Comment`` from raw page text, through the post processors (names, KST dates, counts,
    text)."""

    default_item_class = Comment

    def load_item(self) -> Comment:  # type: ignore[override]
        return ItemLoader.load_item(self)


#: What a comment lacks is an empty cell, not a missing column (the loader drops None).
COMMENT_DEFAULTS = {
    "parent_comment_id": None,
    "author": None,
    "author_id": None,
    "author_ip": None,
    "published_at": None,
    "body_text": "",
    "likes": None,
    "dislikes": None,
}


def load_comment(
    raw: RawComment, ref: BoardRef, post_id: int, *, now: datetime, stats: Any = None
) -> Comment:
    """Turn one comment read off its post's view page into a ``Comment``."""
    post_url = ref.post_url(post_id)
    url = f"{post_url}#c_{raw.comment_id}"
    loader = CommentLoader(now=now, stats=stats, url=url)
    loader.add_value("site", ref.site)
    loader.add_value("board", ref.bo_table)
    loader.add_value("post_id", post_id)
    loader.add_value("comment_id", raw.comment_id)
    loader.add_value("url", url)
    loader.add_value("parent_comment_id", raw.parent_comment_id)
    loader.add_value("depth", raw.depth)
    loader.add_value("author", raw.author)
    loader.add_value("author_id", raw.author_id)
    loader.add_value("author_ip", raw.author_ip)
    loader.add_value("published_at", raw.date_texts)
    loader.add_value("body_text", raw.body_text)
    loader.add_value("likes", raw.likes)
    loader.add_value("dislikes", raw.dislikes)
    loader.add_value("is_secret", raw.is_secret)
    loader.add_value("crawled_at", now.isoformat(timespec="seconds"))
    item = loader.load_item()
    for name, empty in COMMENT_DEFAULTS.items():
        item.setdefault(name, empty)
    return item


def load_post(
    raw: RawPost,
    ref: BoardRef,
    post_id: int,
    *,
    row: ListRow | None = None,
    board_title: str | None = None,
    now: datetime,
    stats: Any = None,
) -> Post:
    """Turn what extraction read off a view page (and its list row, if any) into a ``Post``.

    View-page values come first; the list row only fills what the view did not show (the
    processors take the first value, and for dates the most precise one).
    """
    url = ref.post_url(post_id)
    loader = PostLoader(now=now, stats=stats, url=url)
    loader.add_value("site", ref.site)
    loader.add_value("board", ref.bo_table or raw.bo_table)
    loader.add_value("board_title", [raw.board_title, board_title])
    loader.add_value("post_id", post_id)
    loader.add_value("url", url)
    loader.add_value("title", raw.title)
    loader.add_value("category", raw.category)
    loader.add_value("author", raw.author)
    loader.add_value("author_id", raw.author_id)
    loader.add_value("author_ip", raw.author_ip)
    loader.add_value("published_at", raw.date_texts)
    loader.add_value("views", raw.views)
    loader.add_value("comments", raw.comments)
    loader.add_value("likes", raw.likes)
    loader.add_value("dislikes", raw.dislikes)
    if row is not None:
        loader.add_value("title", row.title, to_list_title)
        loader.add_value("category", row.category)
        loader.add_value("author", row.author)
        loader.add_value("published_at", row.date_text)
        loader.add_value("views", row.views)
        # gnuboard lists print a comment count only when there are comments
        loader.add_value("comments", row.comments or "0")
    loader.add_value("is_notice", bool(row and row.is_notice))
    loader.add_value("body_text", raw.body_text)
    loader.add_value("body_html", raw.body_html)
    loader.add_value("image_urls", raw.image_urls)
    loader.add_value("attachments", [{"name": a.name, "url": a.url} for a in raw.attachments])
    loader.add_value("links", raw.links)
    article = extract_article(
        loader.get_output_value("body_text") or "",
        links=raw.links,
        title=loader.get_output_value("title"),
    )
    if article is not None:
        loader.add_value("reporter", article.reporter)
        loader.add_value("reporter_email", article.reporter_email)
        loader.add_value("publisher", article.publisher)
        loader.add_value("article_text", article.article_text)
        loader.add_value(
            "photo_captions",
            [{"caption": c.caption, "credit": c.credit} for c in article.photo_captions],
        )
        loader.add_value("source_url", article.source_url)
    loader.add_value("crawled_at", now.isoformat(timespec="seconds"))
    return loader.load_item()
