"""``RunReport``: one JSON report per run, a one-screen summary, and the run's exit status.

Scrapy's ``crawl`` exits 0 whatever happened on the site; cron needs more. At spider close this
extension reads the stats, decides the exit status (:mod:`newsbot.exitcodes`) and stores it under
``newsbot/exit_code`` / ``newsbot/exit_reason`` for our ``crawl`` command to return, and writes
``<NEWSBOT_RUNS_DIR>/<crawl id>.json``.

Settings: ``NEWSBOT_RUNS_DIR`` (``data/runs``; empty = no file), ``NEWSBOT_MAX_ERROR_SHARE``
(share of a board's requests that may fail, 0.2), ``NEWSBOT_MAX_EMPTY_SHARE`` (share of a board's
posts that may miss a layout field, 0.5), ``NEWSBOT_LAYOUT_FIELDS`` (title, published_at,
body_text).

Per-item stats it keeps (for field coverage), counted from ``item_scraped`` or, when configured,
by :class:`newsbot.pipelines.report.ReportPipeline` as the last pipeline step:
``newsbot/board/<site>/<board>/items`` and
``…/field/<name>``.

Stats it reads from the spider besides the per-board ones: ``newsbot/unreachable`` and
``newsbot/start_failed`` (a start page did not answer / answered with an error: exit 4, naming
the first such page), ``newsbot/targets/post`` and ``…/post_refused`` (post URLs given as targets,
and how many the site refused: all of them, with every board refused too, is exit 6).
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsbot import exitcodes
from newsbot.crawlid import crawl_id
from newsbot.items import COMMENT_FIELDS, POST_FIELDS, WATCHED_FIELDS, field_values, is_comment
from newsbot.normalize import KST
from newsbot.skins.refusals import GENERIC_REFUSALS

logger = logging.getLogger(__name__)

BOARD_PREFIX = "newsbot/board/"
#: A field read on at least this share of a board's stored posts was "readable before"...
HISTORY_READABLE_SHARE = 0.8
#: ...and is lost when this run reads it on less than this share of the board's posts...
LOST_FIELD_SHARE = 0.5
#: ...out of at least this many posts (fewer say nothing about a layout).
MIN_POSTS_FOR_COVERAGE = 3
#: What counts as a field not read.
EMPTY: tuple[Any, ...] = (None, "", [])
#: Each exported field's count key, under the board's stats prefix.
POST_COUNT_KEYS = {name: f"field/{name}" for name in POST_FIELDS}
COMMENT_COUNT_KEYS = {name: f"comments/field/{name}" for name in COMMENT_FIELDS}


def _filled(values: dict[str, Any], count_keys: dict[str, str]) -> list[str]:
    """The count keys of the fields read (not empty) among ``values``."""
    return [count_keys[n] for n, v in values.items() if v not in EMPTY and n in count_keys]


class RunReport:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.runs_dir = settings.get("NEWSBOT_RUNS_DIR", "data/runs")
        self.max_error_share = settings.getfloat("NEWSBOT_MAX_ERROR_SHARE", 0.2)
        self.max_empty_share = settings.getfloat("NEWSBOT_MAX_EMPTY_SHARE", 0.5)
        self.layout_fields = settings.getlist(
            "NEWSBOT_LAYOUT_FIELDS", ["title", "published_at", "body_text"]
        )
        self.started_at = datetime.now(KST)
        self.report: dict[str, Any] | None = None
        # per board: "items", "field/<name>", "layout_empty", "duplicate" / "comments/…" counts
        self.post_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.comment_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.comments_scraped = 0
        # until the report pipeline, when configured, takes the counting over (see
        # :mod:`newsbot.pipelines.report`: a step of the pipeline chain costs an item less than a
        # receiver of Scrapy's ``item_scraped``)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        return cls(crawler)

    def take_items_from_pipeline(self) -> Callable[[Any], None]:
        """:class:`newsbot.pipelines.report.ReportPipeline` passes the scraped items on, as the
        last pipeline step: ``item_scraped`` would count them twice."""
        self.crawler.signals.disconnect(self.item_scraped, signal=signals.item_scraped)
        return self.item_scraped

    # -- per item --------------------------------------------------------------------------------

    def item_scraped(self, item: Any) -> None:
        # Counted here and added to the stats once at the end: a stats call per field of every
        # post and comment was ≈ 40 calls an item through Scrapy's wrapped stats methods.
        values = field_values(item)
        board = f"{values.get('site') or 'unknown'}/{values.get('board') or 'unknown'}"
        if is_comment(item):
            self.comments_scraped += 1
            counts = self.comment_counts[board]
            counts.update(_filled(values, COMMENT_COUNT_KEYS))
            counts["comments/scraped"] += 1
            return
        counts = self.post_counts[board]
        counts.update(_filled(values, POST_COUNT_KEYS))
        counts["items"] += 1
        if any(values.get(name) in EMPTY for name in self.layout_fields):
            counts["layout_empty"] += 1
        if values.get("duplicate_of"):
            counts["duplicate"] += 1

    def _add_item_counts(self) -> None:
        """The per-item counts into the stats, under the keys the report and tests read."""
        if self.comments_scraped:
            self.stats.inc_value("newsbot/comments/scraped", self.comments_scraped)
        for per_board in (self.post_counts, self.comment_counts):
            for board, counts in per_board.items():
                for name, count in counts.items():
                    self.stats.inc_value(f"{BOARD_PREFIX}{board}/{name}", count)
        self.comments_scraped = 0
        self.post_counts.clear()
        self.comment_counts.clear()

    def item_dropped(self, item: Any, exception: DropItem) -> None:
        board = _board_key(item)
        if is_comment(item):
            self.stats.inc_value(f"{BOARD_PREFIX}{board}/comments/dropped")
            return
        message = str(exception)
        if message.startswith("missing "):
            self.stats.inc_value(f"{BOARD_PREFIX}{board}/invalid")
            self.stats.inc_value(f"{BOARD_PREFIX}{board}/layout_empty")
        elif message.startswith("same story"):
            self.stats.inc_value(f"{BOARD_PREFIX}{board}/duplicate")
        else:
            self.stats.inc_value(f"{BOARD_PREFIX}{board}/dropped")

    # -- at the end ------------------------------------------------------------------------------

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.crawl_id = crawl_id(self.crawler)
        self._add_item_counts()
        stats = self.stats.get_stats()
        boards = self._boards(spider, stats)
        code, why = self._verdict(stats, boards, reason)
        self.stats.set_value(exitcodes.STAT_KEY, code)
        self.stats.set_value(exitcodes.REASON_KEY, why)
        self.report = {
            "crawl_id": self.crawl_id,
            "spider": spider.name,
            "arguments": _jsonable(getattr(spider, "args", {})),
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": datetime.now(KST).isoformat(timespec="seconds"),
            "finish_reason": reason,
            "exit_status": code,
            "exit_reason": why,
            "totals": {
                "requests": stats.get("downloader/request_count", 0),
                "posts_scraped": stats.get("item_scraped_count", 0)
                - stats.get("newsbot/comments/scraped", 0),
                "comments_scraped": stats.get("newsbot/comments/scraped", 0),
                "new": stats.get("newsbot/store/new", 0),
                "updated": stats.get("newsbot/store/updated", 0),
                "unchanged": stats.get("newsbot/store/unchanged", 0),
                "edited": stats.get("newsbot/store/edited", 0),
                "deleted": stats.get("newsbot/store/deleted", 0),
                "comments": _sub(_with_prefix(stats, "newsbot/store/"), "comments/"),
                "errors": _with_prefix(stats, "newsbot/errors/"),
                "refused": _with_prefix(stats, "newsbot/refused/"),
                "normalize_failed": _with_prefix(stats, "newsbot/normalize/"),
            },
            "boards": boards,
        }
        self._write()
        self._log_summary()

    def _boards(self, spider: Spider, stats: dict[str, Any]) -> dict[str, Any]:
        keys = set(getattr(spider, "boards", {}) or {})
        for name in stats:
            if name.startswith(BOARD_PREFIX) and name.endswith("/items"):
                keys.add(name[len(BOARD_PREFIX) : -len("/items")])
        boards: dict[str, Any] = {}
        for key in sorted(keys):
            own = _with_prefix(stats, f"{BOARD_PREFIX}{key}/")
            items = own.get("items", 0)
            boards[key] = {
                "list_pages": own.get("list_pages", 0),
                "list_pages_failed": own.get("list_failed", 0),
                "list_refused": bool(own.get("list_refused")),
                "listed_rows": own.get("listed", 0),
                "posts": {
                    "scraped": items,
                    "new": own.get("new", 0),
                    "updated": own.get("updated", 0),
                    "unchanged": own.get("unchanged", 0),
                    "duplicate": own.get("duplicate", 0),
                    "invalid": own.get("invalid", 0),
                    "layout_empty": max(
                        own.get("layout_empty", 0), own.get("view_layout_empty", 0)
                    ),
                    "edited": own.get("edited", 0),
                    "deleted": own.get("deleted", 0),
                },
                "comments": _comments(own),
                "fetched": _sub(own, "fetch/"),
                "skipped": _sub(own, "skipped/"),
                "refused": _sub(own, "refused/"),
                "errors": _sub(own, "errors/"),
                "field_coverage": {
                    name: round(own.get(f"field/{name}", 0) / items, 3) if items else 0.0
                    for name in POST_FIELDS
                },
                "empty_list": bool(own.get("empty_list")),
                "list_view_disagreements": _sub(own, "crosscheck/"),
                "history": _sub(own, "history/"),
            }
        return boards

    def _verdict(
        self, stats: dict[str, Any], boards: dict[str, Any], reason: str
    ) -> tuple[int, str]:
        if stats.get("newsbot/store/lost"):
            return exitcodes.STORE_UNUSABLE, (
                f"store: {stats['newsbot/store/lost']} posts could not be written"
            )
        if stats.get("newsbot/unreachable"):
            return exitcodes.SITE_ERRORS, f"cannot reach {stats.get(exitcodes.UNREACHABLE_KEY)}"
        if stats.get("newsbot/errors/not_gnuboard"):
            return exitcodes.BAD_ARGUMENTS, (
                f"not a gnuboard board or site: {stats.get(exitcodes.NOT_GNUBOARD_KEY)}"
            )
        listed = stats.get(exitcodes.BOARDS_LISTED_KEY) or []
        missing = sorted(set(stats.get(exitcodes.BOARDS_WANTED_KEY) or ()) - set(listed))
        if missing:
            return exitcodes.BAD_ARGUMENTS, (
                f"boards={','.join(missing)} not found: the site's menus list {', '.join(listed)}"
            )
        failed_logins = stats.get("newsbot/login/failed_sites")
        if failed_logins:
            return exitcodes.LOGIN_FAILED, f"login failed on {', '.join(failed_logins)}"
        for key, board in boards.items():
            broken = self._layout_problem(key, board)
            if broken:
                return exitcodes.LAYOUT_BROKEN, broken
        for key, board in boards.items():
            errors = sum(board["errors"].values())
            requests = board["list_pages"] + sum(board["fetched"].values())
            if board["list_pages_failed"]:
                return (
                    exitcodes.SITE_ERRORS,
                    f"errors: a list page of {key} failed ({errors} errors)",
                )
            if requests and errors / requests > self.max_error_share:
                return (
                    exitcodes.SITE_ERRORS,
                    f"errors: {errors} of {requests} requests to {key} failed",
                )
        if stats.get("newsbot/start_failed"):
            return exitcodes.SITE_ERRORS, f"errors: {stats.get(exitcodes.START_FAILED_KEY)} failed"
        post_targets = stats.get("newsbot/targets/post", 0)
        if (
            (boards or post_targets)
            and all(b["list_refused"] for b in boards.values())
            and stats.get("newsbot/targets/post_refused", 0) == post_targets
        ):
            what = "board refused its list" if boards else "post was refused"
            if boards and post_targets:
                what = "board and post refused"
            if boards:  # the last line of a cron log names the boards and why
                named = [f"{key} ({', '.join(sorted(b['refused']))})" for key, b in boards.items()]
                more = f" and {len(named) - 3} more" if len(named) > 3 else ""
                return exitcodes.NOTHING_READABLE, f"every {what}: {', '.join(named[:3])}{more}"
            refused = _with_prefix(stats, "newsbot/refused/")
            reasons = ", ".join(f"{r} {n}" for r, n in sorted(refused.items())) or "see refused"
            return exitcodes.NOTHING_READABLE, f"every {what} ({reasons})"
        if reason not in ("finished", "shutdown"):
            return exitcodes.SITE_ERRORS, f"the crawl stopped early: {reason}"
        return exitcodes.OK, "ok"

    def _layout_problem(self, key: str, board: dict[str, Any]) -> str | None:
        """Why this board's posts or list could not be read, or None when they could."""
        posts = board["posts"]["scraped"] + board["posts"]["invalid"]
        empty = board["posts"]["layout_empty"]
        if posts and empty / posts > self.max_empty_share:
            missing = [
                name
                for name in self.layout_fields
                if board["field_coverage"].get(name, 0.0) < 1 - self.max_empty_share
            ]
            return (
                f"layout: {empty} of {posts} posts on {key} miss "
                f"{', '.join(missing) or '/'.join(self.layout_fields)}"
            )
        fetched = sum(board["fetched"].values())
        generic = sum(n for reason, n in board["refused"].items() if reason in GENERIC_REFUSALS)
        if fetched and not posts and generic and generic >= fetched - sum(board["errors"].values()):
            reasons = ", ".join(f"{r} {n}" for r, n in sorted(board["refused"].items()))
            return (
                f"unreadable: {key} lists {board['listed_rows']} posts but none of the "
                f"{fetched} fetched could be read (refused: {reasons})"
            )
        lost = self._lost_fields(board, posts)
        if lost:
            return f"layout: on {key} newsbot no longer reads {'; '.join(lost)}"
        if (
            board["list_pages"]
            and not board["listed_rows"]
            and not board["empty_list"]
            and not board["list_refused"]
            and not board["errors"]
        ):
            return (
                f"layout: no posts found on the list of {key} (no rows with post links, and "
                "no empty-board message)"
            )
        return None

    @staticmethod
    def _lost_fields(board: dict[str, Any], posts: int) -> list[str]:
        """Fields the stored history shows on most posts that this run read on few."""
        history = board["history"]
        if posts < MIN_POSTS_FOR_COVERAGE or history.get("posts", 0) < MIN_POSTS_FOR_COVERAGE:
            return []
        lost = []
        for name in WATCHED_FIELDS:
            before = history.get(name, 0.0)
            now = board["field_coverage"].get(name, 0.0)
            if before >= HISTORY_READABLE_SHARE and now < LOST_FIELD_SHARE:
                lost.append(f"{name} ({now:.0%} of {posts} posts, {before:.0%} before)")
        return lost

    def _write(self) -> None:
        if not self.runs_dir or self.report is None:
            return
        path = Path(self.runs_dir) / f"{self.crawl_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.report, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stats.set_value("newsbot/report_path", str(path))

    def _log_summary(self) -> None:
        assert self.report is not None
        totals = self.report["totals"]
        lines = [
            f"newsbot run {self.crawl_id}: exit {self.report['exit_status']} "
            f"({self.report['exit_reason']})",
            f"  requests {totals['requests']}, posts {totals['posts_scraped']} "
            f"(new {totals['new']}, updated {totals['updated']}, "
            f"unchanged {totals['unchanged']})",
        ]
        for key, board in self.report["boards"].items():
            posts = board["posts"]
            lines.append(
                f"  {key}: {board['list_pages']} list pages, {posts['scraped']} posts "
                f"(new {posts['new']}, updated {posts['updated']}, duplicate "
                f"{posts['duplicate']}), skipped {sum(board['skipped'].values())}, refused "
                f"{dict(board['refused']) or 0}, errors {dict(board['errors']) or 0}"
            )
            comments, posts = board["comments"], board["posts"]
            if comments["scraped"] or comments["deleted"] or posts["edited"] or posts["deleted"]:
                lines.append(
                    f"    comments {comments['scraped']} (new {comments['new']}, updated "
                    f"{comments['updated']}, deleted {comments['deleted']}, count mismatches "
                    f"{comments['count_mismatches']}); posts edited {posts['edited']}, "
                    f"deleted {posts['deleted']}"
                )
        if totals["errors"]:
            lines.append(f"  errors: {totals['errors']}")
        logger.info("\n".join(lines))


def _comments(own: dict[str, Any]) -> dict[str, Any]:
    """A board's comments: read, stored (new/updated/unchanged/deleted), secret, deleted
    placeholders, posts whose count disagrees with their page, and field coverage."""
    comments = _sub(own, "comments/")
    items = comments.get("scraped", 0)
    return {
        "scraped": items,
        **{
            name: comments.get(name, 0)
            for name in ("new", "updated", "unchanged", "deleted", "secret", "dropped")
        },
        "deleted_placeholders": comments.get("deleted_placeholder", 0),
        "count_mismatches": comments.get("count_mismatch", 0),
        # comment lists loaded by a separate (AJAX) request, and those that failed their post
        "loads": comments.get("loads", 0),
        "load_failed": comments.get("load_failed", 0),
        "field_coverage": {
            name: round(comments.get(f"field/{name}", 0) / items, 3) if items else 0.0
            for name in COMMENT_FIELDS
        },
    }


def _board_key(item: Any) -> str:
    return f"{item.get('site') or 'unknown'}/{item.get('board') or 'unknown'}"


def _with_prefix(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix)}


def _sub(own: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix) :]: v for k, v in own.items() if k.startswith(prefix)}


def _jsonable(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {k: _jsonable(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
