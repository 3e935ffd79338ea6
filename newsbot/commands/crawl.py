"""``scrapy crawl``, with exit statuses cron can act on (see :mod:`newsbot.exitcodes`).

Scrapy's own ``crawl`` exits 0 unless the crawl could not start. For ``gnuboard`` this command
also checks the arguments and the store before any request (exit 2 / 3), holds the run lock per
store and board (exit 75 when another run holds it; a PostgreSQL store locks across machines),
and exits with the status the run report extension decided (``newsbot/exit_code`` in the stats).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newsbot import exitcodes
from newsbot.arguments import ArgumentError, parse_arguments
from newsbot.commands import why_unwritable
from newsbot.items import COMMENT_FIELDS, Comment, Post
from newsbot.runlock import AlreadyRunning, open_run_lock
from newsbot.sites import login_targets, select_sites
from newsbot.storage import StoreError, open_store
from newsbot.urls import parse_board_url

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--comments-output",
            metavar="FILE",
            help="also write the run's comments to FILE (overwritten; format from its "
            "extension: .csv, .jsonl, .json); -o/-O files hold posts only",
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        defaults = set(self.settings.getdict("FEEDS"))
        super().process_options(args, opts)
        if opts.output or opts.overwrite_output or opts.comments_output:
            # -o/-O name the files the user wants: drop the default per-run CSVs, which
            # Scrapy would otherwise keep beside them. What they name holds posts.
            named = {uri.rsplit(":", 1)[0] for uri in (opts.output or opts.overwrite_output or [])}
            feeds = {
                uri: options if uri in defaults else {"item_classes": [Post], **options}
                for uri, options in self.settings.getdict("FEEDS").items()
                if uri not in defaults or uri in named
            }
            if opts.comments_output:
                feeds[opts.comments_output] = {
                    "format": _format_of(opts.comments_output),
                    "overwrite": True,
                    "item_classes": [Comment],
                    "fields": list(COMMENT_FIELDS),
                }
            self.settings.delete("FEEDS", priority="cmdline")
            self.settings.set("FEEDS", feeds, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. scrapy crawl gnuboard -a url=…")
        assert self.crawler_process is not None
        if args[0] not in self.crawler_process.spider_loader.list():
            # Scrapy's own answer to a typo is a KeyError traceback
            raise UsageError(
                f"unknown spider {args[0]!r}; newsbot's spider is gnuboard: "
                "scrapy crawl gnuboard -a url=…",
                print_help=False,
            )
        if args[0] != "gnuboard":
            super().run(args, opts)
            return
        assert self.settings is not None and self.crawler_process is not None
        job = opts.spargs.get("_job")
        if job and not self.settings.get("NEWSBOT_CRAWL_ID"):
            # a Scrapyd job: its job id names the crawl in the store and the run report
            self.settings.set("NEWSBOT_CRAWL_ID", job, priority="cmdline")
        try:
            parsed = parse_arguments(opts.spargs)
            lock_keys = _lock_keys(parsed, self.settings)
        except ArgumentError as exc:
            raise UsageError(str(exc), print_help=False) from None
        unwritable = _unwritable_outputs(self.settings.getdict("FEEDS"))
        if unwritable:
            # Scrapy would crawl anyway and log a traceback per item: the file is never written.
            raise UsageError(f"cannot write {unwritable[0]}", print_help=False)
        try:
            open_store(self.settings).close()
        except StoreError as exc:
            print(f"newsbot: error: {exc}", file=sys.stderr)
            self.exitcode = exitcodes.STORE_UNUSABLE
            return
        try:
            lock = open_run_lock(self.settings.get("NEWSBOT_DB"), lock_keys).acquire()
        except AlreadyRunning as exc:
            print(f"newsbot: already running: {exc}; this run exits", file=sys.stderr)
            self.exitcode = exitcodes.ALREADY_RUNNING
            return
        except StoreError as exc:
            print(f"newsbot: error: {exc}", file=sys.stderr)
            self.exitcode = exitcodes.STORE_UNUSABLE
            return
        try:
            crawler = self._create_crawler(args[0])
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        finally:
            lock.release()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = exitcodes.CRAWL_FAILED
            return
        stats = crawler.stats
        self.exitcode = int(stats.get_value(exitcodes.STAT_KEY, exitcodes.OK)) if stats else 1
        if self.exitcode and stats:
            # The last line of a failed cron run says why, whatever the log level.
            print(f"newsbot: {stats.get_value(exitcodes.REASON_KEY)}", file=sys.stderr)


def _format_of(path: str) -> str:
    """The feed format a file name asks for, as ``scrapy crawl -o`` reads it."""
    extension = path.rsplit(".", 1)[-1].lower()
    formats = {"csv": "csv", "jsonl": "jsonlines", "jl": "jsonlines", "json": "json"}
    if extension not in formats:
        raise UsageError(f"--comments-output {path}: name a .csv, .jsonl or .json file")
    return formats[extension]


def _unwritable_outputs(feeds: Iterable[str]) -> list[str]:
    """The local feed files (``-o``/``-O``/``--comments-output``, the per-run CSVs) that cannot
    be written, each with the reason; checked without creating anything."""
    problems = []
    for uri in feeds:
        if uri.startswith("file://"):
            path = Path(unquote(urlsplit(uri).path))
        elif "://" in uri or uri.startswith("stdout:"):
            continue  # S3, FTP, standard output: not ours to check
        else:
            path = Path(uri)
        reason = why_unwritable(path)
        if reason:
            problems.append(f"{path}: {reason}")
    return problems


def _lock_keys(parsed, settings) -> list[str]:
    urls = list(parsed.urls)
    chosen = []
    if parsed.site:
        chosen = select_sites(parsed.site, parsed.sites_file or settings.get("NEWSBOT_SITES_FILE"))
        urls = [u for config in chosen for u in config.start_urls()]
    # an account variable that is unset is a bad argument, before any request
    login_targets(urls, chosen, parsed.login)
    keys = []
    for url in urls:
        ref = parse_board_url(url)
        keys.append(f"{ref.site}/{ref.bo_table}" if ref and ref.bo_table else url)
    return keys
