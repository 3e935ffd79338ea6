"""``PostLoader``: the only path from raw page text to a ``Post``.

Context: ``now`` (crawl time, aware), ``crawl_stats`` (crawler stats or None), ``url``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from itemloaders.processors import Identity, MapCompose, TakeFirst
from itemloaders.utils import arg_to_iter, get_func_args
from scrapy.loader import ItemLoader

from newsbot.items import LIST_FIELDS, Comment, Post
from newsbot.news import extract_article
from newsbot.normalize import KST, BoardDateTime
from newsbot.processors import to_list_title
from newsbot.skins.base import ListRow, RawPost
from newsbot.skins.comments import RawComment
from newsbot.urls import BoardRef

#: The item classes whose loaded values go straight into the item's dict (``_load_fields``).
_SCHEMA_CLASSES = frozenset({Post, Comment})
#: Classes ``arg_to_iter`` wraps in a one-item list: the loader does that without the call.
_SINGLE_VALUE_CLASSES = frozenset({str, int, bool})
#: The same, for what the fields' input processors return: dates and attachment/caption dicts
#: too (``arg_to_iter`` makes a list of anything but a list, tuple, set or iterator).
_SINGLE_RESULT_CLASSES = frozenset({str, int, bool, BoardDateTime, dict})


def _input_error(field_name: str, function: Any, values: Any, e: Exception) -> ValueError:
    """The error itemloaders raises when a ``MapCompose`` input processor fails (its message
    and its chain: MapCompose's ``ValueError`` caused by ``e``)."""
    error = ValueError(
        f"Error in MapCompose with {function!s} value={values!r} error='{type(e).__name__}: {e!s}'"
    )
    error.__cause__ = e
    raised = ValueError(
        f"Error with input processor MapCompose: field={field_name!r} "
        f"value={values!r} error='{type(error).__name__}: {error!s}'"
    )
    raised.__cause__ = error  # as ``raise raised from error``
    return raised


@dataclass(frozen=True, eq=False)  # the itemloaders-path marker is told apart by identity
class _InputPlan:
    """A field's input processor, unwrapped once: ``MapCompose(function)`` is ``function``
    applied to each value (with the loader context when it takes one), ``Identity()`` keeps the
    values as they are (``function`` None)."""

    function: Callable[..., Any] | None
    takes_context: bool


#: Any other input processor: itemloaders' own path.
_ITEMLOADERS_PATH = _InputPlan(None, False)


class PostLoader(ItemLoader):
    default_item_class = Post
    default_output_processor = TakeFirst()

    def __init__(self, *, now: datetime | None = None, stats: Any = None, url: str = "", **kw):
        now = (now or datetime.now(KST)).astimezone(KST)
        # "stats" is a keyword of Scrapy's ItemLoader itself, so the context carries it under
        # another name
        super().__init__(now=now, crawl_stats=stats, url=url, **kw)
        key = (type(self), type(self.item))
        self._input_plans = self._input_plans_by_class.setdefault(key, {})
        self._output_plans = self._output_plans_by_class.setdefault(key, {})

    # itemloaders looks a field's processor up through ItemAdapter, wraps it for the loader
    # context and runs MapCompose's generic loop (a ChainMap, a wrapper per function, an
    # ``arg_to_iter`` per value and per result) on every value added and every field loaded:
    # ≈ 30 values per post and ≈ 10 per comment. The fields' processors never change, so each
    # is unwrapped once per loader class, item class and field, and a single value is run
    # through it directly. Same values, same order, same errors as itemloaders' path.
    _input_plans_by_class: dict[tuple[type, type], dict[str, _InputPlan]] = {}
    _output_plans_by_class: dict[tuple[type, type], dict[str, tuple[Any, bool]]] = {}

    def _input_plan(self, field_name: str) -> _InputPlan:
        proc = self.get_input_processor(field_name)
        if type(proc) is Identity:
            return _InputPlan(None, False)
        if (
            type(proc) is MapCompose
            and len(proc.functions) == 1
            and not proc.default_loader_context
        ):
            function = proc.functions[0]
            return _InputPlan(function, "loader_context" in get_func_args(function))
        return _ITEMLOADERS_PATH

    def add_value(
        self,
        field_name: str | None,
        value: Any,
        *processors: Callable[..., Any],
        re: Any = None,
        **kw: Any,
    ) -> PostLoader:
        if re is not None or kw:
            return super().add_value(field_name, value, *processors, re=re, **kw)
        if field_name is None and not processors and isinstance(value, dict):
            # ``add_value(None, {field: value, …})``, itemloaders' way to add many fields: each
            # as ``add_value(field, value)`` is (a None adds nothing there either), in one call
            add = self._add_field_value
            for name, each in value.items():
                if each is not None:
                    add(name, each)
            return self
        if not field_name:
            return super().add_value(field_name, value, *processors)
        if processors:
            # itemloaders' own processor loop (its errors too); only what follows, the field's
            # input processor, takes the path below
            value = self.get_value(value, *processors)
        if value is None:  # get_value with no processors returns the value as is
            return self
        return self._add_field_value(field_name, value)

    def _add_field_value(self, field_name: str, value: Any) -> PostLoader:
        """``value`` (not None) through ``field_name``'s input processor, into its values."""
        plan = self._input_plans.get(field_name)
        if plan is None:
            plan = self._input_plans[field_name] = self._input_plan(field_name)
        if plan is _ITEMLOADERS_PATH:
            self._add_value(field_name, value)
            return self
        function = plan.function
        if function is not None and value.__class__ in _SINGLE_VALUE_CLASSES:
            # One value through one function (most values a loader is given): the loop below
            # without its lists and ``arg_to_iter`` calls.
            try:
                if plan.takes_context:
                    result = function(value, loader_context=self.context)
                else:
                    result = function(value)
            except Exception as e:
                raise _input_error(field_name, function, [value], e)  # noqa: B904 (chained inside)
            if result is None:
                return self
            # itemloaders' ``_values`` property, without its call for a loader of its own
            values_by_field = self._local_values if self.parent is None else self._values
            if result.__class__ in _SINGLE_RESULT_CLASSES:
                collected = values_by_field.get(field_name)
                if collected is None:
                    values_by_field[field_name] = [result]
                else:
                    collected.append(result)
            elif processed := arg_to_iter(result):
                values_by_field.setdefault(field_name, []).extend(processed)
            return self
        values = [value] if value.__class__ in _SINGLE_VALUE_CLASSES else arg_to_iter(value)
        processed: Any
        if function is None:
            processed = values  # Identity: as itemloaders extends with them (an iterator too)
        else:
            processed = []
            try:
                for each in values:
                    if plan.takes_context:
                        result = function(each, loader_context=self.context)
                    else:
                        result = function(each)
                    if result is None:
                        continue
                    if result.__class__ in _SINGLE_RESULT_CLASSES:
                        processed.append(result)
                    else:
                        processed += arg_to_iter(result)
            except Exception as e:
                raise _input_error(field_name, function, values, e)  # noqa: B904 (chained inside)
        if processed:
            self._values.setdefault(field_name, []).extend(processed)
        return self

    def _output_plan(self, field_name: str) -> tuple[Any, bool]:
        proc = self.get_output_processor(field_name)
        return proc, "loader_context" in get_func_args(proc)

    def get_output_value(self, field_name: str) -> Any:
        """itemloaders' ``get_output_value`` from the field's output plan (load_post asks it
        for the body and the title before the item is loaded): no ItemAdapter and processor
        look-up per call."""
        return self._output_value(field_name, self._values.get(field_name, []))

    def _output_value(self, field_name: str, values: list[Any]) -> Any:
        """``values`` through the field's output processor; ``TakeFirst`` run in place (most
        fields have it)."""
        plan = self._output_plans.get(field_name)
        if plan is None:
            plan = self._output_plans[field_name] = self._output_plan(field_name)
        proc, takes_context = plan
        if type(proc) is TakeFirst:
            for each in values:
                if each is not None and each != "":
                    return each
            return None
        try:
            return proc(values, loader_context=self.context) if takes_context else proc(values)
        except Exception as e:
            raise ValueError(
                f"Error with output processor: field={field_name!r} "
                f"value={values!r} error='{type(e).__name__}: {e!s}'"
            ) from e

    def load_item(self) -> Post:
        item = self._load_fields()
        values = item._values
        for name in LIST_FIELDS:
            if name not in values:  # Item.setdefault costs a KeyError per missing field
                item[name] = []
        return item

    def _load_fields(self) -> Any:
        """itemloaders' ``load_item``: each collected field through its output processor, a
        value set unless it is None."""
        item = self.item
        output_value = self._output_value
        # a Post or Comment takes each value into its own dict: the loader only holds values of
        # declared fields (an undeclared one fails at add_value), which Item.__setitem__ checks
        into = item._values if item.__class__ in _SCHEMA_CLASSES else item
        for field_name, values in self._values.items():
            value = output_value(field_name, values)
            if value is not None:
                into[field_name] = value
        return item


class CommentLoader(PostLoader):
    """A ``Comment`` from raw page text, through the post processors (names, KST dates, counts,
    text)."""

    default_item_class = Comment

    def load_item(self) -> Comment:  # type: ignore[override]
        return self._load_fields()


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


#: The last crawl time and its ``crawled_at`` text: a post and its comments share one ``now``.
_last_crawled_at: tuple[datetime, str] | None = None


def crawled_at(now: datetime) -> str:
    """``now`` as the ``crawled_at`` field's text (ISO 8601 to the second), formatted once for a
    post and all its comments (the spider passes them one ``now``)."""
    global _last_crawled_at
    last = _last_crawled_at
    if last is not None and last[0] is now:
        return last[1]
    text = now.isoformat(timespec="seconds")
    _last_crawled_at = (now, text)
    return text


def load_comment(
    raw: RawComment, ref: BoardRef, post_id: int, *, now: datetime, stats: Any = None
) -> Comment:
    """Turn one comment read off its post's view page into a ``Comment``."""
    post_url = ref.post_url(post_id)
    url = f"{post_url}#c_{raw.comment_id}"
    loader = CommentLoader(now=now, stats=stats, url=url)
    loader.add_value(
        None,
        {
            "site": ref.site,
            "board": ref.bo_table,
            "post_id": post_id,
            "comment_id": raw.comment_id,
            "url": url,
            "parent_comment_id": raw.parent_comment_id,
            "depth": raw.depth,
            "author": raw.author,
            "author_id": raw.author_id,
            "author_ip": raw.author_ip,
            "published_at": raw.date_texts,
            "body_text": raw.body_text,
            "likes": raw.likes,
            "dislikes": raw.dislikes,
            "is_secret": raw.is_secret,
            "crawled_at": crawled_at(now),
        },
    )
    item = loader.load_item()
    values = item._values
    for name, empty in COMMENT_DEFAULTS.items():
        if name not in values:
            # into the item's own dict: declared fields (Item.__setitem__ would check each, and
            # Item.setdefault costs a KeyError per missing field)
            values[name] = empty
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
    loader.add_value("crawled_at", crawled_at(now))
    return loader.load_item()
