"""Loader processors: thin wrappers that call :mod:`newsbot.normalize` and count what failed.

A value that cannot be understood becomes empty, is logged with its raw text, and is counted under
``newsbot/normalize/<kind>_failed``, so a layout change shows up in the stats rather than as junk.
The loader context carries ``now`` (the crawl time, for list dates without a year),
``crawl_stats`` and ``url``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from newsbot import normalize
from newsbot.normalize import BoardDateTime

logger = logging.getLogger(__name__)

MASKED_IP_RE = re.compile(r"\d{1,3}\.[♡*\d]{1,3}\.[♡*\d]{1,3}\.\d{1,3}")


def _failed(kind: str, raw: Any, loader_context: Mapping[str, Any]) -> None:
    stats = loader_context.get("crawl_stats")
    if stats is not None:
        stats.inc_value(f"newsbot/normalize/{kind}_failed")
    logger.warning(
        "could not read %s from %r on %s", kind, raw, loader_context.get("url", "(no url)")
    )


def to_datetime(value: Any, loader_context: Mapping[str, Any]) -> BoardDateTime | None:
    if isinstance(value, BoardDateTime):
        return value
    parsed = normalize.parse_board_datetime(value, loader_context["now"])
    if parsed is None and normalize.clean_text(value):
        _failed("date", value, loader_context)
    return parsed


def to_count(value: Any, loader_context: Mapping[str, Any]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    parsed = normalize.parse_count(value)
    if parsed is None and normalize.clean_text(value) not in ("", "-"):
        _failed("count", value, loader_context)
    return parsed


def to_author_name(value: Any) -> str | None:
    return normalize.parse_author(value)[0]


def to_author_ip(value: Any) -> str | None:
    """Takes either the bare masked IP or the whole author text ``홍길동 (123.♡.45.67)``."""
    text = normalize.clean_text(value)
    if MASKED_IP_RE.fullmatch(text):
        return text
    return normalize.parse_author(text)[1]


def to_int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def to_text(value: Any) -> str | None:
    return normalize.clean_text(value) or None


def to_url(value: Any) -> str | None:
    return normalize.clean_url(value) or None


def to_list_title(value: Any) -> str | None:
    return normalize.clean_title(value) or None


def to_multiline_text(value: Any) -> str | None:
    return normalize.clean_multiline_text(value) or None


def drop_empty(value: Any) -> Any:
    return None if value in ("", None) else value


class MostPrecise:
    """Output processor for dates: the most precise reading wins; on a tie, the first given.

    The spider adds the view page's dates before the list row's hint, so a full ``23-09-05 14:10``
    beats the list's yearless ``09-05``, while a list value still fills a view that shows none.
    """

    def __call__(self, values: Iterable[BoardDateTime]) -> str | None:
        best: BoardDateTime | None = None
        for value in values:
            if value is not None and (best is None or value.precision > best.precision):
                best = value
        return best.isoformat() if best else None


class Unique:
    """Output processor for lists: keep order, drop repeats and empties."""

    def __call__(self, values: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if value not in (None, "") and value not in out:
                out.append(value)
        return out
