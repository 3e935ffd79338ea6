"""``scrapy demo``: serve the bundled sample site on 127.0.0.1 and crawl it into the store and CSV.

The store is ``NEWSBOT_DB``'s: SQLite by default, PostgreSQL with ``NEWSBOT_DB=postgresql://…``.

Like ``scrapy bench``, it needs nothing but the project: the sample gnuboard5 site in
``fixtures/sites/sample`` is served from a thread of this process, and ``gnuboard`` crawls it
with the project's settings (politeness delays are lifted: the server is our own).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scrapy.commands import ScrapyCommand

from newsbot import exitcodes
from newsbot.fixture_server import FixtureServer
from newsbot.storage import StoreError, open_store, parse_db_url

SAMPLE_SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "sample"
SAMPLE_BOARDS = ("it_science",)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = True
    #: Our own loopback server needs no politeness; applied above the project's settings.
    demo_settings = {
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    }

    def short_desc(self) -> str:
        return "Serve the bundled sample gnuboard site on 127.0.0.1 and crawl it"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--port", type=int, default=8765, help="port to serve on (0: any)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None and self.crawler_process is not None
        for name, value in self.demo_settings.items():
            if self.settings.getpriority(name) < 40:  # leave what -s NAME=… said
                self.settings.set(name, value, priority="cmdline")
        try:
            server = FixtureServer(SAMPLE_SITE, port=opts.port).start()
        except OSError as exc:  # the port is taken (a second demo, another server)
            print(
                f"newsbot: error: cannot serve the sample site on 127.0.0.1:{opts.port} "
                f"({exc.strerror or exc}); give another port: scrapy demo --port 0 (any free one)",
                file=sys.stderr,
            )
            self.exitcode = exitcodes.CRAWL_FAILED
            return
        started = time.monotonic()
        try:
            urls = ",".join(
                f"{server.base_url}/bbs/board.php?bo_table={board}" for board in SAMPLE_BOARDS
            )
            print(f"serving the sample site at {server.base_url}/ ; crawling {urls}")
            crawler = self.crawler_process.create_crawler("gnuboard")
            self.crawler_process.crawl(crawler, url=urls)
            self.crawler_process.start()
        finally:
            server.stop()
        elapsed = time.monotonic() - started
        stats = crawler.stats.get_stats() if crawler.stats else {}
        self.exitcode = int(stats.get(exitcodes.STAT_KEY, exitcodes.OK))
        db = parse_db_url(self.settings.get("NEWSBOT_DB"))
        try:
            store = open_store(self.settings)
        except StoreError as exc:
            print(f"newsbot: error: {exc}")
            self.exitcode = exitcodes.STORE_UNUSABLE
            return
        try:
            stored = store.count_posts()
        finally:
            store.close()
        exports = sorted(
            (Path(self.settings.get("NEWSBOT_HOME")) / "exports").glob("gnuboard_*.csv"),
            key=lambda p: p.stat().st_mtime,
        )
        comment_exports = [p for p in exports if "_comments_" in p.name]
        exports = [p for p in exports if "_comments_" not in p.name]
        comments = stats.get("newsbot/comments/scraped", 0)
        print()
        print("newsbot demo finished")
        print(f"  posts scraped this run : {stats.get('item_scraped_count', 0) - comments}")
        print(f"  comments (댓글)        : {comments}")
        print(
            f"  new / updated / same   : {stats.get('newsbot/store/new', 0)} / "
            f"{stats.get('newsbot/store/updated', 0)} / {stats.get('newsbot/store/unchanged', 0)}"
        )
        print(f"  pages requested        : {stats.get('downloader/request_count', 0)}")
        print(f"  took                   : {elapsed:.1f} s")
        backend = "PostgreSQL" if db.kind == "postgresql" else "SQLite"
        print(f"  {backend:<23}: {db.shown} ({stored} posts stored)")
        if exports:
            print(f"  CSV (this run)         : {exports[-1]}")
        if comment_exports:
            print(f"  comments CSV           : {comment_exports[-1]}")
        print(f"  exit status            : {self.exitcode}")
