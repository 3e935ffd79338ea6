"""Regenerate the README's screenshots: ``docs/status.png`` and ``docs/dashboard.png``.

    .venv/bin/python docs/make_screenshots.py

Builds the store the browser test uses (two real crawls of a generated site, a day apart), renders
``scrapy status`` to SVG with rich and photographs it with headless Chromium, then starts
``scrapy browse`` and photographs the dashboard. Needs Debian's ``chromium`` and the ``browse``
extra; everything runs on 127.0.0.1 in a temporary folder.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from newsbot.commands.status import PIPE_WIDTH, failed_runs, render_status  # noqa: E402
from newsbot.fixture_server import FixtureServer  # noqa: E402
from tests.browser import chromium, start_browse, stop_browse  # noqa: E402
from tests.browsestore import RISING_POST, build_store  # noqa: E402
from tests.conftest import CrawlRunner  # noqa: E402


def screenshot(url: str, target: Path, size: str, profile: Path) -> None:
    result = chromium(profile, size, f"--screenshot={target}", url)
    if result.returncode != 0:
        raise SystemExit(f"chromium failed on {url}:\n{result.stderr[-2000:]}")
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newsbot-screens-") as folder:
        work = Path(folder)
        runner = CrawlRunner(work)
        servers: list[FixtureServer] = []

        def serve(root: Path) -> FixtureServer:
            server = FixtureServer(root).start()
            servers.append(server)
            return server

        try:
            build_store(runner, serve, work / "site")
        finally:
            for server in servers:
                server.stop()
        env = runner.env()
        status = subprocess.run(
            [sys.executable, "-m", "scrapy", "status", "--json",
             "-s", f"NEWSBOT_RUNS_DIR={work / 'runs'}"],
            cwd=work, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        console = Console(record=True, width=PIPE_WIDTH - 20, file=io.StringIO())
        document = json.loads(status)
        console.print(render_status(document))
        for line in failed_runs(document):
            console.print(line, style="red")
        svg = console.export_svg(title="scrapy status")
        width, height = (
            round(float(v)) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
        )
        page = work / "status.html"
        page.write_text(f'<html><body style="margin:0">{svg}</body></html>', "utf-8")
        screenshot(page.as_uri(), ROOT / "docs" / "status.png", f"{width},{height}", work / "c1")

        browse, base_url = start_browse(work, env)
        try:
            with sqlite3.connect(runner.db) as conn:
                url = conn.execute(
                    "SELECT url FROM posts WHERE board = 'news' AND post_id = ?", (RISING_POST,)
                ).fetchone()[0]
            screenshot(
                f"{base_url}/-/dashboards/newsbot?post={quote(url, safe='')}",
                ROOT / "docs" / "dashboard.png",
                "1400,1280",
                work / "chrome-2",
            )
        finally:
            stop_browse(browse)


if __name__ == "__main__":
    main()
