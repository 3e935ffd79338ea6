"""Two real Scrapyd daemons on loopback, an egg built by ``scrapyd-deploy``, ``scrapy fanout``.

The cluster must store exactly what one machine stores from the same sites (row by row,
crawl ids and times aside), never run a site twice at once, route around a node that does not
answer, and pick a SIGKILLed job's site up again on the next fanout.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newsbot.cluster import job_id_for, parse_node, pick_node, site_of_job
from newsbot.storage import open_store_at

from .conftest import FIXTURES, ROOT, SAMPLE_NOW, SAMPLE_SITE, CrawlRunner, load_expected
from .sitebuilder import SitePost, write_board

BIN = Path(sys.executable).parent
JOB_SETTINGS = {
    "NEWSBOT_NOW": SAMPLE_NOW,
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "NEWSBOT_STORE_BATCH_SIZE": "3",  # a crawl killed mid-way has committed some posts
}


# -- planning, without daemons ------------------------------------------------------------------


def test_job_ids_name_their_site() -> None:
    from datetime import UTC, datetime

    job = job_id_for("my site/1", datetime(2026, 3, 15, 1, 0, tzinfo=UTC))
    assert job == "my_site_1--20260315T010000Z"
    assert site_of_job(job) == "my_site_1"
    assert site_of_job("6487ec79947edab326d6db28a2d86511e8247444") is None


def test_the_node_with_most_free_slots_takes_the_next_site() -> None:
    assert pick_node({"a": 1, "b": 3, "c": 3}) == "b"
    assert pick_node({"a": 0, "b": 0}) is None
    assert pick_node({}) is None
    assert parse_node("http://w1:6800=8", 4) == ("http://w1:6800", 8)
    assert parse_node("http://w2:6800/", 4) == ("http://w2:6800", 4)
    with pytest.raises(ValueError, match="positive"):
        parse_node("http://w1:6800=0", 4)
    with pytest.raises(ValueError, match="not an http"):
        parse_node("w1:6800", 4)


# -- the cluster -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_scrapyd(workdir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """A Scrapyd bound to 127.0.0.1 with its own eggs, logs and dbs under ``workdir``."""
    workdir.mkdir(parents=True)
    port = free_port()
    (workdir / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\n"
        "max_proc = 2\npoll_interval = 0.2\n",
        "utf-8",
    )
    with (workdir / "scrapyd.out").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its jobs too are stopped with the group
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/daemonstatus.json", timeout=2):
                return process, url
        except OSError:
            assert process.poll() is None, (workdir / "scrapyd.out").read_text("utf-8")[-2000:]
            time.sleep(0.2)
    raise AssertionError(f"scrapyd did not start: {(workdir / 'scrapyd.out').read_text()}")


@pytest.fixture
def scrapyd_nodes(tmp_path: Path, pg_url: str) -> Iterator[list[str]]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the jobs run the deployed egg, not this checkout
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    env["NEWSBOT_DB"] = pg_url  # a worker's environment names the shared store
    env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    started = []
    try:
        for name in ("node1", "node2"):
            started.append(start_scrapyd(tmp_path / name, env))
        yield [url for _, url in started]
    finally:
        for process, _ in started:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def deploy(project: Path, sites_toml: str, nodes: list[str]) -> None:
    """The standard way: scrapy.cfg [deploy:…] targets, ``scrapyd-deploy -a``."""
    shutil.copytree(
        ROOT / "newsbot", project / "newsbot", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    (project / "sites.toml").write_text(sites_toml, "utf-8")
    targets = "".join(
        f"\n[deploy:node{i}]\nurl = {url}/\nproject = newsbot\n" for i, url in enumerate(nodes, 1)
    )
    (project / "scrapy.cfg").write_text(
        "[settings]\ndefault = newsbot.settings\n" + targets, "utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE",)}
    done = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "-a", "-v", "1"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count('"status": "ok"') == len(nodes), done.stdout


def fanout(crawl: CrawlRunner, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "scrapy", "fanout", *args]
    for name, value in JOB_SETTINGS.items():
        command += ["--job-setting", f"{name}={value}"]
    return subprocess.Popen(
        command,
        cwd=crawl.workdir,
        env=crawl.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def lines(text: str) -> dict[str, list[str]]:
    return {fields[0]: fields[1:] for fields in (line.split("\t") for line in text.splitlines())}


def comparable(db_url: str) -> dict[str, Any]:
    """The store's rows without crawl ids, times and storage order."""
    store = open_store_at(db_url)
    tables: dict[str, Any] = {}
    try:
        for table, row in store.dump():
            for name in ("crawl_id", "seen_at", "first_seen_at", "last_seen_at", "crawled_at"):
                row.pop(name, None)
            tables.setdefault(table, set()).add(json.dumps(row, sort_keys=True))
    finally:
        store.close()
    return tables


