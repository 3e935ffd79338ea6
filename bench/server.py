"""The benchmark's page server: raw HTTP/1.1 with keep-alive on asyncio, pages built per request.

Run in its own process (``python -m bench.server --board bench=20000``) so it never shares a core
with the crawler it serves. It binds 127.0.0.1 only, prints ``READY <base url>`` once listening,
and stops when its standard input closes (with ``--watch-stdin``: the benchmark that started it
ended), on SIGTERM, or
after ``--lifetime`` seconds, whichever comes first.

Routes, the way gnuboard routes them: ``/bbs/board.php?bo_table=B[&page=N]`` (list page),
``/bbs/board.php?bo_table=B&wr_id=N`` (view page; gnuboard's "no such post" alert page for an
unknown ``wr_id``), ``/robots.txt``, and ``/__stats`` (JSON: requests served per kind; the
benchmark reads it to count requests and to follow a crawl's progress). Nothing is cached: every
page is rendered in memory by :mod:`bench.pages`, so serving 50,000 posts costs no disk.

What it measures itself: nothing; :mod:`bench.loadgen` measures its requests/s alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import time
from email.utils import formatdate
from urllib.parse import parse_qsl, urlsplit

from bench.pages import ROBOTS_TXT, Board

MAX_HEADER_BYTES = 64 * 1024


class Counters:
    def __init__(self) -> None:
        self.list = 0
        self.post = 0
        self.missing = 0
        self.other = 0
        self.bytes = 0
        self.started = time.time()

    def as_dict(self) -> dict[str, float]:
        return {
            "list": self.list,
            "post": self.post,
            "missing": self.missing,
            "other": self.other,
            "bytes": self.bytes,
            "uptime": round(time.time() - self.started, 3),
        }


class Site:
    """Routes a request target to (status, content type, body) and counts it."""

    def __init__(self, boards: dict[str, Board]) -> None:
        self.boards = boards
        self.counters = Counters()

    def respond(self, target: str) -> tuple[int, str, bytes]:
        parts = urlsplit(target)
        counters = self.counters
        if parts.path.endswith("/bbs/board.php"):
            query = dict(parse_qsl(parts.query))
            board = self.boards.get(query.get("bo_table", ""))
            if board is not None:
                wr_id = query.get("wr_id", "")
                if wr_id:
                    page = board.view_page(int(wr_id)) if wr_id.isdigit() else None
                    if page is None:
                        counters.missing += 1
                        return 200, "text/html; charset=utf-8", board.no_post_page.encode()
                    counters.post += 1
                    return 200, "text/html; charset=utf-8", page.encode()
                number = query.get("page", "1")
                counters.list += 1
                page_number = int(number) if number.isdigit() else 1
                return 200, "text/html; charset=utf-8", board.list_page(page_number).encode()
        if parts.path == "/__stats":  # the benchmark's own polls: not counted
            return 200, "application/json", json.dumps(counters.as_dict()).encode()
        counters.other += 1
        if parts.path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", ROBOTS_TXT.encode()
        return 404, "text/html; charset=utf-8", b"<html><body>404 Not Found</body></html>"


_REASONS = {200: b"OK", 404: b"Not Found", 400: b"Bad Request"}
_date_cache: tuple[int, bytes] = (0, b"")


def _http_date() -> bytes:
    global _date_cache
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache = (now, formatdate(now, usegmt=True).encode())
    return _date_cache[1]


class HttpProtocol(asyncio.Protocol):
    """One connection: parses request heads (GET, no bodies), answers each in order."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.session = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEADER_BYTES:
                    self.transport.close()
                    self.transport = None
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            self._answer(head)

    def _answer(self, head: bytes) -> None:
        assert self.transport is not None
        lines = head.split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ", 2)
        except ValueError:
            self.transport.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            self.transport.close()
            self.transport = None
            return
        keep_alive = version == b"HTTP/1.1"
        has_cookie = False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"connection":
                value = value.strip().lower()
                keep_alive = value == b"keep-alive" or (keep_alive and value != b"close")
            elif name == b"cookie":
                has_cookie = True
        status, content_type, body = self.site.respond(target.decode("latin-1"))
        self.site.counters.bytes += len(body)
        headers = [
            b"HTTP/1.1 %d %s" % (status, _REASONS.get(status, b"OK")),
            b"Server: nginx",
            b"Date: " + _http_date(),
            b"Content-Type: " + content_type.encode(),
            b"Content-Length: %d" % len(body),
            b"Connection: " + (b"keep-alive" if keep_alive else b"close"),
            b"Expires: 0",
            b"Cache-Control: pre-check=0, post-check=0, max-age=0",
            b"Pragma: no-cache",
        ]
        if not has_cookie:
            # gnuboard starts a PHP session on the first visit; the crawler keeps the cookie.
            self.session += 1
            headers.append(b"Set-Cookie: PHPSESSID=bench%08x%d; path=/" % (id(self), self.session))
        if method == b"HEAD":
            body = b""
        self.transport.write(b"\r\n".join(headers) + b"\r\n\r\n" + body)
        if not keep_alive:
            self.transport.close()
            self.transport = None

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


def parse_boards(values: list[str]) -> list[tuple[str, int]]:
    boards = []
    for value in values:
        name, _, count = value.partition("=")
        if not name or not count.isdigit():
            raise SystemExit(f"--board wants NAME=POSTS, not {value!r}")
        boards.append((name, int(count)))
    return boards


async def serve(
    host: str, port: int, boards: list[tuple[str, int]], lifetime: float, watch_stdin: bool
) -> None:
    loop = asyncio.get_running_loop()
    site = Site({})
    server = await loop.create_server(
        lambda: HttpProtocol(site), host, port, reuse_address=True, backlog=1024
    )
    bound = server.sockets[0].getsockname()
    base_url = f"http://{bound[0]}:{bound[1]}"
    for name, count in boards:
        site.boards[name] = Board(base_url, count, bo_table=name)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if watch_stdin:
        # The parent holds our stdin (a pipe) open: when it exits, even killed, read() sees EOF.
        def _stdin_ready() -> None:
            if not os.read(sys.stdin.fileno(), 4096):
                loop.remove_reader(sys.stdin.fileno())
                stop.set()

        loop.add_reader(sys.stdin.fileno(), _stdin_ready)
    print(f"READY {base_url}", flush=True)
    try:
        await asyncio.wait_for(stop.wait(), timeout=lifetime)
    except TimeoutError:
        print("bench.server: lifetime over, stopping", file=sys.stderr, flush=True)
    server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--board", action="append", default=[], help="NAME=POSTS (repeatable); default bench=20000"
    )
    parser.add_argument("--lifetime", type=float, default=4 * 3600, help="seconds before exiting")
    parser.add_argument(
        "--watch-stdin", action="store_true", help="exit when standard input (a pipe) closes"
    )
    args = parser.parse_args(argv)
    boards = parse_boards(args.board or ["bench=20000"])
    asyncio.run(serve(args.host, args.port, boards, args.lifetime, args.watch_stdin))


if __name__ == "__main__":
    main()
