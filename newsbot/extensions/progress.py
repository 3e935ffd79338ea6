"""``ProgressDisplay``: a live line per board while a crawl runs in a terminal.

Per board: list pages read / the pager's last page, posts fetched / posts to fetch (the bar;
while the board is still paging, extrapolated to the last page),
rows listed, refusals, errors, the rate in posts per second and the time left at that rate.
Log lines keep printing above the display (rich's live display owns the terminal; the log
handlers writing to stderr are pointed at it while it runs).

Only when stderr is a terminal: nothing of it under cron, in a pipe, or in a file; off with
``-s NEWSBOT_PROGRESS=0``. The end-of-run summary of :mod:`newsbot.extensions.runreport` stays.

Reads the stats the spider keeps (``newsbot/board/<site>/<board>/…``: ``list_pages``,
``last_page``, ``listed``, ``fetch/*``, ``posts_done``, ``refused/*``, ``errors/*``) every
``NEWSBOT_PROGRESS_INTERVAL`` seconds (0.5).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

BOARD_PREFIX = "newsbot/board/"


class PostRateColumn(ProgressColumn):
    """Posts per second, from rich's moving window over the task's progress."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("– posts/s" if speed is None else f"{speed:.1f} posts/s")


class ProgressDisplay:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            PostRateColumn(),
            TimeRemainingColumn(),
            console=self.console,
            redirect_stderr=True,
            redirect_stdout=False,
        )
        self.tasks: dict[str, TaskID] = {}
        self.loop: task.LoopingCall | None = None
        self.moved_handlers: list[logging.StreamHandler] = []
        crawler.signals.connect(self.start, signal=signals.engine_started)
        crawler.signals.connect(self.stop, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressDisplay:
        if not crawler.settings.getbool("NEWSBOT_PROGRESS", True):
            raise NotConfigured
        if not sys.stderr.isatty():
            raise NotConfigured  # cron, a pipe, a file: the log is enough
        return cls(crawler, crawler.settings.getfloat("NEWSBOT_PROGRESS_INTERVAL", 0.5))

    def start(self) -> None:
        original = sys.stderr
        self.progress.start()
        # Scrapy's log handler kept the stderr of its start-up; send it through the live
        # display so log lines print above the bars instead of through them.
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is original:
                handler.setStream(sys.stderr)
                self.moved_handlers.append(handler)
        self.loop = task.LoopingCall(self.refresh)
        self.loop.start(self.interval, now=True)

    def stop(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.refresh(final=True)
        self.progress.stop()
        for handler in self.moved_handlers:
            handler.setStream(sys.stderr)
        self.moved_handlers.clear()

    def refresh(self, final: bool = False) -> None:
        for key, board in board_progress(self.crawler.stats.get_stats(), final).items():
            if key not in self.tasks:
                self.tasks[key] = self.progress.add_task(key, total=None, detail="")
            self.progress.update(
                self.tasks[key],
                completed=board["done"],
                total=board["to_fetch"] or None,
                detail=board["detail"],
            )


def board_progress(stats: dict[str, Any], final: bool = False) -> dict[str, dict[str, Any]]:
    """Per board key: posts done and to fetch, and the detail text of its line.

    While a board is still paging, posts to fetch are extrapolated to the pager's last page;
    ``final`` (the run ended) shows what was actually planned.
    """
    boards: dict[str, dict[str, int]] = {}
    for name, value in stats.items():
        if not name.startswith(BOARD_PREFIX) or not isinstance(value, int | float):
            continue
        rest = name[len(BOARD_PREFIX) :]
        for field in ("/list_pages", "/last_page", "/listed", "/posts_done", "/list_done"):
            if rest.endswith(field):
                boards.setdefault(rest[: -len(field)], {})[field[1:]] = int(value)
                break
        else:
            for group in ("/fetch/", "/refused/", "/errors/"):
                if group in rest:
                    key = rest.split(group, 1)[0]
                    counts = boards.setdefault(key, {})
                    counts[group.strip("/")] = counts.get(group.strip("/"), 0) + int(value)
                    break
    shown = {}
    for key, counts in sorted(boards.items()):
        if not counts.get("list_pages") and not counts.get("fetch"):
            continue
        pages = counts.get("list_pages", 0)
        last = counts.get("last_page")
        to_fetch = counts.get("fetch", 0)
        if not final and not counts.get("list_done") and last and 0 < pages < last:
            # Still paging: expect the pages to come to list as many posts to fetch as the
            # ones read so far, so the bar and the time left cover the whole board.
            to_fetch = round(to_fetch * last / pages)
        shown[key] = {
            "done": counts.get("posts_done", 0),
            "to_fetch": to_fetch,
            "detail": (
                f"list {pages}/{last if last else '?'} · listed {counts.get('listed', 0)}"
                f" · refused {counts.get('refused', 0)} · errors {counts.get('errors', 0)}"
            ),
        }
    return shown
