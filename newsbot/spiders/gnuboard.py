"""``GnuboardSpider``: decides what to request next on gnuboard boards. No selectors live here.

    scrapy crawl gnuboard -a url=https://example.com/bbs/board.php?bo_table=news
    scrapy crawl gnuboard -a site=mysite            # from the sites file
    scrapy crawl gnuboard -a url=https://example.com/ -a boards=news,free

Walks each board's list pages in order until the pager's last page (or ``max_pages``, ``since``,
or — in incremental runs — the first page with nothing new), requests each post once, and
yields one ``Post`` per post. Pages that are refusals (no permission, secret, deleted, missing
board, login) are logged once with their reason and counted as ``newsbot/refused/<reason>``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from OpenSSL import SSL
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from w3lib.url import add_or_replace_parameter

from newsbot import exitcodes
from newsbot.arguments import CrawlArguments, parse_arguments
from newsbot.crawlid import crawl_id
from newsbot.crosscheck import disagreements
from newsbot.incremental import GUEST_REFUSALS, CrawlPolicy, Fetch, plan_list_page
from newsbot.items import WATCHED_FIELDS
from newsbot.loaders import load_comment, load_post
from newsbot.middlewares.login import LOGGED_IN_META, SESSION_LOST_META, LoginFailed
from newsbot.normalize import KST, parse_count
from newsbot.robots import disallowing_rule
from newsbot.sites import LoginTarget, SiteConfig, login_targets, select_sites
from newsbot.skins.ajax_comments import (
    comment_loads_to_follow,
    find_comment_loads,
    order_comment_pages,
    page_number,
    parse_comment_answer,
)
from newsbot.skins.base import ListRow, RawPost
from newsbot.skins.comments import CommentBlock, extract_comments, prints_all_comments
from newsbot.skins.gnuboard import (
    BoardSkins,
    board_ref_for_page,
    extract_post,
    find_board_links,
    forget_page,
    is_gnuboard_page,
    page_bo_table,
    resolve_links,
)
from newsbot.skins.login import same_site
from newsbot.skins.page import page_selector
from newsbot.skins.refusals import UNKNOWN_ALERT, detect_refusal, refusal_message
from newsbot.storage import PostStore, open_store
from newsbot.urls import BoardRef, gets_mobile_skin, parse_board_url

logger = logging.getLogger(__name__)


#: Paging ended for one of these reasons: the board's list was read as far as it needed to be.
COMPLETE_STOPS = frozenset({"last_page", "empty_page", "all_known", "since"})
#: gnuboard6 answers a refusal with its alert page and one of these statuses; any other page
#: with them is an error (``http_403``/``http_404``), decided after reading the page.
REFUSAL_STATUSES = [403, 404]
#: How much of an HTML page's end to search for ``</html>`` (a cut-off page lacks it).
HTML_END_WINDOW = 4096


@dataclass
class BoardState:
    ref: BoardRef
    start_url: str  # the list URL as given (keeps sca/stx filters when paging)
    board_title: str | None = None
    pages: int = 0
    refused: str | None = None
    resume: bool = False  # the last run did not read this board's list to its end
    discovered: bool = False  # found from a site's links, not named by the user
    list_failed: bool = False
    stop_reason: str | None = None
    seen: set[int | str] = field(default_factory=set)
    disagreeing: set[str] = field(default_factory=set)  # fields the cross-check flagged
    skins: BoardSkins = field(default_factory=BoardSkins)  # its pages' skin tables so far

    @property
    def list_complete(self) -> bool:
        return not self.list_failed and self.stop_reason in COMPLETE_STOPS

    @property
    def key(self) -> str:
        return f"{self.ref.site}/{self.ref.bo_table}"

    def page_url(self, page: int) -> str:
        parts = urlsplit(self.start_url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
        if page > 1:
            query.append(("page", str(page)))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


@dataclass
class PendingPost:
    """A post read off its view page, waiting for its cut related links' real targets."""

    raw: RawPost
    ref: BoardRef
    post_id: int
    row: ListRow | None
    board_title: str | None
    targets: dict[str, str] = field(default_factory=dict)  # link.php URL -> its Location
    comments: CommentBlock | None = None  # None when this run does not collect comments
    #: Further comment pages (``cpage=``/``comment_page=``) still to read, and those read.
    comment_pages: list[str] = field(default_factory=list)
    comment_pages_read: set[str] = field(default_factory=set)
    #: Comment lists the skin loads by a separate (AJAX) request: still to read, read, the
    #: page numbers already had, and the page each comment came from (to order them).
    comment_loads: list[str] = field(default_factory=list)
    comment_loads_read: set[str] = field(default_factory=set)
    comment_load_pages: set[int] = field(default_factory=set)
    comment_page_of: dict[int, int] = field(default_factory=dict)

    @property
    def board_key(self) -> str:
        return f"{self.ref.site}/{self.ref.bo_table}"


