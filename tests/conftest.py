"""Shared test fixtures: the fixture HTTP server on 127.0.0.1 (port 0) and a real crawl runner.

Crawls run as ``python -m scrapy crawl gnuboard`` in a subprocess whose working directory is the
test's tmp_path, so the database, CSV exports and run reports land there and nothing touches
the repository's ``data/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsbot.fixture_server import FixtureServer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SAMPLE_SITE = FIXTURES / "sites" / "sample"
#: The sample site's "today" (its H:i list dates); crawls run as if it were this time.
SAMPLE_NOW = "2026-03-15T10:00:00+09:00"


@pytest.fixture
def sample_server() -> Iterator[FixtureServer]:
    with FixtureServer(SAMPLE_SITE) as server:
        yield server


@pytest.fixture
def serve():
    """Start fixture servers for any site directory; all are stopped after the test."""
    servers: list[FixtureServer] = []

    def start(root: Path, **kwargs: Any) -> FixtureServer:
        server = FixtureServer(root, **kwargs).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str
    workdir: Path
    crawl_id: str
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.workdir / "runs" / f"{self.crawl_id}.json").read_text("utf-8"))

    @property
    def csv_path(self) -> Path:
        return self.workdir / "exports" / f"{self.crawl_id}.csv"


class CrawlRunner:
    """Runs ``scrapy crawl gnuboard`` for real; every run in one test shares the database."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.runs = 0
        self.db = workdir / "newsbot.sqlite3"
        self.extra_env: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["SCRAPY_SETTINGS_MODULE"] = "newsbot.settings"
        env["NEWSBOT_DB"] = str(self.db)
        # Scrapy's cookie middleware asks tldextract for the Public Suffix List, which it would
        # try to download; the copy bundled with tldextract is enough and keeps tests offline.
        env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
        env.update(self.extra_env)
        return env

    def command(self, args: dict[str, str], settings: dict[str, Any], crawl_id: str) -> list[str]:
        feeds = {
            str(self.workdir / "items" / f"{crawl_id}.jl"): {"format": "jsonlines"},
            str(self.workdir / "exports" / f"{crawl_id}.csv"): {"format": "csv"},
        }
        base = {
            "NEWSBOT_NOW": SAMPLE_NOW,
            "NEWSBOT_CRAWL_ID": crawl_id,
            "NEWSBOT_RUNS_DIR": str(self.workdir / "runs"),
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
            "LOG_LEVEL": "INFO",
            "FEEDS": json.dumps(feeds),
        }
        base.update(settings)
        cmd = [sys.executable, "-m", "scrapy", "crawl", "gnuboard"]
        for name, value in args.items():
            cmd += ["-a", f"{name}={value}"]
        for name, value in base.items():
            cmd += ["-s", f"{name}={value}"]
        return cmd

    def start(
        self, settings: dict[str, Any] | None = None, **args: str
    ) -> tuple[subprocess.Popen, str]:
        self.runs += 1
        crawl_id = f"run{self.runs}"
        process = subprocess.Popen(
            self.command(args, settings or {}, crawl_id),
            cwd=self.workdir,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        return process, crawl_id

    def run(
        self, settings: dict[str, Any] | None = None, timeout: float = 120, **args: str
    ) -> CrawlResult:
        process, crawl_id = self.start(settings, **args)
        stdout, stderr = process.communicate(timeout=timeout)
        return self.result(process.returncode, stdout, stderr, crawl_id)

    def result(self, returncode: int, stdout: str, stderr: str, crawl_id: str) -> CrawlResult:
        items_file = self.workdir / "items" / f"{crawl_id}.jl"
        items = []
        if items_file.exists():
            items = [json.loads(line) for line in items_file.read_text("utf-8").splitlines()]
        return CrawlResult(returncode, stdout, stderr, self.workdir, crawl_id, items)


@pytest.fixture
def crawl(tmp_path: Path) -> CrawlRunner:
    return CrawlRunner(tmp_path)


def load_expected(site_dir: Path, server: FixtureServer) -> list[dict[str, Any]]:
    """The site's expected items with the placeholders filled for this server."""
    host = server.base_url.split("://", 1)[1]
    text = (site_dir / "expected.jsonl").read_text("utf-8")
    text = text.replace("{{G5_URL}}", server.base_url).replace("{{HOST}}", host)
    return [json.loads(line) for line in text.splitlines() if line.strip()]
