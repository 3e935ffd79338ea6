"""Shared test fixtures: the fixture HTTP server on 127.0.0.1 (port 0) and a real crawl runner.

Crawls run as ``python -m scrapy crawl gnuboard`` in a subprocess whose working directory is the
test's tmp_path, so the database, CSV exports and run reports land there and nothing touches
the repository's ``data/``.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest

from newsbot.fixture_server import FixtureServer
from newsbot.items import COMMENT_FIELDS
from newsbot.storage import parse_db_url

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SAMPLE_SITE = FIXTURES / "sites" / "sample"
#: The sample site's "today" (its H:i list dates); crawls run as if it were this time.
SAMPLE_NOW = "2026-03-15T10:00:00+09:00"


#: The PostgreSQL server the tests create their databases on (through its maintenance database).
PG_MAINTENANCE_URL = os.environ.get(
    "NEWSBOT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def pg_url_for(database: str, schema: str | None = None) -> str:
    """NEWSBOT_TEST_PG's server and credentials, another database (and schema) on it."""
    parts = urlsplit(PG_MAINTENANCE_URL)
    query = f"options={quote(f'-csearch_path={schema}')}" if schema else ""
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", query, ""))


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh database for this test run (``newsbot_test_<random>``), dropped at the end.

    Outside CI an unreachable server skips the PostgreSQL tests, saying how to point them at
    one; in CI (``CI=true``) it fails them.
    """
    try:
        admin = psycopg.connect(PG_MAINTENANCE_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = (
            f"PostgreSQL is not reachable through NEWSBOT_TEST_PG={parse_db_url(PG_MAINTENANCE_URL).shown} "
            f"({str(exc).strip().splitlines()[0]}); start one or set NEWSBOT_TEST_PG="
            "postgresql://user@host:port/postgres (a role that may CREATE DATABASE)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    name = f"newsbot_test_{secrets.token_hex(6)}"
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield name
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """A PostgreSQL URL of its own for one test: a fresh schema in the run's database."""
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(pg_url_for(pg_database), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return pg_url_for(pg_database, schema)


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
    comments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.workdir / "runs" / f"{self.crawl_id}.json").read_text("utf-8"))

    @property
    def csv_path(self) -> Path:
        return self.workdir / "exports" / f"{self.crawl_id}.csv"


class CrawlRunner:
    """Runs ``scrapy crawl gnuboard`` for real; every run in one test shares the database.

    The database is SQLite in the working directory unless ``db_url`` names another store.
    """

    def __init__(self, workdir: Path, db_url: str | None = None) -> None:
        self.workdir = workdir
        self.runs = 0
        self.db = workdir / "newsbot.sqlite3"
        self.db_url = db_url or str(self.db)
        self.extra_env: dict[str, str] = {}

    def scrapy(self, *args: str) -> subprocess.CompletedProcess:
        """``scrapy ARGS`` (any command) in the crawl's working directory, with its environment."""
        return subprocess.run(
            [sys.executable, "-m", "scrapy", *args],
            cwd=self.workdir,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["SCRAPY_SETTINGS_MODULE"] = "newsbot.settings"
        env["NEWSBOT_DB"] = self.db_url
        # Scrapy's cookie middleware asks tldextract for the Public Suffix List, which it would
        # try to download; the copy bundled with tldextract is enough and keeps tests offline.
        env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
        env.update(self.extra_env)
        return env

    def command(self, args: dict[str, str], settings: dict[str, Any], crawl_id: str) -> list[str]:
        posts_only = ["newsbot.items.Post"]
        feeds = {
            str(self.workdir / "items" / f"{crawl_id}.jl"): {
                "format": "jsonlines",
                "item_classes": posts_only,
            },
            str(self.workdir / "exports" / f"{crawl_id}.csv"): {
                "format": "csv",
                "item_classes": posts_only,
            },
            str(self.workdir / "items" / f"{crawl_id}.comments.jl"): {
                "format": "jsonlines",
                "item_classes": ["newsbot.items.Comment"],
                "fields": list(COMMENT_FIELDS),
            },
            str(self.workdir / "exports" / f"{crawl_id}_comments.csv"): {
                "format": "csv",
                "item_classes": ["newsbot.items.Comment"],
                "fields": list(COMMENT_FIELDS),
            },
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
        comments_file = self.workdir / "items" / f"{crawl_id}.comments.jl"
        comments = []
        if comments_file.exists():
            lines = comments_file.read_text("utf-8").splitlines()
            comments = [json.loads(line) for line in lines]
        return CrawlResult(returncode, stdout, stderr, self.workdir, crawl_id, items, comments)


@pytest.fixture
def crawl(tmp_path: Path) -> CrawlRunner:
    return CrawlRunner(tmp_path)


@pytest.fixture
def pg_crawl(tmp_path: Path, pg_url: str) -> CrawlRunner:
    """Crawls into a fresh PostgreSQL schema of their own."""
    return CrawlRunner(tmp_path, pg_url)


def board_url(server: FixtureServer, board: str = "it_science") -> str:
    """A fixture server's classic board URL."""
    return f"{server.base_url}/bbs/board.php?bo_table={board}"


def load_expected(site_dir: Path, server: FixtureServer) -> list[dict[str, Any]]:
    """The site's expected items with the placeholders filled for this server."""
    host = server.base_url.split("://", 1)[1]
    text = (site_dir / "expected.jsonl").read_text("utf-8")
    text = text.replace("{{G5_URL}}", server.base_url).replace("{{HOST}}", host)
    return [json.loads(line) for line in text.splitlines() if line.strip()]
