"""newsbot's defaults. Per-site differences live in the sites file; runs use -a / -s.

Our own keys share the ``NEWSBOT_`` prefix.
"""

import os

from newsbot.items import COMMENT_FIELDS, POST_FIELDS

# The data folder (database, run reports, CSV exports, locks): NEWSBOT_HOME from the environment,
# else ./data, so the `newsbot` script behaves the same from any working directory.
NEWSBOT_HOME = os.environ.get("NEWSBOT_HOME", "data").rstrip("/") or "/"

BOT_NAME = "newsbot"
SPIDER_MODULES = ["newsbot.spiders"]
NEWSPIDER_MODULE = "newsbot.spiders"
COMMANDS_MODULE = "newsbot.commands"

# --- politeness: someone else's server -------------------------------------------------------
NEWSBOT_CONTACT_URL = "https://github.com/newsbot/newsbot"
USER_AGENT = f"newsbot/0.1 (+{NEWSBOT_CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
COOKIES_ENABLED = True  # one cookie jar per site keeps gnuboard's session (device choice, nonces)

# --- faults ---------------------------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
NEWSBOT_RETRY_BACKOFF = 1.0  # seconds before the first retry, doubled for each next one
NEWSBOT_RETRY_AFTER_MAX = 120.0  # a longer Retry-After is not waited for
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsbot.middlewares.retry.BackoffRetryMiddleware": 550,
    # after HttpCompression (590) has unpacked the body, before the spider sees the text
    "newsbot.middlewares.encoding.CharsetMiddleware": 580,
    # before CookiesMiddleware (700): picks each login site's own cookie jar
    "newsbot.middlewares.login.LoginMiddleware": 650,
    # Scrapy's, without a scan of the whole environment per request when no_proxy is moot
    "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware": None,
    "newsbot.middlewares.proxy.HttpProxyMiddleware": 750,
    # Scrapy's, reading a UTF-8 page's first 4,096 characters without decoding the whole page;
    # 579: just before CharsetMiddleware (580), where Scrapy's (also 580) sorted
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newsbot.middlewares.metarefresh.MetaRefreshMiddleware": 579,
}
# Cookie values are session ids: never in the log (LoginMiddleware masks them as well), never
# in a JOBDIR (this queue writes requests without their Cookie header).
COOKIES_DEBUG = False
SCHEDULER_DISK_QUEUE = "newsbot.queues.SecretFreeDiskQueue"
REDIRECT_MAX_TIMES = 5
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# --- items -----------------------------------------------------------------------------------
# The pipelines are synchronous: Scrapy's default of 100 concurrent item tasks per response only
# adds asyncio overhead (measured: +14% posts/s with 1).
CONCURRENT_ITEMS = 1
# Responses waiting for the spider and the pipelines: Scrapy lets 5 MB of bodies queue (≈ 250 view
# pages, each with its decoded text). The crawl is CPU-bound, so a deeper queue only holds memory:
# 1 MB (≈ 50 pages) keeps the same pace at ≈ 20 MB less peak RSS (bench, 1,500 posts).
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000
# Each step's process_item is a coroutine: Scrapy 2.19 wraps a plain return value in a coroutine
# of its own (ensure_awaitable: an ABC check, a closure), ≈ 0.85 µs a step and item against 0.36.
ITEM_PIPELINES = {
    "newsbot.pipelines.validate.ValidatePipeline": 100,
    "newsbot.pipelines.dedupe.DedupePipeline": 200,
    "newsbot.pipelines.store.StorePipeline": 300,
    # last: tells the run report, the item count and the feeds of what passed every step
    # before (instead of Scrapy's item_scraped signal, which costs each item a task per
    # receiver); only as the last step, else the signal stays
    "newsbot.pipelines.report.ReportPipeline": 1000,
}

EXTENSIONS = {
    # Scrapy's, told of each scraped item by ReportPipeline instead of the signal
    # (newsbot.extensions.scraped); at the places Scrapy's own have in EXTENSIONS_BASE
    "scrapy.extensions.corestats.CoreStats": None,
    "newsbot.extensions.scraped.CoreStats": 0,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "newsbot.extensions.scraped.FeedExporter": 0,
    "newsbot.extensions.runreport.RunReport": 500,
    "newsbot.extensions.quietlogs.QuietFailureLogs": 510,
    "newsbot.extensions.progress.ProgressDisplay": 520,
    "newsbot.extensions.gctuning.GarbageCollectorTuning": 530,
}
# Start-up objects frozen out of the collector's walks, young collections every 20,000
# allocations instead of 700 (newsbot.extensions.gctuning): ≈ 2 % of a crawl's CPU.
NEWSBOT_GC_TUNING = True
NEWSBOT_GC_THRESHOLD = 20_000
NEWSBOT_PROGRESS = True  # a live line per board when stderr is a terminal; never in cron
NEWSBOT_PROGRESS_INTERVAL = 0.5
NEWSBOT_QUIET_FAILURE_LOGS = True  # Scrapy's duplicate failure lines and tracebacks → DEBUG
NEWSBOT_RUNS_DIR = f"{NEWSBOT_HOME}/runs"
NEWSBOT_MAX_ERROR_SHARE = 0.2
NEWSBOT_MAX_EMPTY_SHARE = 0.5
NEWSBOT_LAYOUT_FIELDS = ["title", "published_at", "body_text"]

