"""What ``scrapy status`` shows: the store's boards joined with the run reports. Pure, no I/O.

Per site and board: posts stored (comments once the store keeps them), the newest post, the last
run that touched the board (time, exit status and reason, and what it did on that board), posts
waiting to be retried and posts refused. Rules:

- A board is listed when the store knows it (posts, failures, refusals, a recorded list run) or
  a run report names it (a board whose list was refused has no rows in the store).
- A board's last run is the latest report (by ``finished_at``) that has the board in ``boards``.
- A site's last run is the latest report that has one of its boards or was started on one of its
  URLs: a run that could not reach a site root reports no board but still belongs to the site.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from newsbot.storage.base import BoardSummary

STATUS_VERSION = 1


def build_status(
    summaries: Iterable[BoardSummary], reports: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """The status document (``--json`` prints it as is): ``{"sites": [{…, "boards": […]}]}``."""
    ordered = sorted(reports, key=lambda r: (r.get("finished_at") or "", r.get("crawl_id") or ""))
    board_runs: dict[tuple[str, str], Mapping[str, Any]] = {}
    site_runs: dict[str, Mapping[str, Any]] = {}
    for report in ordered:  # oldest first: later reports overwrite
        for key in report.get("boards") or {}:
            site, _, board = key.rpartition("/")
            board_runs[(site, board)] = report
            site_runs[site] = report
        for host in _target_hosts(report):
            site_runs[host] = report
    boards: dict[tuple[str, str], dict[str, Any]] = {}
    for summary in summaries:
        entry = asdict(summary)
        site, board = entry.pop("site"), entry.pop("board")
        boards[(site, board)] = _board_entry(board, entry)
    for site, board in board_runs:
        boards.setdefault((site, board), _board_entry(board, {}))
    for (site, board), entry in boards.items():
        report = board_runs.get((site, board))
        entry["last_run"] = _board_run(report, f"{site}/{board}") if report else None
    sites: dict[str, dict[str, Any]] = {}
    for (site, _board), entry in sorted(boards.items()):
        sites.setdefault(site, {"site": site, "boards": []})["boards"].append(entry)
    for host in site_runs:
        if not any(_same_site(site, host) for site in sites) and "/" not in host:
            sites[host] = {"site": host, "boards": []}
    for site, entry in sites.items():
        candidates = [r for h, r in site_runs.items() if _same_site(site, h)]
        latest = max(candidates, key=_run_order, default=None)
        entry["last_run"] = _run(latest) if latest else None
        entry["posts"] = sum(b["posts"] for b in entry["boards"])
    return {"version": STATUS_VERSION, "sites": [sites[s] for s in sorted(sites)]}


def _board_entry(board: str, stored: dict[str, Any]) -> dict[str, Any]:
    return {
        "board": board,
        "board_title": stored.get("board_title"),
        "posts": stored.get("posts", 0),
        "comments": stored.get("comments"),
        "newest_post": (
            {
                "published_at": stored["newest_published_at"],
                "title": stored.get("newest_title"),
                "url": stored.get("newest_url"),
            }
            if stored.get("newest_published_at")
            else None
        ),
        "waiting_retry": stored.get("waiting_retry", 0),
        "refused": stored.get("refused", 0),
        "list_complete": stored.get("list_complete"),
    }


def _run(report: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "crawl_id": report.get("crawl_id"),
        "started_at": report.get("started_at"),
        "finished_at": report.get("finished_at"),
        "exit_status": report.get("exit_status"),
        "exit_reason": report.get("exit_reason"),
    }


def _board_run(report: Mapping[str, Any], key: str) -> dict[str, Any]:
    board = report["boards"][key]
    posts = board.get("posts", {})
    return {
        **_run(report),
        "list_pages": board.get("list_pages", 0),
        "list_refused": board.get("list_refused", False),
        "posts_scraped": posts.get("scraped", 0),
        "new": posts.get("new", 0),
        "updated": posts.get("updated", 0),
        "errors": sum((board.get("errors") or {}).values()),
        "refused": sum((board.get("refused") or {}).values()),
    }


def _run_order(report: Mapping[str, Any]) -> tuple[str, str]:
    return (report.get("finished_at") or "", report.get("crawl_id") or "")


def _target_hosts(report: Mapping[str, Any]) -> set[str]:
    """host[:port] of the URLs a run was started on (``-a url=…``)."""
    urls = (report.get("arguments") or {}).get("urls") or []
    return {urlsplit(url).netloc for url in urls if isinstance(url, str) and "://" in url}


def _same_site(site: str, host: str) -> bool:
    """A stored site (``host[:port][/install path]``) belongs to a URL's ``host[:port]``."""
    return site == host or site.startswith(host + "/")
