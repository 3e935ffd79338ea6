"""Which posts to fetch and when to stop paging, without a crawler."""

from __future__ import annotations

from datetime import date, datetime

from newsbot.incremental import CrawlPolicy, Fetch, KnownPost, plan_list_page
from newsbot.normalize import KST
from newsbot.skins.base import ListRow

NOW = datetime(2026, 3, 15, 10, 0, tzinfo=KST)


def row(post_id: int, date_text: str = "03-01", comments: str | None = None, notice=False):
    return ListRow(
        post_id, f"u{post_id}", f"t{post_id}", notice, date_text=date_text, comments=comments
    )


def plan(rows, known=None, seen=None, page=1, last=3, **policy):
    return plan_list_page(
        rows,
        known or {},
        seen if seen is not None else set(),
        CrawlPolicy(now=NOW, **policy),
        page,
        last,
    )


def test_new_posts_fetched_and_paging_goes_on() -> None:
    result = plan([row(3), row(2)])
    assert [(r.post_id, why) for r, why in result.fetch] == [(3, Fetch.NEW), (2, Fetch.NEW)]
    assert result.next_page


def test_last_page_stops() -> None:
    result = plan([row(1)], page=3, last=3)
    assert not result.next_page and result.stop_reason == "last_page"


def test_all_known_and_unchanged_stops_incremental_but_not_full() -> None:
    known = {
        3: KnownPost(0, "2026-02-01T00:00:00+09:00"),
        2: KnownPost(0, "2026-02-01T00:00:00+09:00"),
    }
    result = plan([row(3), row(2)], known)
    assert result.fetch == [] and result.stop_reason == "all_known"
    full = plan([row(3), row(2)], known, full=True)
    assert full.next_page
    assert [why for _, why in full.fetch] == [Fetch.FULL, Fetch.FULL]


def test_notices_do_not_count_for_stopping() -> None:
    known = {2: KnownPost(0, "2026-02-01T00:00:00+09:00")}
    result = plan([row(9, notice=True), row(2)], known)
    assert [r.post_id for r, _ in result.fetch] == [9]
    assert result.stop_reason == "all_known"


def test_changed_comment_count_is_refetched() -> None:
    known = {2: KnownPost(1, "2026-02-01T00:00:00+09:00")}
    result = plan([row(2, comments="3")], known)
    assert result.fetch[0][1] is Fetch.CHANGED


def test_missing_comment_count_means_zero() -> None:
    known = {2: KnownPost(0, "2026-02-01T00:00:00+09:00")}
    assert plan([row(2, comments=None)], known).fetch == []


def test_recent_posts_refreshed_within_window_only() -> None:
    known = {
        2: KnownPost(0, "2026-03-14T09:00:00+09:00"),
        1: KnownPost(0, "2026-03-01T09:00:00+09:00"),
    }
    result = plan([row(2), row(1)], known, refresh_days=3)
    assert [(r.post_id, why) for r, why in result.fetch] == [(2, Fetch.REFRESH)]
    assert plan([row(2), row(1)], known, refresh_days=0).fetch == []


def test_since_skips_older_rows_and_stops() -> None:
    result = plan([row(3, "03-10"), row(2, "2025-12-31")], since=date(2026, 1, 1))
    assert [r.post_id for r, _ in result.fetch] == [3]
    assert result.next_page
    result = plan([row(2, "2025-12-31"), row(1, "2025-11-01")], since=date(2026, 1, 1))
    assert result.fetch == [] and result.stop_reason == "since"


def test_seen_this_run_not_fetched_twice() -> None:
    seen: set[int] = set()
    plan([row(9, notice=True), row(3)], seen=seen)
    result = plan([row(9, notice=True), row(2)], seen=seen, page=2)
    assert [r.post_id for r, _ in result.fetch] == [2]
    assert (9, Fetch.SEEN) in [(r.post_id, why) for r, why in result.skipped]


def test_max_pages() -> None:
    assert plan([row(3)], page=2, last=9, max_pages=2).stop_reason == "max_pages"


def test_a_member_run_asks_again_what_a_guest_was_refused() -> None:
    known = {
        3: KnownPost(None, None, refused="no_read_permission"),  # refused to a guest
        2: KnownPost(None, None, refused="member:no_read_permission"),  # refused to our member
        1: KnownPost(None, None, refused="secret"),
    }
    rows = [row(3), row(2), row(1)]
    guest = plan(rows, known)
    assert guest.fetch == []
    member = plan_list_page(rows, known, set(), CrawlPolicy(now=NOW), 1, 3, member=True)
    assert [(r.post_id, why) for r, why in member.fetch] == [(3, Fetch.NEW)]
