"""Exit statuses of ``scrapy crawl gnuboard`` that cron can act on (see README)."""

from __future__ import annotations

OK = 0
CRAWL_FAILED = 1  # Scrapy itself could not start the crawl
BAD_ARGUMENTS = 2  # a bad -a argument or sites file; nothing was requested
STORE_UNUSABLE = 3  # the database cannot be opened or written
SITE_ERRORS = 4  # a board answered with errors past NEWSBOT_MAX_ERROR_SHARE, or a list page failed
LAYOUT_BROKEN = 5  # posts were listed but required fields came out empty (NEWSBOT_MAX_EMPTY_SHARE)
NOTHING_READABLE = 6  # every board refused or was not a gnuboard board
LOGIN_FAILED = 7  # a site's member login failed (wrong password, blocked account, no form)
ALREADY_RUNNING = 75  # another run holds the lock for this store and board (EX_TEMPFAIL)

STAT_KEY = "newsbot/exit_code"
REASON_KEY = "newsbot/exit_reason"
