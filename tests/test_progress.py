"""The live progress display: shown in a terminal (a pseudo-terminal here), never in a pipe."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time

import pytest

from newsbot.extensions.progress import board_progress

from .conftest import SAMPLE_SITE

ANSI_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: Text only the progress line prints (the log never says "posts/s").
PROGRESS_MARK = "posts/s"


def run_in_pty(crawl, server, settings: dict | None = None) -> tuple[int, str]:
    """Run a crawl with stdin/stdout/stderr on a pseudo-terminal; everything it printed."""
    url = f"{server.base_url}/bbs/board.php?bo_table=it_science"
    crawl.runs += 1
    command = crawl.command({"url": url}, settings or {}, f"run{crawl.runs}")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    # rich takes COLUMNS/LINES over the terminal's size: an inherited COLUMNS=80 would cut the line
    env = {**crawl.env(), "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "40"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        command, cwd=crawl.workdir, env=env, stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 120  # a hung crawl fails the test instead of hanging the suite
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        if process.poll() is None:
            process.kill()
        process.wait(timeout=60)
    finally:
        os.close(master)
    return process.returncode, output.decode("utf-8", "replace")


def slow_down(server) -> None:
    """A few slow posts keep the crawl on screen for several refreshes."""
    server.slow_seconds = 0.4
    for wr_id in (146, 142, 137):
        server.add_fault(f"/bbs/board.php?bo_table=it_science&wr_id={wr_id}", "slow")


@pytest.mark.e2e
def test_progress_shows_in_a_terminal_and_not_in_a_pipe(crawl, serve) -> None:
    server = serve(SAMPLE_SITE)
    slow_down(server)
    code, screen = run_in_pty(crawl, server)
    assert code == 0, screen[-2000:]
    host = server.base_url.split("://")[1]
    plain = ANSI_CONTROL.sub("", screen)
    final = plain[plain.rfind(f"{host}/it_science ━") :].splitlines()[0]
    assert PROGRESS_MARK in final
    assert "44/44" in final and "list 3/3 · listed 44 · refused 1 · errors 0" in final
    assert "\x1b[" in screen  # drawn with terminal control sequences
    assert "newsbot run run1: exit 0" in screen  # the end-of-run summary stays
    # log lines still print, above the display
    assert "stopped after list page 3" in screen

    piped = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=it_science", full="1")
    assert piped.returncode == 0
    assert PROGRESS_MARK not in piped.stderr and "\x1b[" not in piped.stderr
    assert "newsbot run run2: exit 0" in piped.stderr

    code, screen = run_in_pty(crawl, server, {"NEWSBOT_PROGRESS": "0"})
    assert code == 0
    assert PROGRESS_MARK not in screen and "newsbot run run3: exit 0" in screen


def test_board_progress_reads_the_board_stats() -> None:
    stats = {
        "newsbot/board/ex.com/news/list_pages": 3,
        "newsbot/board/ex.com/news/last_page": 27,
        "newsbot/board/ex.com/news/listed": 45,
        "newsbot/board/ex.com/news/fetch/new": 40,
        "newsbot/board/ex.com/news/fetch/retry": 2,
        "newsbot/board/ex.com/news/posts_done": 30,
        "newsbot/board/ex.com/news/refused/secret": 1,
        "newsbot/board/ex.com/news/errors/http_500": 2,
        "newsbot/board/ex.com/news/errors/timeout": 1,
        "newsbot/board/ex.com/news/field/title": 29,
        "newsbot/board/ex.com/free/items": 3,  # no list read yet: not shown
        "newsbot/crawl_id": "x",
    }
    detail = "list 3/27 · listed 45 · refused 1 · errors 3"
    # still paging: 42 posts from 3 of 27 pages → 378 expected
    assert board_progress(stats) == {"ex.com/news": {"done": 30, "to_fetch": 378, "detail": detail}}
    assert board_progress(stats, final=True)["ex.com/news"]["to_fetch"] == 42
    stats["newsbot/board/ex.com/news/list_done"] = 1  # paging stopped (all known, since, …)
    assert board_progress(stats)["ex.com/news"]["to_fetch"] == 42
