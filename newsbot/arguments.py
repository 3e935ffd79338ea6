"""Spider arguments (``-a name=value``), validated before any request is made.

Every message says what was given and what was expected, so a cron user can fix the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

ARGUMENTS = {
    "url": "board list URL(s), post URL or site root; several separated by commas",
    "site": "a site name from the sites file, or 'all'",
    "boards": "comma-separated bo_table names to keep (with a site root or site=)",
    "max_pages": "list pages per board, a positive whole number (default: all)",
    "since": "YYYY-MM-DD: skip posts listed before that day and stop paging there",
    "full": "1 to read every list page even when the store knows the board",
    "refresh_days": "re-fetch stored posts published within this many days (default 3)",
    "sites_file": "path of the sites file (default: NEWSBOT_SITES_FILE)",
    "comments": "0 to skip comments (댓글) for this run (default 1: collect them)",
    "login": "NAME: log in to the url= sites with the account in $NAME_USER / $NAME_PASSWORD",
}


#: Arguments Scrapyd adds to every job it runs (``-a _job=<job id>``, and ``_version`` when
#: scheduled with one): accepted, not ours to validate.
SCRAPYD_ARGUMENTS = frozenset({"_job", "_version"})


class ArgumentError(ValueError):
    """A spider argument is wrong; the message is meant for the person who typed it."""


@dataclass(frozen=True)
class CrawlArguments:
    urls: tuple[str, ...] = ()
    site: str | None = None
    boards: tuple[str, ...] = ()
    max_pages: int | None = None
    since: date | None = None
    full: bool = False
    refresh_days: int | None = None
    sites_file: str | None = None
    login: str | None = None
    comments: bool = True


def parse_arguments(raw: Mapping[str, object]) -> CrawlArguments:
    unknown = sorted(set(raw) - set(ARGUMENTS) - SCRAPYD_ARGUMENTS)
    if unknown:
        known = ", ".join(sorted(ARGUMENTS))
        raise ArgumentError(f"unknown argument {', '.join(unknown)!s}; expected one of: {known}")
    urls = tuple(u.strip() for u in str(raw.get("url") or "").split(",") if u.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ArgumentError(
                f"url={url!r} is not an http(s) URL; expected e.g. "
                "https://example.com/bbs/board.php?bo_table=news"
            )
    site = str(raw["site"]).strip() if raw.get("site") else None
    if not urls and not site:
        raise ArgumentError(
            "nothing to crawl: give -a url=<board list URL> (e.g. "
            "https://example.com/bbs/board.php?bo_table=news) or -a site=<name from the sites file>"
        )
    if urls and site:
        raise ArgumentError("give either url= or site=, not both")
    login = str(raw["login"]).strip() if raw.get("login") else None
    if login and site:
        raise ArgumentError(
            "login= goes with url=; for site= put login = { username_env, password_env } "
            "in the sites file"
        )
    boards = tuple(b.strip() for b in str(raw.get("boards") or "").split(",") if b.strip())
    if boards and site:
        raise ArgumentError(
            "boards= goes with a site root url=; for site= list the boards in the sites file"
        )
    return CrawlArguments(
        urls=urls,
        site=site,
        boards=boards,
        max_pages=_whole_number(raw, "max_pages", minimum=1),
        since=_date(raw, "since"),
        full=_flag(raw, "full"),
        refresh_days=_whole_number(raw, "refresh_days", minimum=0),
        sites_file=str(raw["sites_file"]) if raw.get("sites_file") else None,
        login=login,
        comments=_flag(raw, "comments") if raw.get("comments") not in (None, "") else True,
    )


def _whole_number(raw: Mapping[str, object], name: str, minimum: int) -> int | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise ArgumentError(f"{name}={value!r} is not a whole number; expected e.g. 3") from None
    if number < minimum:
        raise ArgumentError(f"{name}={value!r} must be {minimum} or more")
    return number


def _date(raw: Mapping[str, object], name: str) -> date | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ArgumentError(
            f"{name}={value!r} is not a valid date; expected YYYY-MM-DD, e.g. 2023-09-05"
        ) from None


def _flag(raw: Mapping[str, object], name: str) -> bool:
    value = str(raw.get(name) or "0").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ArgumentError(f"{name}={value!r} is not a flag; expected 1 or 0")
