"""Which posts of a list page to fetch, and whether to read the next page.

Pure decisions, no I/O: the spider hands in the rows it saw and what the store already knows.

- A post never stored is fetched.
- A stored post is fetched again when its list comment count changed, or when it was published
  within the refresh window (its views and comments still move).
- In incremental mode paging stops at the first page whose non-notice posts are all stored and
  unchanged; ``full`` reads every page and every post.
- ``since`` skips rows older than that day and stops paging once a page holds only older rows.
- A post the site refused in an earlier run is not asked for again, unless this run logs in as a
  member and the refusal was one a member may not get (:data:`GUEST_REFUSALS`, stored for a guest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from newsbot.normalize import KST, parse_board_datetime, parse_count
from newsbot.skins.base import ListRow

#: Refusals a member account may lift: a run that logs in fetches such posts again. A refusal
#: given to a logged-in member is stored as ``member:<reason>`` and stays known.
GUEST_REFUSALS = frozenset({"no_read_permission", "login_required", "no_access"})


@dataclass(frozen=True)
class KnownPost:
    comments: int | None
    published_at: str | None  # ISO 8601
    #: why the site refused it in an earlier run (secret, members only, deleted), or None
    refused: str | None = None


class Fetch(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    REFRESH = "refresh"
    FULL = "full"  # a full crawl re-reads every post
    RETRY = "retry"  # failed in an earlier run
    KNOWN = "known"  # not fetched
    OLD = "older_than_since"  # not fetched
    SEEN = "seen_this_run"  # not fetched


@dataclass
class PagePlan:
    fetch: list[tuple[ListRow, Fetch]] = field(default_factory=list)
    skipped: list[tuple[ListRow, Fetch]] = field(default_factory=list)
    next_page: bool = True
    stop_reason: str | None = None


@dataclass(frozen=True)
class CrawlPolicy:
    now: datetime
    full: bool = False
    refresh_days: int = 3
    since: date | None = None
    max_pages: int | None = None

    @property
    def refresh_after(self) -> datetime:
        return self.now - timedelta(days=self.refresh_days)


def plan_list_page(
    rows: list[ListRow],
    known: dict[int, KnownPost],
    seen: set[int | str],
    policy: CrawlPolicy,
    page: int,
    last_page: int | None,
    resume: bool = False,
    member: bool = False,
) -> PagePlan:
    """``resume``: the board's last run did not read its list to the end, so an all-known page
    is no reason to stop (what lies behind it was never read). ``member``: this run logs in to
    the board's site."""
    plan = PagePlan()
    normal_rows = 0
    unchanged_known = 0
    older = 0
    for row in rows:
        decision = _decide(row, known.get(row.post_id) if row.post_id else None, policy, member)
        if not row.is_notice:
            normal_rows += 1
            if decision in (Fetch.KNOWN, Fetch.FULL):
                unchanged_known += 1
            if decision is Fetch.OLD:
                older += 1
        key = row.post_id if row.post_id is not None else row.url
        if key in seen:
            plan.skipped.append((row, Fetch.SEEN))
            continue
        seen.add(key)
        if decision in (Fetch.KNOWN, Fetch.OLD):
            plan.skipped.append((row, decision))
        else:
            plan.fetch.append((row, decision))
    if last_page is not None and page >= last_page:
        plan.next_page, plan.stop_reason = False, "last_page"
    elif policy.max_pages is not None and page >= policy.max_pages:
        plan.next_page, plan.stop_reason = False, "max_pages"
    elif normal_rows == 0:
        plan.next_page, plan.stop_reason = False, "empty_page"
    elif policy.since is not None and older == normal_rows:
        plan.next_page, plan.stop_reason = False, "since"
    elif not policy.full and not resume and unchanged_known == normal_rows:
        plan.next_page, plan.stop_reason = False, "all_known"
    return plan


def _decide(row: ListRow, known: KnownPost | None, policy: CrawlPolicy, member: bool) -> Fetch:
    listed = parse_board_datetime(row.date_text, policy.now) if row.date_text else None
    if policy.since is not None and listed is not None and listed.value.date() < policy.since:
        return Fetch.OLD
    if known is None:  # never stored, or a slug link whose id the store has not seen yet
        return Fetch.NEW
    if member and known.refused in GUEST_REFUSALS:  # refused to a guest: try with the account
        return Fetch.NEW
    if known.refused:
        return Fetch.FULL if policy.full else Fetch.KNOWN
    # gnuboard prints the comment count only when there are comments: no count means 0.
    listed_comments = parse_count(row.comments) or 0
    if listed_comments != (known.comments or 0):
        return Fetch.CHANGED
    published = _parse_iso(known.published_at)
    if published is not None and published >= policy.refresh_after:
        return Fetch.REFRESH
    return Fetch.FULL if policy.full else Fetch.KNOWN


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KST)