class GnuboardSpider(scrapy.Spider):
    name = "gnuboard"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(name=self.name)
        self.args: CrawlArguments = parse_arguments(kwargs)
        self.site_configs: list[SiteConfig] = []
        self.boards: dict[str, BoardState] = {}
        self.store: PostStore | None = None
        self.policy: CrawlPolicy | None = None
        self.login_targets: list[LoginTarget] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GnuboardSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._configure(crawler)
        return spider

    def _configure(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if self.args.site:
            self.site_configs = select_sites(
                self.args.site, self.args.sites_file or settings.get("NEWSBOT_SITES_FILE")
            )
        now_setting = settings.get("NEWSBOT_NOW")
        now = datetime.fromisoformat(now_setting) if now_setting else datetime.now(KST)
        self.fixed_now = bool(now_setting)
        refresh = self.args.refresh_days
        self.policy = CrawlPolicy(
            now=now.astimezone(KST),
            full=self.args.full,
            refresh_days=settings.getint("NEWSBOT_REFRESH_DAYS") if refresh is None else refresh,
            since=self.args.since,
            max_pages=self.args.max_pages,
        )
        self._apply_site_settings(settings)
        # read by LoginMiddleware; the accounts come from the environment only
        self.login_targets = login_targets(self.start_targets(), self.site_configs, self.args.login)
        self.store = open_store(settings)
        self.allowed_domains = sorted({urlsplit(u).hostname or "" for u in self.start_targets()})
        refs = [parse_board_url(u) for u in self.start_targets()]
        # Used in the default CSV file name (FEEDS in settings): which boards this run read.
        self.feed_label = "-".join(sorted({r.bo_table for r in refs if r and r.bo_table}))[:80]
        self.feed_label = self.feed_label or "site"
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    def _apply_site_settings(self, settings: Any) -> None:
        """Per-site delay and concurrency from the sites file become Scrapy download slots."""
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        for config in self.site_configs:
            slot = {}
            if config.concurrency is not None:
                slot["concurrency"] = config.concurrency
            if config.download_delay is not None:
                slot["delay"] = config.download_delay
            if slot:
                slots[urlsplit(config.base_url).hostname or ""] = slot
        if slots:
            settings.set("DOWNLOAD_SLOTS", slots, priority="spider")

    def _site_for(self, url: str) -> SiteConfig | None:
        for config in self.site_configs:
            if url.startswith(config.base_url + "/") or url == config.base_url:
                return config
        return None

    def _request(self, url: str, **kwargs: Any) -> scrapy.Request:
        """Every request goes out through here: per-site user agent and encoding apply."""
        config = self._site_for(url)
        user_agent = self.crawler.settings.get("USER_AGENT") or ""
        if config is not None:
            if config.user_agent:
                user_agent = config.user_agent
                kwargs.setdefault("headers", {})["User-Agent"] = config.user_agent
            if config.encoding:
                kwargs.setdefault("meta", {})["newsbot_encoding"] = config.encoding
        if gets_mobile_skin(user_agent):
            # gnuboard5 would serve a phone user agent its mobile skin: ask for the PC one,
            # which carries the full markup (device is list state: not part of any post's id).
            url = add_or_replace_parameter(url, "device", "pc")
        return scrapy.Request(url, **kwargs)

    def _closed(self) -> None:
        if self.store is None:
            return
        run = crawl_id(self.crawler)
        for board in self.boards.values():
            if board.refused is None and board.pages:
                self.store.record_board(
                    board.ref.site, board.ref.bo_table or "", board.list_complete, run
                )
        self.store.close()

    def now(self) -> datetime:
        assert self.policy is not None
        return self.policy.now if self.fixed_now else datetime.now(KST)

    def start_targets(self) -> list[str]:
        if self.site_configs:
            return [url for config in self.site_configs for url in config.start_urls()]
        return list(self.args.urls)

    # -- requests --------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_targets():
            ref = parse_board_url(url)
            if ref is None or ref.bo_table is None:
                yield self._request(
                    url,
                    callback=self.parse_site_root,
                    errback=self.failed,
                    meta={"newsbot_kind": "site", "newsbot_start": True},
                )
            elif ref.wr_id is not None or ref.slug is not None:
                self._count("newsbot/targets/post")
                request = self._post_request(url, board=None, row=None, why=Fetch.NEW)
                request.meta["newsbot_start"] = True
                yield request
            else:
                board = self._board(ref, url)
                for request in self._retry_failed(board):
                    yield request
                request = self._list_request(board, ref.page or 1)
                request.meta["newsbot_start"] = True
                yield request

    def _board(self, ref: BoardRef, start_url: str) -> BoardState:
        board = BoardState(ref=ref, start_url=start_url)
        if board.key not in self.boards:
            assert self.store is not None
            complete = self.store.board_list_complete(ref.site, ref.bo_table or "")
            board.resume = complete is False
            self._record_history(board)
        return self.boards.setdefault(board.key, board)

    def _record_history(self, board: BoardState) -> None:
        """What earlier runs read on this board, for the run report to notice a field lost."""
        assert self.store is not None
        stored, coverage = self.store.field_coverage(
            board.ref.site, board.ref.bo_table or "", WATCHED_FIELDS
        )
        self.crawler.stats.set_value(f"newsbot/board/{board.key}/history/posts", stored)
        for name, share in coverage.items():
            self.crawler.stats.set_value(f"newsbot/board/{board.key}/history/{name}", share)

    def _retry_failed(self, board: BoardState) -> Iterator[scrapy.Request]:
        """Posts that failed in earlier runs come first: they are not "known"."""
        assert self.store is not None
        for post_id, url in self.store.failed_posts(board.ref.site, board.ref.bo_table or ""):
            board.seen.add(post_id)
            self._count(f"newsbot/fetch/{Fetch.RETRY.value}")
            self._count(f"newsbot/board/{board.key}/fetch/{Fetch.RETRY.value}")
            yield self._post_request(url, board, None, Fetch.RETRY, post_id=post_id)

    def _list_request(self, board: BoardState, page: int) -> scrapy.Request:
        return self._request(
            board.page_url(page),
            callback=self.parse_list,
            errback=self.failed,
            cb_kwargs={"board_key": board.key, "page": page},
            meta={
                "newsbot_board": board.key,
                "newsbot_kind": "list",
                "handle_httpstatus_list": REFUSAL_STATUSES,
            },
            # Our own bookkeeping decides what is requested once; the dupefilter would also
            # swallow a redirect back to the same URL without a trace.
            dont_filter=True,
        )

    def _post_request(
        self,
        url: str,
        board: BoardState | None,
        row: ListRow | None,
        why: Fetch,
        post_id: int | None = None,
    ) -> scrapy.Request:
        return self._request(
            url,
            callback=self.parse_post,
            errback=self.failed,
            cb_kwargs={"board_key": board.key if board else None, "row": row},
            meta={
                "newsbot_board": board.key if board else None,
                "newsbot_kind": "post",
                "newsbot_fetch": why.value,
                "newsbot_post_id": row.post_id if row else post_id,
                "handle_httpstatus_list": REFUSAL_STATUSES,
            },
            dont_filter=True,
        )

    # -- callbacks -------------------------------------------------------------------------------

    def parse_site_root(self, response: Response) -> Iterator[scrapy.Request]:
        if not self._readable(response):
            return
        links = find_board_links(response.selector, response.url)
        wanted = set(self.args.boards)
        if not links:
            self._not_gnuboard(response.url)
            logger.error(
                "not a gnuboard site: %s shows no board links (bbs/board.php?bo_table=…)",
                response.url,
            )
            return
        if wanted:
            # The run report compares boards= with what every site root's menus list: a
            # mistyped name would otherwise crawl nothing, and exit 0, every hour.
            stats = self.crawler.stats
            listed = set(stats.get_value(exitcodes.BOARDS_LISTED_KEY) or ())
            listed |= {ref.bo_table for ref in links if ref.bo_table}
            stats.set_value(exitcodes.BOARDS_LISTED_KEY, sorted(listed))
            stats.set_value(exitcodes.BOARDS_WANTED_KEY, sorted(wanted))
        for ref in links:
            if wanted and ref.bo_table not in wanted:
                continue
            self._count("newsbot/discovery/boards")
            start = f"{ref.origin}{ref.base}/{ref.bo_table}" if ref.short else ref.list_url()
            board = self._board(ref, start)
            board.discovered = True
            yield from self._retry_failed(board)
            yield self._list_request(board, 1)

    def parse_list(self, response: Response, board_key: str, page: int) -> Iterator[Any]:
        board = self.boards[board_key]
        board.pages += 1
        self._count(f"newsbot/board/{board_key}/list_pages")
        if not self._readable(response):
            return
        refusal = self._refusal(response)
        if refusal:
            board.refused = refusal
            self._refused(response, refusal, board)
            return
        if self._http_error(response):
            return
        if board.ref.short and board.discovered:
            shown = page_bo_table(response.selector)
            if shown != board.ref.bo_table:
                # A site-root link like /about that only looked like a short board URL.
                logger.debug("not a board after all: %s (page says %r)", response.url, shown)
                self._count("newsbot/discovery/not_a_board")
                board.refused = "not_a_board"
                return
        if not is_gnuboard_page(response.selector):
            self._not_gnuboard(response.url)
            logger.error(
                "not a gnuboard board: %s has no g5_bo_table/g4_bo_table and no board list",
                response.url,
            )
            return
        listing = board.skins.read_list(response.selector, response.url)
        release_parse_tree(response)
        board.board_title = board.board_title or listing.board_title
        if listing.last_page:  # the pager's last page, for the progress display
            self.crawler.stats.max_value(f"newsbot/board/{board_key}/last_page", listing.last_page)
        self._count(f"newsbot/board/{board_key}/listed", len(listing.rows))
        if listing.shows_empty:
            self._count(f"newsbot/board/{board_key}/empty_list")
        assert self.store is not None and self.policy is not None
        site, bo_table = board.ref.site, board.ref.bo_table or ""
        slugs = [r.url for r in listing.rows if r.post_id is None]
        if slugs:
            aliases = self.store.known_aliases(site, bo_table, slugs)
            for row in listing.rows:
                if row.post_id is None and row.url in aliases:
                    row.post_id = aliases[row.url]
        known = self.store.known_posts(
            site, bo_table, [r.post_id for r in listing.rows if r.post_id is not None]
        )
        plan = plan_list_page(
            listing.rows,
            known,
            board.seen,
            self.policy,
            listing.current_page,
            listing.last_page,
            resume=board.resume,
            member=self._logs_in(response.url),
        )
        for _row, why in plan.skipped:
            self._count(f"newsbot/skipped/{why.value}")
            self._count(f"newsbot/board/{board_key}/skipped/{why.value}")
        for row, why in plan.fetch:
            self._count(f"newsbot/fetch/{why.value}")
            self._count(f"newsbot/board/{board_key}/fetch/{why.value}")
            yield self._post_request(row.url, board, row, why)
        if plan.next_page:
            yield self._list_request(board, listing.current_page + 1)
        else:
            board.stop_reason = plan.stop_reason
            self._count(f"newsbot/board/{board_key}/list_done")
            self._mark_unlisted_deleted(board)
            logger.info(
                "board %s: stopped after list page %d (%s)",
                board_key,
                listing.current_page,
                plan.stop_reason,
            )

    def _mark_unlisted_deleted(self, board: BoardState) -> None:
        """A full run that read a whole unfiltered list: stored posts it no longer lists were
        deleted (kept, marked ``deleted_at``)."""
        filtered = {"sca", "stx", "sfl", "sop", "spt"} & {
            k for k, v in parse_qsl(urlsplit(board.start_url).query) if v
        }
        if not (self.args.full and board.stop_reason in ("last_page", "empty_page")):
            return
        if filtered or self.args.since or self.args.max_pages or board.list_failed:
            return
        assert self.store is not None
        listed = [key for key in board.seen if isinstance(key, int)]
        gone = self.store.mark_unlisted_posts_deleted(
            board.ref.site,
            board.ref.bo_table or "",
            listed,
            self.now().isoformat(timespec="seconds"),
        )
        if gone:
            self._count("newsbot/store/deleted", len(gone))
            self._count(f"newsbot/board/{board.key}/deleted", len(gone))
            logger.info(
                "board %s: %d stored posts no longer listed, marked deleted: %s",
                board.key,
                len(gone),
                gone,
            )

    def parse_post(
        self, response: Response, board_key: str | None, row: ListRow | None
    ) -> Iterator[Any]:
        self._post_done(response.meta)
        if not self._readable(response):
            return
        board = self.boards.get(board_key) if board_key else None
        refusal = self._refusal(response)
        if refusal:
            self._refused(response, refusal, board)
            return
        if self._http_error(response):
            return
        sel = response.selector
        raw = board.skins.read_post(sel, response.url) if board else extract_post(sel, response.url)
        ref = board.ref if board else board_ref_for_page(sel, response.url)
        post_id = (row.post_id if row else None) or raw.wr_id
        if ref is None or post_id is None:
            self._count("newsbot/errors/no_post_id")
            logger.error("no board/post id found on %s; not a gnuboard post page", response.url)
            return
        if row is not None and row.post_id is None and self.store is not None:
            # a title-slug link: remember which post it showed, so the next run knows it
            self.store.record_alias(ref.site, ref.bo_table or "", row.url, post_id)
        if not (raw.title and raw.date_texts and raw.body_text.strip()):
            # Counted before list values fill the gaps: a view layout the skin no longer reads
            # must show up even when the list row still carries a title and date.
            self._count(f"newsbot/board/{ref.site}/{ref.bo_table}/view_layout_empty")
        if row is not None and board is not None:
            self._crosscheck(board, row, raw, response.url)
        pending = PendingPost(raw, ref, post_id, row, board.board_title if board else None)
        if self.args.comments:
            count = self._comment_count(pending)
            pending.comments = extract_comments(sel, response.url, raw.skin, count)
            pending.comment_pages = list(pending.comments.more_pages)
            pending.comment_pages_read.add(response.url)
            self._plan_comment_loads(pending, sel, response.url, count)
        del sel
        release_parse_tree(response)
        yield from self._next_link_or_post(pending)

    @staticmethod
    def _comment_count(pending: PendingPost) -> int | None:
        """The post's count of its comments: its view page's, else its list row's."""
        count = parse_count(pending.raw.comments)
        if count is None and pending.row is not None:
            count = parse_count(pending.row.comments)
        return count

    def _plan_comment_loads(
        self, pending: PendingPost, sel: Any, url: str, count: int | None
    ) -> None:
        """The comment lists this skin loads by a separate request that the post still needs
        (none when its view page prints them all: as many as the post counts)."""
        assert pending.comments is not None
        if prints_all_comments(pending.comments, count):
            return
        loads = find_comment_loads(sel, url)
        if loads.default_url is None and not loads.pages:
            return
        pending.comment_loads = comment_loads_to_follow(pending.comments, loads, count)
        if pending.comment_loads and loads.shown_page is not None and pending.comments.comments:
            pending.comment_load_pages.add(loads.shown_page)
            for comment in pending.comments.comments:
                pending.comment_page_of[comment.comment_id] = loads.shown_page

    def _crosscheck(self, board: BoardState, row: ListRow, raw: RawPost, url: str) -> None:
        """Count (and say once per board and field) where a list row and its post disagree."""
        for name, (listed, shown) in disagreements(row, raw, self.now()).items():
            self._count(f"newsbot/board/{board.key}/crosscheck/{name}")
            if name not in board.disagreeing:
                board.disagreeing.add(name)
                logger.warning(
                    "list and post disagree on %s (list %r, post %r): %s; one of them is "
                    "misread on %s",
                    name,
                    listed,
                    shown,
                    url,
                    board.key,
                )

    def _comment_request(
        self, pending: PendingPost, url: str, callback: Any, errback: Any
    ) -> scrapy.Request:
        """A further page of the post's comments (``cpage=`` pages, AJAX lists): part of the
        post, so its failure fails the post."""
        return self._request(
            url,
            callback=callback,
            errback=errback,
            cb_kwargs={"pending": pending},
            meta={
                "newsbot_board": pending.board_key,
                "newsbot_kind": "post",
                "newsbot_post_id": pending.post_id,
            },
            dont_filter=True,
        )

    def _next_link_or_post(self, pending: PendingPost) -> Iterator[Any]:
        """Ask ``link.php`` for each related link whose printed target was cut (its 302 names
        the real one), one at a time; then the post is complete."""
        unresolved = [u for u in pending.raw.unresolved_links if u not in pending.targets]
        if unresolved:
            yield self._request(
                unresolved[0],
                callback=self.parse_link_target,
                errback=self.link_failed,
                cb_kwargs={"pending": pending, "link": unresolved[0]},
                meta={"dont_redirect": True, "handle_httpstatus_list": [301, 302, 303, 307]},
                dont_filter=True,
            )
            return
        if pending.comment_pages:
            # a skin that pages its comments: read them all, one page at a time, before the
            # post is complete (a page that fails fails the post: it is retried next run)
            url = pending.comment_pages.pop(0)
            pending.comment_pages_read.add(url)
            self._count("newsbot/comments/pages")
            yield self._comment_request(
                pending, url, self.parse_comment_page, self.comment_page_failed
            )
            return
        if pending.comment_loads:
            # a skin that loads its comment list by AJAX: read every page of it, one at a
            # time, before the post is complete (a list that fails fails the post)
            url = pending.comment_loads.pop(0)
            pending.comment_loads_read.add(url)
            self._count("newsbot/comments/loads")
            self._count(f"newsbot/board/{pending.board_key}/comments/loads")
            yield self._comment_request(
                pending, url, self.parse_comment_load, self.comment_load_failed
            )
            return
        if pending.comment_loads_read and pending.comments is not None:
            pending.comments.comments = order_comment_pages(
                pending.comments.comments, pending.comment_page_of
            )
        raw = resolve_links(pending.raw, pending.targets)
        # one crawl time and one stats handle for the post and all its comments
        now, stats = self.now(), self.crawler.stats
        post = load_post(
            raw,
            pending.ref,
            pending.post_id,
            row=pending.row,
            board_title=pending.board_title,
            now=now,
            stats=stats,
        )
        if pending.comments is None:
            yield post
            return
        block = pending.comments
        post["comment_ids"] = [c.comment_id for c in block.comments]
        yield post
        for raw_comment in block.comments:
            yield load_comment(raw_comment, pending.ref, pending.post_id, now=now, stats=stats)
        self._count_comments(pending, post)

    def _count_comments(self, pending: PendingPost, post: Any) -> None:
        """Comments read, placeholders of deleted ones, and posts whose count disagrees with
        the comments printed (secret ones are rows; deleted placeholders are not)."""
        assert pending.comments is not None
        key = pending.board_key
        block = pending.comments
        self._count("newsbot/comments/read", len(block.comments))
        self._count(f"newsbot/board/{key}/comments/read", len(block.comments))
        if block.deleted_placeholders:
            self._count("newsbot/comments/deleted_placeholder", block.deleted_placeholders)
            self._count(
                f"newsbot/board/{key}/comments/deleted_placeholder", block.deleted_placeholders
            )
        secret = sum(1 for c in block.comments if c.is_secret)
        if secret:
            self._count(f"newsbot/board/{key}/comments/secret", secret)
        shown = post.get("comments")
        printed = len(block.comments) + block.deleted_placeholders
        if shown is not None and shown != printed:
            self._count(f"newsbot/board/{key}/comments/count_mismatch")
            logger.warning(
                "post %s says %d comments, its page prints %d", post.get("url"), shown, printed
            )

    def parse_comment_page(self, response: Response, pending: PendingPost) -> Iterator[Any]:
        if not self._readable(response) or self._http_error(response):
            return
        assert pending.comments is not None
        more = extract_comments(page_selector(response), response.url, pending.raw.skin)
        known = {c.comment_id for c in pending.comments.comments}
        for comment in more.comments:
            if comment.comment_id in known:
                continue
            if comment.depth and comment.parent_comment_id is None:
                # a reply at the top of this page: its parent closed the page before
                earlier = [c for c in pending.comments.comments if c.depth == comment.depth - 1]
                comment.parent_comment_id = earlier[-1].comment_id if earlier else None
            pending.comments.comments.append(comment)
        pending.comments.deleted_placeholders += more.deleted_placeholders
        for url in more.more_pages:
            if url not in pending.comment_pages_read and url not in pending.comment_pages:
                pending.comment_pages.append(url)
        yield from self._next_link_or_post(pending)

    def parse_comment_load(self, response: Response, pending: PendingPost) -> Iterator[Any]:
        """One page of a comment list loaded by AJAX (an HTML fragment)."""
        if not self._readable(response) or self._http_error(response):
            self._count_comment_load_failed(pending)
            return
        answer = parse_comment_answer(response.text, response.url, pending.raw.skin)
        if isinstance(answer, str):  # cut off, or not a comment list: never half a list
            self._count_comment_load_failed(pending)
            self._error(response.meta, response.url, answer)
            return
        assert pending.comments is not None
        if answer.page is None or answer.page not in pending.comment_load_pages:
            known = {c.comment_id for c in pending.comments.comments}
            for comment in answer.block.comments:
                if comment.comment_id not in known:
                    pending.comments.comments.append(comment)
                    pending.comment_page_of[comment.comment_id] = answer.page or 0
            pending.comments.deleted_placeholders += answer.block.deleted_placeholders
        if answer.page is not None:
            pending.comment_load_pages.add(answer.page)
        queued = {page_number(url) for url in pending.comment_loads}
        for number, url in sorted(answer.loads.pages.items()):
            if number in pending.comment_load_pages or number in queued:
                continue
            if url not in pending.comment_loads_read:
                pending.comment_loads.append(url)
        yield from self._next_link_or_post(pending)

    def comment_load_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        pending: PendingPost = request.cb_kwargs["pending"]
        reason = _failure_reason(failure)
        if reason == "robots_txt":
            # the site asks not to be crawled there: the post goes without that list (its
            # count mismatch shows in the run report) instead of failing every run
            self._count("newsbot/comments/load_refused/robots_txt")
            logger.warning(
                "refused (robots_txt): comment list %s of %s",
                request.url,
                pending.ref.post_url(pending.post_id),
            )
            yield from self._next_link_or_post(pending)
            return
        self._count_comment_load_failed(pending)
        self._error(request.meta, request.url, reason)

    def _count_comment_load_failed(self, pending: PendingPost) -> None:
        self._count("newsbot/comments/load_failed")
        self._count(f"newsbot/board/{pending.board_key}/comments/load_failed")

    def comment_page_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self._error(request.meta, request.url, _failure_reason(failure))

    def parse_link_target(
        self, response: Response, pending: PendingPost, link: str
    ) -> Iterator[Any]:
        location = response.headers.get("Location", b"").decode("latin-1")
        # an unanswered link stays the link.php URL (never retried: the post is what matters)
        pending.targets[link] = response.urljoin(location) if location else ""
        yield from self._next_link_or_post(pending)

    def link_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        pending: PendingPost = request.cb_kwargs["pending"]
        pending.targets[request.cb_kwargs["link"]] = ""
        self._count("newsbot/links/unresolved")
        yield from self._next_link_or_post(pending)

    # -- refusals and failures -------------------------------------------------------------------

    def _readable(self, response: Response) -> bool:
        """A page worth parsing: HTML text, not empty, not binary junk, not cut off."""
        body = response.body
        # what ``not body.strip()`` says, without a copy of the page
        blank = not body or body.isspace()
        if response.status >= 400 and blank:
            reason = f"http_{response.status}"
        elif blank:
            reason = "empty_page"
        elif not isinstance(response, TextResponse) or b"\x00" in body[:4096]:
            reason = "not_html"
        elif _has_tag(body, b"<html", 0, 4096) and not _has_tag(
            body, b"</html", max(0, len(body) - HTML_END_WINDOW), len(body)
        ):
            reason = "truncated"
        else:
            return True
        self._error(response.meta, response.url, reason)
        return False

    def _http_error(self, response: Response) -> bool:
        """A 403/404 that is not gnuboard6's refusal page is an ordinary HTTP error."""
        if response.status < 400:
            return False
        self._error(response.meta, response.url, f"http_{response.status}")
        return True

    def _refusal(self, response: Response) -> str | None:
        redirects = response.meta.get("redirect_urls") or []
        # the first look at a list or view page: its tree is built here, from the bytes when
        # they are UTF-8, and every later response.selector of this response reuses it
        sel = page_selector(response)
        return detect_refusal(sel, response.url, redirects[0] if redirects else None)

    def _logs_in(self, url: str) -> bool:
        """This run logs in to the site of ``url``."""
        return any(same_site(url, target.base_url) for target in self.login_targets)

    def _refused(self, response: Response, reason: str, board: BoardState | None) -> None:
        stored_reason: str | None = reason
        if response.meta.get(SESSION_LOST_META):
            # A members-only page after the member session could not be restored: the post
            # is readable, this run just could not read it. Counted, never remembered.
            reason, stored_reason = "session_lost", None
        elif response.meta.get(LOGGED_IN_META) is not None and reason in GUEST_REFUSALS:
            # Refused to our member: remembered apart from a guest's refusal, which a later
            # run with an account tries again.
            stored_reason = f"member:{reason}"
        redirects = response.meta.get("redirect_urls") or []
        url = redirects[0] if redirects else response.url
        self._count(f"newsbot/refused/{reason}")
        if response.meta.get("newsbot_start") and response.meta.get("newsbot_kind") == "post":
            # A post named on the command line that the site will not show: "nothing readable"
            # when every target of the run is refused, as for boards (exit 6).
            self._count("newsbot/targets/post_refused")
        if board is not None:
            self._count(f"newsbot/board/{board.key}/refused/{reason}")
            post_id = response.meta.get("newsbot_post_id")
            if response.meta.get("newsbot_kind") == "list":
                self._count(f"newsbot/board/{board.key}/list_refused")
            elif post_id and self.store is not None and stored_reason:
                self.store.record_refusal(
                    board.ref.site,
                    board.ref.bo_table or "",
                    post_id,
                    stored_reason,
                    crawl_id(self.crawler),
                )
                if reason == "not_found" and self.store.mark_post_deleted(
                    board.ref.site,
                    board.ref.bo_table or "",
                    post_id,
                    self.now().isoformat(timespec="seconds"),
                ):
                    # a stored post now answers "글이 존재하지 않습니다": kept, marked deleted
                    self._count("newsbot/store/deleted")
                    self._count(f"newsbot/board/{board.key}/deleted")
                    logger.info("deleted since the last run: %s", url)
        if reason == UNKNOWN_ALERT:
            # No reason table knows this message: the operator reads it as the site wrote it.
            message = refusal_message(response.selector) or ""
            logger.warning("refused (%s): %s says %r", reason, url, message)
        else:
            logger.warning("refused (%s): %s", reason, url)

    def failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]
        reason = _failure_reason(failure)
        if request.meta.get("newsbot_kind") == "post":
            self._post_done(request.meta)
        if reason == "login_failed":
            self._refused_request(request, reason)
            return
        if reason != "robots_txt":
            self._error(request.meta, request.url, reason)
            return
        # The site asked not to be crawled there: a refusal to respect, not a fault.
        self._count("newsbot/refused/robots_txt")
        board = self.boards.get(request.meta.get("newsbot_board") or "")
        if board is not None:
            self._count(f"newsbot/board/{board.key}/refused/robots_txt")
            if request.meta.get("newsbot_kind") == "list":
                board.refused = "robots_txt"
                self._count(f"newsbot/board/{board.key}/list_refused")
                # Read robots.txt once more to tell the operator which rule it was.
                parts = urlsplit(request.url)
                yield scrapy.Request(
                    f"{parts.scheme}://{parts.netloc}/robots.txt",
                    callback=self.name_robots_rule,
                    cb_kwargs={"blocked_url": request.url},
                    meta={"dont_obey_robotstxt": True},
                    dont_filter=True,
                )
                return
        logger.warning("refused (robots_txt): robots.txt of the site disallows %s", request.url)

    def _refused_request(self, request: scrapy.Request, reason: str) -> None:
        """A request refused before it reached the site (its login failed)."""
        self._count(f"newsbot/refused/{reason}")
        board = self.boards.get(request.meta.get("newsbot_board") or "")
        if board is not None:
            self._count(f"newsbot/board/{board.key}/refused/{reason}")
            if request.meta.get("newsbot_kind") == "list":
                board.refused = reason
                self._count(f"newsbot/board/{board.key}/list_refused")
        logger.debug("refused (%s): %s", reason, request.url)

    def name_robots_rule(self, response: Response, blocked_url: str) -> None:
        user_agent = (response.request.headers.get("User-Agent") or b"").decode("latin-1")
        rule = disallowing_rule(response.text, user_agent, blocked_url)
        logger.warning(
            "refused (robots_txt): robots.txt rule %s disallows %s",
            f"'{rule}'" if rule else "(not found again)",
            blocked_url,
        )

    def _error(self, meta: dict[str, Any], url: str, reason: str) -> None:
        self._count(f"newsbot/errors/{reason}")
        if meta.get("newsbot_start"):
            self._start_failed(url, reason)
        board = self.boards.get(meta.get("newsbot_board") or "")
        kind = meta.get("newsbot_kind", "page")
        if board is not None:
            self._count(f"newsbot/board/{board.key}/errors/{reason}")
            if kind == "list":
                board.list_failed = True
                self._count(f"newsbot/board/{board.key}/list_failed")
            post_id = meta.get("newsbot_post_id")
            if kind == "post" and post_id and self.store is not None:
                self.store.record_failure(
                    board.ref.site,
                    board.ref.bo_table or "",
                    post_id,
                    board.ref.post_url(post_id),
                    reason,
                    crawl_id(self.crawler),
                )
        logger.error("failed (%s) %s page: %s", reason, kind, url)

    def _start_failed(self, url: str, reason: str) -> None:
        """A page the user named (site root, board, post) failed: the run exits 4.

        Unanswered (host down or unknown, no TLS, timeout) reads "cannot reach …" in the run
        report; an answer with an error (a 500 on the site root) reads "errors: … failed".
        """
        unreachable = reason in UNREACHABLE_REASONS
        self._count("newsbot/unreachable" if unreachable else "newsbot/start_failed")
        key = exitcodes.UNREACHABLE_KEY if unreachable else exitcodes.START_FAILED_KEY
        if not self.crawler.stats.get_value(key):
            self.crawler.stats.set_value(key, f"{url} ({UNREACHABLE_REASONS.get(reason, reason)})")

    def _not_gnuboard(self, url: str) -> None:
        """A page the user named is no gnuboard board or site: the run exits 2 naming it."""
        self._count("newsbot/errors/not_gnuboard")
        if not self.crawler.stats.get_value(exitcodes.NOT_GNUBOARD_KEY):
            self.crawler.stats.set_value(exitcodes.NOT_GNUBOARD_KEY, url)

    def _post_done(self, meta: dict[str, Any]) -> None:
        """A post request ended (read, refused or failed): progress counts these."""
        if meta.get("newsbot_board"):
            self._count(f"newsbot/board/{meta['newsbot_board']}/posts_done")

    def _count(self, key: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(key, count)


#: Failure reasons that mean the host did not answer at all, with the words an operator reads.
UNREACHABLE_REASONS = {
    "connection_refused": "connection refused",
    "dns": "host name not found",
    "timeout": "no answer within DOWNLOAD_TIMEOUT",
    "tls": "TLS handshake failed",
    "connection_lost": "connection closed before an answer",
}

#: Failure types → the reason used in logs, stats and the run report.
FAILURE_REASONS: list[tuple[tuple[type[BaseException], ...], str]] = [
    ((TimeoutError, TCPTimedOutError, DownloadTimeoutError), "timeout"),
    ((DNSLookupError, CannotResolveHostError), "dns"),
    ((DownloadCancelledError,), "too_large"),  # past DOWNLOAD_MAXSIZE
    ((ConnectionRefusedError, DownloadConnectionRefusedError), "connection_refused"),
    (
        (
            ConnectionLost,
            ResponseFailed,
            ResponseNeverReceived,
            ResponseDataLossError,
            DownloadFailedError,
        ),
        "connection_lost",
    ),
]


def _failure_reason(failure: Failure) -> str:
    if failure.check(LoginFailed):
        return "login_failed"
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if _is_tls_failure(failure.value):
        return "tls"
    for types, reason in FAILURE_REASONS:
        if failure.check(*types):
            return reason
    if failure.check(IgnoreRequest):
        message = str(failure.value).lower()
        if "robots.txt" in message:
            return "robots_txt"
        return "redirect_loop" if "redirect" in message else "ignored"
    return type(failure.value).__name__.lower()


def _is_tls_failure(error: BaseException) -> bool:
    """A TLS handshake that failed; Scrapy wraps Twisted's ResponseNeverReceived in its own."""
    cause = error if isinstance(error, ResponseFailed | ResponseNeverReceived) else error.__cause__
    reasons = getattr(cause, "reasons", None) or []
    return any(reason.check(SSL.Error) for reason in reasons)


def _has_tag(body: bytes, tag: bytes, start: int, end: int) -> bool:
    """Whether ``tag`` (lower case) is in ``body[start:end]`` in any letter case. The exact
    search needs no copy; the lower-cased copy of the window is made only when it fails."""
    return body.find(tag, start, end) >= 0 or tag in body[start:end].lower()


def release_parse_tree(response: Response) -> None:
    """Drop the page's parsed tree once everything is read off it.

    The response stays alive until its item has passed the pipelines, and Scrapy lets up to
    ``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` (5 MB) of responses wait there: counted by their bodies
    (≈ 20 KB), but each also holds its libxml2 tree (several times that). Without this the
    crawl's peak RSS was 3× the do-nothing spider's. The readers' memory of the page goes too
    (:func:`~newsbot.skins.gnuboard.forget_page`): the tree is freed now, not a page later.
    """
    forget_page()
    if getattr(response, "_cached_selector", None) is not None:
        response._cached_selector = None  # Scrapy's own cache behind ``response.selector``
