"""``scrapy status``: what is stored per site and board, and how the last runs went.

Reads the store (through :class:`~newsbot.storage.PostStore`) and the run reports in
``NEWSBOT_RUNS_DIR``; sends no request to any site. ``--json`` prints the document built by
:func:`newsbot.status.build_status` for scripts and monitoring.

    scrapy status
    scrapy status --json
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand

from newsbot.commands import open_store_or_exit
from newsbot.status import build_status
from newsbot.storage import parse_db_url

logger = logging.getLogger(__name__)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--json]"

    def short_desc(self) -> str:
        return "Show posts stored and the last run per site and board (no request to any site)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        store = open_store_or_exit(self, existing=True)
        if store is None:
            return
        try:
            summaries = store.board_summaries()
        finally:
            store.close()
        runs_dir = self.settings.get("NEWSBOT_RUNS_DIR")
        status = build_status(summaries, read_reports(Path(runs_dir)) if runs_dir else [])
        status["store"] = parse_db_url(self.settings.get("NEWSBOT_DB")).shown  # never a password
        status["runs_dir"] = runs_dir
        if opts.json:
            json.dump(status, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            from rich.console import Console  # only the table needs rich

            console = Console(highlight=False)
            if not console.is_terminal:
                console = Console(highlight=False, width=PIPE_WIDTH)
            console.print(render_status(status))
            for line in failed_runs(status):
                console.print(line, style="red", soft_wrap=True)


def read_reports(runs_dir: Path) -> list[dict[str, Any]]:
    """Every readable run report; a broken one is named on stderr and left out."""
    reports = []
    for path in sorted(runs_dir.glob("*.json")):
        try:
            reports.append(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as exc:
            print(f"newsbot: skipping unreadable run report {path}: {exc}", file=sys.stderr)
    return reports


def render_status(status: dict[str, Any]) -> Any:
    """The status as a rich Table: one row per board, a heading row per site."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"newsbot status — {status.get('store')}", title_justify="left")
    table.add_column("site / board\n사이트 / 게시판", no_wrap=True)
    table.add_column("posts\n글", justify="right", no_wrap=True)
    table.add_column("comments\n댓글", justify="right", no_wrap=True)
    table.add_column("newest post\n최신 글", no_wrap=True, max_width=42, overflow="ellipsis")
    table.add_column("last run (new)\n최근 실행", no_wrap=True)
    table.add_column("exit\n종료", justify="right", no_wrap=True)
    table.add_column("to retry\n재시도", justify="right", no_wrap=True)
    table.add_column("refused\n거부", justify="right", no_wrap=True)
    for site in status["sites"]:
        run = site.get("last_run") or {}
        table.add_section()
        table.add_row(
            Text(site["site"], style="bold"), str(site["posts"]), "", "", _when(run), _exit(run)
        )
        for board in site["boards"]:
            run = board.get("last_run") or {}
            name = board["board"] + (f" {board['board_title']}" if board["board_title"] else "")
            table.add_row(
                "  " + name,
                str(board["posts"]),
                "—" if board["comments"] is None else str(board["comments"]),
                _newest(board.get("newest_post") or {}),
                _when(run) + (f" +{run['new']}" if run.get("new") else ""),
                _exit(run),
                str(board["waiting_retry"]),
                str(board["refused"]) + (" +list" if run.get("list_refused") else ""),
            )
    return table


def failed_runs(status: dict[str, Any]) -> list[str]:
    """One line per site whose last run did not exit 0, with the reason the report gave."""
    return [
        f"{site['site']}: last run {run['crawl_id']} exit {run['exit_status']}: "
        f"{run.get('exit_reason')}"
        for site in status["sites"]
        if (run := site.get("last_run")) and run.get("exit_status")
    ]


def _when(run: dict[str, Any]) -> str:
    finished = run.get("finished_at") or ""
    return finished[:16].replace("T", " ") if finished else "never"


def _exit(run: dict[str, Any]) -> Any:
    from rich.text import Text

    if run.get("exit_status") is None:
        return ""
    code = run["exit_status"]
    return Text(str(code), style="green" if code == 0 else "red")


def _newest(newest: dict[str, Any]) -> str:
    if not newest:
        return ""
    title = newest.get("title") or ""
    return f"{(newest.get('published_at') or '')[:16].replace('T', ' ')} {title}"


#: Width of the table when stdout is not a terminal (a pipe, cron mail, a file).
PIPE_WIDTH = 160