@pytest.mark.e2e
def test_fanout_over_two_scrapyd_nodes_stores_what_one_machine_stores(
    crawl, serve, scrapyd_nodes, pg_url, tmp_path
) -> None:
    quick = tmp_path / "quick"
    write_board(
        quick,
        "free",
        "자유게시판",
        [SitePost(n, f"자유 {n}", f"<p>글 {n}</p>") for n in range(1, 9)],
    )
    slow = tmp_path / "slow"
    # long enough (≥ 17 s at 0.4 s a response, one at a time) that the second fanout and the
    # job listing below always see it running, even on a loaded machine
    slow_posts = 40
    write_board(
        slow,
        "news",
        "뉴스",
        [SitePost(n, f"소식 {n}", f"<p>기사 {n}</p>") for n in range(1, slow_posts + 1)],
    )
    servers = {
        "sample": (serve(SAMPLE_SITE), ["it_science"]),
        "mixed": (serve(FIXTURES / "sites" / "mixed"), ["mixnews", "g4free"]),
        "quick": (serve(quick), ["free"]),
        "slow": (serve(slow), ["news"]),
    }
    servers["slow"][0].delay = 0.4
    sites_toml = "".join(
        f'[sites.{name}]\nbase_url = "{server.base_url}"\nboards = {json.dumps(boards)}\n'
        + ("concurrency = 1\n" if name == "slow" else "")
        for name, (server, boards) in servers.items()
    )
    deploy(tmp_path / "project", sites_toml, scrapyd_nodes)
    sites_file = tmp_path / "sites.toml"
    sites_file.write_text(sites_toml, "utf-8")
    dead = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()

    first = fanout(
        crawl,
        "--nodes", ",".join([f"{dead}=2", *scrapyd_nodes]),
        "--slots", "2",
        "--sites-file", str(sites_file),
        "--wait", "--poll", "0.3",
    )  # fmt: skip
    assert first.stdout is not None
    planned = {}
    while len(planned) < 4:
        line = first.stdout.readline()
        assert line, first.communicate(timeout=60)[1]
        site, status, node, job = line.rstrip("\n").split("\t")
        planned[site] = (status, node, job)
    assert {status for status, _, _ in planned.values()} == {"scheduled"}
    assert {node for _, node, _ in planned.values()} == set(scrapyd_nodes)  # both share the work

    # a second fanout while the slow site runs does not schedule it again
    again = fanout(
        crawl,
        "--nodes",
        ",".join(scrapyd_nodes),
        "--sites",
        "slow",
        "--sites-file",
        str(sites_file),
    )
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert lines(out)["slow"] == ["running", planned["slow"][1], planned["slow"][2]]

    # SIGKILL the slow site's crawl mid-way; the next fanout runs it again
    with urllib.request.urlopen(f"{planned['slow'][1]}/listjobs.json?project=newsbot") as answer:
        running = json.load(answer)["running"]
    (job,) = [j for j in running if j["id"] == planned["slow"][2]]
    slow_site = servers["slow"][0].base_url.split("://")[1]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            stored = conn.execute("SELECT COUNT(*) FROM posts WHERE site = %s", (slow_site,))
            if stored.fetchone()[0] >= 3:
                break
            time.sleep(0.1)
        os.kill(int(job["pid"]), signal.SIGKILL)
        kept = conn.execute("SELECT COUNT(*) FROM posts WHERE site = %s", (slow_site,))
        assert 3 <= kept.fetchone()[0] < slow_posts, "the kill must come mid-way"

    out, err = first.communicate(timeout=120)
    assert first.returncode == 69, err  # the dead node was reported …
    assert f"node did not answer: {dead}" in err
    assert set(lines(out)) == {"sample", "mixed", "quick", "slow"}  # … and its sites went elsewhere

    servers["slow"][0].delay = 0  # the re-run only has to finish
    rerun = fanout(
        crawl, "--nodes", ",".join(scrapyd_nodes), "--sites", "slow", "--sites-file", str(sites_file),
        "--wait", "--poll", "0.3",
    )  # fmt: skip
    rerun_out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert lines(rerun_out)["slow"][0] == "finished"
    cluster_time = time.monotonic() - started

    # a job's id is its crawl id: in the counts history and in the worker's run report
    status, node_url, job = planned["sample"]
    node_dir = tmp_path / f"node{scrapyd_nodes.index(node_url) + 1}"
    report = json.loads((node_dir / "data" / "runs" / f"{job}.json").read_text("utf-8"))
    assert report["crawl_id"] == job
    with psycopg.connect(pg_url) as conn:
        crawl_ids = {r[0] for r in conn.execute("SELECT DISTINCT crawl_id FROM post_stats")}
    # the killed job's committed posts stayed (its crawl id too), the re-run's were added
    assert {job for _, _, job in planned.values()} | {lines(rerun_out)["slow"][2]} <= crawl_ids

    # one machine, every site, into SQLite: the same rows
    single = crawl.run(site="all", sites_file=str(sites_file), settings=JOB_SETTINGS)
    assert single.returncode in (0, 4), single.stderr[-2000:]
    cluster_rows, single_rows = comparable(pg_url), comparable(str(crawl.db))
    for table in ("posts", "refusals", "failures", "aliases", "boards"):
        assert cluster_rows.get(table) == single_rows.get(table), table
    # counts history: every count the single run saw, the cluster saw too (the killed run and
    # its re-run add their own sightings of the slow site)
    assert single_rows["post_stats"] <= cluster_rows["post_stats"]
    store = open_store_at(pg_url)
    expected = len(load_expected(SAMPLE_SITE, servers["sample"][0])) + 8 + slow_posts
    assert store.count_posts() == len(cluster_rows["posts"]) > expected
    store.close()
    assert cluster_time < 60