# --- storage ---------------------------------------------------------------------------------
NEWSBOT_STORE = ""  # a PostStore class; empty: chosen by the NEWSBOT_DB URL
# The one place the environment is read (above: NEWSBOT_HOME): NEWSBOT_DB moves the database
# for every command: a path or sqlite:///path (SQLite), or postgresql://user@host/db
# (PostgreSQL; the password from PGPASSWORD or ~/.pgpass, never in the URL on a shared machine).
NEWSBOT_DB = os.environ.get("NEWSBOT_DB", f"{NEWSBOT_HOME}/newsbot.sqlite3")
NEWSBOT_DB_TIMEOUT = 30.0  # seconds to wait for a locked database
NEWSBOT_STORE_BATCH_SIZE = 200
NEWSBOT_STORE_FLUSH_SECONDS = 5.0
NEWSBOT_DUPLICATES = "mark"  # same story in another board: "mark" (duplicate_of) or "drop"

# --- incremental runs ------------------------------------------------------------------------
NEWSBOT_REFRESH_DAYS = 3
NEWSBOT_NOW = ""  # ISO 8601 crawl time for reproducible runs; empty = the clock
NEWSBOT_SITES_FILE = "sites.toml"

# --- CSV: every run writes its posts and their comments; -o/-O replace these as usual --------
FEED_EXPORTERS = {"csv": "newsbot.exporters.ExcelCsvItemExporter"}
FEED_EXPORT_ENCODING = "utf-8"  # the CSV exporter adds the BOM Excel needs for Hangul
POST_FEED = {"format": "csv", "item_classes": ["newsbot.items.Post"]}
COMMENT_FEED = {
    "format": "csv",
    "item_classes": ["newsbot.items.Comment"],
    "fields": list(COMMENT_FIELDS),
}
# %(time)s in those names is Seoul time (2026-11-30T09-05-00+09-00), not Scrapy's UTC
FEED_URI_PARAMS = "newsbot.exporters.seoul_time_uri_params"
FEEDS = {
    f"{NEWSBOT_HOME}/exports/%(name)s_%(feed_label)s_%(time)s.csv": POST_FEED,
    f"{NEWSBOT_HOME}/exports/%(name)s_%(feed_label)s_comments_%(time)s.csv": COMMENT_FEED,
}

# --- Scrapy ----------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
# the posts' column order for every feed, from the schema; comment feeds name their own fields
FEED_EXPORT_FIELDS = list(POST_FIELDS)
LOG_LEVEL = "INFO"
# Scrapy's "Crawled …" (per response) and "Scraped from …" (per item) DEBUG lines are only made
# when a handler would take them: at INFO each was a LogRecord built and dropped.
LOG_FORMATTER = "newsbot.logformat.QuietLogFormatter"
# Scrapy parses the source of a callback (inspect + ast) to warn about ``return value`` in a
# generator; its cache holds the callback weakly, and a bound method dies with its request, so it
# parsed again and again (110 times in 1,600 responses, ≈ 2 % of a crawl's CPU). newsbot's
# callbacks are tested.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Scrapy's stats collector, without the per-attribute look-up Scrapy 2.13+ wraps around it (for a
# deprecation warning): 1.7 -> 0.1 µs per counter, ≈ 16 counters a post (newsbot.stats)
STATS_CLASS = "newsbot.stats.MemoryStatsCollector"

# --- nothing listens: a cron crawler on a shared host needs no server of its own -------------
# Scrapy's telnet console (a Python shell on 127.0.0.1:6023) and its remote-control HTTP server
# (runs Python code sent to it; writes its port and token to a job file in the user's state
# folder) are off. Opt in per run: -s TELNETCONSOLE_ENABLED=1 / -s REMOTE_CONTROL_ENABLED=1.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # also in every Scrapyd job
