"""A crawl opens no server of its own: no telnet console, no remote-control HTTP server.

Scrapy 2.19 would start both (the remote-control server runs Python code sent to it and writes
its port and token to a job file in the user's state folder); newsbot's settings turn them off.
The sockets are read from ``/proc``: a listening TCP socket (state ``0A``) whose inode is one of
the crawl process's file descriptors. The opt-in run shows the check can see both servers.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

import pytest

from .conftest import SAMPLE_SITE

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

LISTEN = "0A"


def listening_sockets(pid: int) -> set[int]:
    """Local ports of the TCP sockets process ``pid`` listens on."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed between listing and reading
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == LISTEN and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def watch_crawl(crawl, server, state_dir: Path, settings: dict) -> tuple[set[int], set[str]]:
    """Run a slowed-down crawl; every listening port and state-folder file seen while it runs."""
    server.slow_seconds = 1.5
    server.add_fault("/bbs/board.php?bo_table=it_science", "slow")
    crawl.extra_env = {"XDG_STATE_HOME": str(state_dir), "HOME": str(state_dir.parent / "home")}
    process, _ = crawl.start(
        settings={"NEWSBOT_RUNS_DIR": "", **settings},
        url=f"{server.base_url}/bbs/board.php?bo_table=it_science",
        max_pages="1",
    )
    ports: set[int] = set()
    files: set[str] = set()
    deadline = time.monotonic() + 120  # a hung crawl fails the test instead of hanging the suite
    while process.poll() is None and time.monotonic() < deadline:
        try:
            ports |= listening_sockets(process.pid)
        except (FileNotFoundError, ProcessLookupError):
            break
        files |= {str(p.relative_to(state_dir)) for p in state_dir.rglob("*") if p.is_file()}
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr[-2000:]
    return ports, files


def test_a_crawl_listens_on_no_port_and_writes_no_job_file(crawl, serve, tmp_path) -> None:
    server = serve(SAMPLE_SITE)
    ports, files = watch_crawl(crawl, server, tmp_path / "state", {})
    assert ports == set()
    assert files == set()


@pytest.mark.skipif(
    importlib.util.find_spec("scrapy.extensions.remote_control") is None,
    reason="this Scrapy has no remote-control server (added in 2.19)",
)
def test_the_check_sees_the_servers_when_they_are_opted_in(crawl, serve, tmp_path) -> None:
    server = serve(SAMPLE_SITE)
    opt_in = {"REMOTE_CONTROL_ENABLED": "1", "TELNETCONSOLE_ENABLED": "1"}
    ports, files = watch_crawl(crawl, server, tmp_path / "state", opt_in)
    assert len(ports) == 2  # telnet (6023…) and the remote-control server (random port)
    assert any(6023 <= port <= 6073 for port in ports)
    assert [f for f in files if f.startswith("scrapy/job_files/")]
