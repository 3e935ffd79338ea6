"""Exit statuses of ``scrapy crawl gnuboard`` that cron can act on (see README)."""

from __future__ import annotations

OK = 0
CRAWL_FAILED = 1  # Scrapy itself could not start the crawl
BAD_ARGUMENTS = 2  # a bad -a argument or sites file; nothing was requested
STORE_UNUSABLE = 3  # the database cannot be opened or written
SITE_ERRORS = 4  # a start page could not be reached, a list page failed, or too many errors
LAYOUT_BROKEN = 5  # posts were listed but required fields came out empty (NEWSBOT_MAX_EMPTY_SHARE)
NOTHING_READABLE = 6  # every board (and every post named on the command line) refused
LOGIN_FAILED = 7  # a site's member login failed (wrong password, blocked account, no form)
ALREADY_RUNNING = 75  # another run holds the lock for this store and board (EX_TEMPFAIL)

STAT_KEY = "newsbot/exit_code"
REASON_KEY = "newsbot/exit_reason"
#: The first start page (site root, board, post) that did not answer, with the reason.
UNREACHABLE_KEY = "newsbot/unreachable_target"
#: The first start page that answered with an error (a 500 on the site root), with the reason.
START_FAILED_KEY = "newsbot/start_failed_target"
#: The first URL named or found that is not a gnuboard board or site (exit 2 names it).
NOT_GNUBOARD_KEY = "newsbot/not_gnuboard_target"
#: boards= as given, and the boards the site roots' menus list: one not listed is exit 2.
BOARDS_WANTED_KEY = "newsbot/boards_wanted"
BOARDS_LISTED_KEY = "newsbot/boards_listed"
