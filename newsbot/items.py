"""The item schemas, ``Post`` and its ``Comment``: each field carries its loader processors and
CSV serializer.

``csv_serializer`` (not Scrapy's ``serializer``) so JSON feeds keep real lists.

Field order here is the column order of every CSV newsbot writes (feed export and
``scrapy export``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import scrapy
from itemadapter import ItemAdapter
from itemloaders.processors import Identity, MapCompose, TakeFirst

from newsbot.processors import (
    MostPrecise,
    Unique,
    drop_empty,
    to_author_ip,
    to_author_name,
    to_count,
    to_datetime,
    to_int,
    to_multiline_text,
    to_text,
    to_url,
)

LIST_SEPARATOR = "\n"


def join_list(values: Any) -> str:
    """Lists go into one cell, one entry per line (Excel shows them wrapped)."""
    if not values:
        return ""
    return LIST_SEPARATOR.join(str(v) for v in values)


def join_attachments(values: Any) -> str:
    if not values:
        return ""
    return LIST_SEPARATOR.join(f"{a['name']} <{a['url']}>" for a in values)


def join_captions(values: Any) -> str:
    if not values:
        return ""
    return LIST_SEPARATOR.join(
        f"{c['caption']} ({c['credit']})" if c.get("credit") else c["caption"] for c in values
    )


def _text(**extra: Any) -> scrapy.Field:
    return scrapy.Field(input_processor=MapCompose(to_text), output_processor=TakeFirst(), **extra)


def _url() -> scrapy.Field:
    """A URL: cleaned as text, but its ``&`` never read as the start of an entity."""
    return scrapy.Field(input_processor=MapCompose(to_url), output_processor=TakeFirst())


def _count() -> scrapy.Field:
    return scrapy.Field(input_processor=MapCompose(to_count), output_processor=TakeFirst())


def _list(serializer=join_list) -> scrapy.Field:
    return scrapy.Field(
        input_processor=MapCompose(drop_empty),
        output_processor=Unique(),
        csv_serializer=serializer,
    )


class Post(scrapy.Item):
    site = _text()
    board = _text()
    board_title = _text()
    post_id = scrapy.Field(input_processor=MapCompose(to_int), output_processor=TakeFirst())
    url = _url()
    # Only list-row titles carry decorations ([3], 새글, …): the loader strips those with
    # ``to_list_title``; a view-page subject that truly ends in "(2)" keeps it.
    title = _text()
    category = _text()
    author = scrapy.Field(input_processor=MapCompose(to_author_name), output_processor=TakeFirst())
    author_id = _text()
    author_ip = scrapy.Field(input_processor=MapCompose(to_author_ip), output_processor=TakeFirst())
    published_at = scrapy.Field(
        input_processor=MapCompose(to_datetime), output_processor=MostPrecise()
    )
    views = _count()
    comments = _count()
    likes = _count()
    dislikes = _count()
    is_notice = scrapy.Field(input_processor=Identity(), output_processor=TakeFirst())
    body_text = scrapy.Field(
        input_processor=MapCompose(to_multiline_text), output_processor=TakeFirst()
    )
    body_html = scrapy.Field(input_processor=MapCompose(drop_empty), output_processor=TakeFirst())
    image_urls = _list()
    attachments = _list(join_attachments)
    links = _list()
    # news fields: filled only when the body is recognisably a news article
    reporter = _list()
    reporter_email = _list()
    publisher = _text()
    article_text = scrapy.Field(
        input_processor=MapCompose(to_multiline_text), output_processor=TakeFirst()
    )
    photo_captions = _list(join_captions)
    source_url = _url()
    # set by the pipelines
    duplicate_of = scrapy.Field()
    crawled_at = scrapy.Field(input_processor=Identity(), output_processor=TakeFirst())
    # store-only: the story fingerprint the dedupe pipeline computes; not a CSV column
    content_hash = scrapy.Field(export=False)
    # store-only: the ids of every comment the view page listed (None when comments were not
    # read): a stored comment of this post missing here was deleted
    comment_ids = scrapy.Field(export=False)


class Comment(scrapy.Item):
    """One comment (댓글) of a post, in page order; the same processors as ``Post``."""

    site = _text()
    board = _text()
    post_id = scrapy.Field(input_processor=MapCompose(to_int), output_processor=TakeFirst())
    comment_id = scrapy.Field(input_processor=MapCompose(to_int), output_processor=TakeFirst())
    url = _url()  # the post's canonical URL + ``#c_<comment_id>``
    parent_comment_id = scrapy.Field(
        input_processor=MapCompose(to_int), output_processor=TakeFirst()
    )
    depth = scrapy.Field(input_processor=Identity(), output_processor=TakeFirst())
    author = scrapy.Field(input_processor=MapCompose(to_author_name), output_processor=TakeFirst())
    author_id = _text()
    author_ip = scrapy.Field(input_processor=MapCompose(to_author_ip), output_processor=TakeFirst())
    published_at = scrapy.Field(
        input_processor=MapCompose(to_datetime), output_processor=MostPrecise()
    )
    body_text = scrapy.Field(
        input_processor=MapCompose(to_multiline_text), output_processor=TakeFirst()
    )
    likes = _count()
    dislikes = _count()
    is_secret = scrapy.Field(input_processor=Identity(), output_processor=TakeFirst())
    crawled_at = scrapy.Field(input_processor=Identity(), output_processor=TakeFirst())


POST_FIELDS: tuple[str, ...] = tuple(
    name for name, meta in Post.fields.items() if meta.get("export", True)
)
COMMENT_FIELDS: tuple[str, ...] = tuple(Comment.fields)
LIST_FIELDS: frozenset[str] = frozenset(
    name for name, meta in Post.fields.items() if isinstance(meta.get("output_processor"), Unique)
)
#: Fields a board shows on every post once newsbot reads it: a run that reads one of them on
#: far fewer posts than the board's stored history did has lost it (the run report exits 5).
WATCHED_FIELDS: tuple[str, ...] = (
    "title",
    "author",
    "published_at",
    "views",
    "comments",
    "category",
    "body_text",
)


def is_comment(item: Any) -> bool:
    """``isinstance(item, Comment)``, answered for a ``Post`` or ``Comment`` by its class alone.

    ``scrapy.Item``'s metaclass is an ``ABCMeta``: testing a ``Post`` against ``Comment`` (or
    any item against ``scrapy.Item``) goes through ``abc.__instancecheck__``, a Python call and
    the ABC caches, ≈ 10 times an identity test; each pipeline step asks it of every item.
    """
    cls = item.__class__
    if cls is Comment:
        return True
    if cls is Post:
        return False
    return isinstance(item, Comment)


def field_values(item: Any) -> Mapping[str, Any]:
    """An item's set fields as a mapping, without a copy: for the per-item code after the
    pipelines (a ``scrapy.Item`` keeps them in its ``_values`` dict; ``Item.get`` costs a
    ``KeyError`` per unset field)."""
    if item.__class__ is Post or item.__class__ is Comment or isinstance(item, scrapy.Item):
        return item._values
    if isinstance(item, Mapping):
        return item
    return ItemAdapter(item).asdict()
