"""A store with history, built by real crawls of a generated two-board site, for Datasette tests.

Two runs a day apart: between them the site's view counts grow (fast for a few posts), so the
store has posts on several days in two boards, count histories in ``post_stats`` and one post
that failed (it waits to be retried): every canned query and chart has rows.
"""

from __future__ import annotations

from pathlib import Path

from .sitebuilder import SitePost, write_board

FIRST_RUN_NOW = "2026-03-14T10:00:00+09:00"
SECOND_RUN_NOW = "2026-03-15T10:00:00+09:00"
#: wr_id in "news" whose views jump between the runs (the top of 조회수 급상승).
RISING_POST = 7
#: wr_id in "free" whose page fails in the second run.
FAILING_POST = 3


def site_posts(views_boost: bool) -> dict[str, list[SitePost]]:
    news = []
    for n in range(1, 13):
        views = 10 * n
        if views_boost:
            views += 500 if n == RISING_POST else n
        day = 9 + n % 5  # 26-03-09 … 26-03-13
        news.append(
            SitePost(n, f"환율 동향 {n}보", f"<p>원·달러 환율이 {n}일째 움직였다.</p>",
                     date=f"26-03-{day:02d} 0{n % 9}:30", views=views)
        )  # fmt: skip
    free = [
        SitePost(n, f"잡담 {n}", f"<p>동네 도서관 소식 {n}</p>", date=f"26-03-{10 + n % 3:02d} 21:00",
                 views=3 * n + (7 if views_boost else 0))
        for n in range(1, 7)
    ]  # fmt: skip
    return {"news": news, "free": free}


def write_site(root: Path, views_boost: bool) -> None:
    posts = site_posts(views_boost)
    write_board(root, "news", "뉴스", posts["news"], rows_per_page=10)
    write_board(root, "free", "자유게시판", posts["free"])


def build_store(crawl, serve, root: Path) -> None:
    """Crawl the site twice into ``crawl.db``; the second run sees grown counts."""
    write_site(root, views_boost=False)
    server = serve(root)
    urls = ",".join(f"{server.base_url}/bbs/board.php?bo_table={b}" for b in ("news", "free"))
    first = crawl.run(url=urls, settings={"NEWSBOT_NOW": FIRST_RUN_NOW})
    assert first.returncode == 0, first.stderr[-2000:]
    write_site(root, views_boost=True)
    server.add_fault(f"/bbs/board.php?bo_table=free&wr_id={FAILING_POST}", "500")
    second = crawl.run(
        url=urls,
        refresh_days="30",
        settings={"NEWSBOT_NOW": SECOND_RUN_NOW, "RETRY_TIMES": 0, "NEWSBOT_MAX_ERROR_SHARE": 1},
    )
    assert second.returncode == 0, second.stderr[-2000:]
