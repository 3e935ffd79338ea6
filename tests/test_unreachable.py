"""What cron sees when a target cannot be read: one clear line and a non-zero status.

An unreachable start page (connection refused, unknown host, TLS failure) exits 4 with a last
line ``newsbot: cannot reach …`` and no traceback at INFO level; a post named on the command line
that the site refuses (secret, deleted) is "nothing readable" as a refused board is: exit 6.

No test here touches the internet: the refused port is a socket bound on 127.0.0.1 that never
listens, and the unknown host is under ``.invalid`` (RFC 2606: never resolves).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from newsbot import exitcodes

from .conftest import FIXTURES

pytestmark = pytest.mark.e2e

MIXED = FIXTURES / "sites" / "mixed"
FAST_FAILURE = {"RETRY_TIMES": 1, "NEWSBOT_RETRY_BACKOFF": 0.1, "DOWNLOAD_TIMEOUT": 5}


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A loopback port bound but not listening: every connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def assert_cannot_reach(run, url: str, why: str) -> None:
    assert run.returncode == exitcodes.SITE_ERRORS, run.stderr[-3000:]
    lines = run.stderr.splitlines()
    assert lines[-1] == f"newsbot: cannot reach {url} ({why})", lines[-5:]
    assert "Traceback" not in run.stderr
    errors = [line for line in lines if "] ERROR:" in line]
    assert len(errors) == 1 and url in errors[0], errors
    assert run.report["exit_reason"] == f"cannot reach {url} ({why})"
    assert run.items == []


@pytest.mark.parametrize("target", ["/", "/bbs/board.php?bo_table=news", "/news/12"])
def test_a_refused_connection_exits_4_with_one_line(crawl, refused_port, target) -> None:
    url = f"http://127.0.0.1:{refused_port}{target}"
    run = crawl.run(url=url, settings=FAST_FAILURE)
    assert_cannot_reach(run, url, "connection refused")


def test_an_unknown_host_exits_4_with_one_line(crawl) -> None:
    url = "http://newsbot-test.invalid/bbs/board.php?bo_table=news"
    run = crawl.run(url=url, settings=FAST_FAILURE)
    assert_cannot_reach(run, url, "host name not found")


def test_tls_to_a_plain_http_server_exits_4(crawl, serve) -> None:
    server = serve(MIXED)
    url = server.base_url.replace("http://", "https://") + "/"
    run = crawl.run(url=url, settings=FAST_FAILURE)
    assert_cannot_reach(run, url, "TLS handshake failed")


def test_tracebacks_stay_available_at_debug_level(crawl, refused_port) -> None:
    url = f"http://127.0.0.1:{refused_port}/"
    run = crawl.run(url=url, settings={**FAST_FAILURE, "LOG_LEVEL": "DEBUG"})
    assert run.returncode == exitcodes.SITE_ERRORS
    assert "Traceback" in run.stderr and "Gave up retrying" in run.stderr


def test_an_unreachable_board_beside_a_readable_one_still_exits_4(
    crawl, serve, refused_port
) -> None:
    server = serve(MIXED)
    dead = f"http://127.0.0.1:{refused_port}/bbs/board.php?bo_table=news"
    run = crawl.run(
        url=f"{server.base_url}/bbs/board.php?bo_table=mixnews,{dead}",
        settings={**FAST_FAILURE, "NEWSBOT_NOW": "2026-11-28T11:05:00+09:00"},
    )
    assert run.returncode == exitcodes.SITE_ERRORS
    assert run.stderr.splitlines()[-1] == f"newsbot: cannot reach {dead} (connection refused)"
    assert len(run.items) == 4  # the readable board was still read and stored


# -- a post named on the command line --------------------------------------------------------

REFUSED_POSTS = {
    "secret": "/bbs/board.php?bo_table=mixnews&wr_id=507",
    "not_found": "/bbs/board.php?bo_table=mixnews&wr_id=504",
}
READABLE_POST = "/bbs/board.php?bo_table=mixnews&wr_id=508"


@pytest.mark.parametrize("reason", sorted(REFUSED_POSTS))
def test_a_refused_post_target_is_nothing_readable(crawl, serve, reason) -> None:
    server = serve(MIXED)
    run = crawl.run(url=server.base_url + REFUSED_POSTS[reason])
    assert run.returncode == exitcodes.NOTHING_READABLE, run.stderr[-2000:]
    assert run.report["totals"]["refused"] == {reason: 1}
    assert run.report["exit_reason"] == f"every post was refused ({reason} 1)"
    assert run.stderr.splitlines()[-1] == f"newsbot: every post was refused ({reason} 1)"


def test_a_refused_post_beside_a_readable_one_is_counted_not_failed(crawl, serve) -> None:
    server = serve(MIXED)
    urls = f"{server.base_url}{REFUSED_POSTS['secret']},{server.base_url}{READABLE_POST}"
    run = crawl.run(url=urls)
    assert run.returncode == exitcodes.OK, run.report["exit_reason"]
    assert run.report["totals"]["refused"] == {"secret": 1}
    assert [i["post_id"] for i in run.items] == [508]


def test_a_start_page_that_times_out_exits_4(crawl, serve) -> None:
    server = serve(MIXED)
    server.slow_seconds = 4
    server.add_fault("/bbs/board.php?bo_table=mixnews", "slow")
    url = f"{server.base_url}/bbs/board.php?bo_table=mixnews"
    run = crawl.run(url=url, settings={**FAST_FAILURE, "RETRY_TIMES": 0, "DOWNLOAD_TIMEOUT": 1})
    assert_cannot_reach(run, url, "no answer within DOWNLOAD_TIMEOUT")


@pytest.mark.parametrize("target", ["/", READABLE_POST])
def test_a_start_page_answering_500_exits_4(crawl, serve, target) -> None:
    server = serve(MIXED)
    server.add_fault(target, "500")
    run = crawl.run(url=server.base_url + target, settings={**FAST_FAILURE, "RETRY_TIMES": 0})
    assert run.returncode == exitcodes.SITE_ERRORS, run.stderr[-2000:]
    reason = f"errors: {server.base_url}{target} (http_500) failed"
    assert run.report["exit_reason"] == reason
    assert run.stderr.splitlines()[-1] == f"newsbot: {reason}"
    assert "Traceback" not in run.stderr
