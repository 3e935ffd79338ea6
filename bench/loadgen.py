"""The page server's own ceiling: requests/s with nothing but a minimal client in front of it.

``connections`` keep-alive connections (asyncio streams, one request in flight each) ask for the
same mix of pages a crawl asks for — one list page per 15 view pages, spread over the whole board
— for ``seconds`` seconds or ``max_requests`` requests, whichever comes first. The client only
reads each response's head and skips ``Content-Length`` bytes, so the figure is the server's
(plus loopback), not the client's; it runs in the benchmark's process, the server in its own.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    requests: int
    seconds: float
    requests_per_s: float
    mb_per_s: float
    connections: int
    errors: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def crawl_mix(list_url: str, posts: int, rows_per_page: int = 15, count: int = 4096) -> list[str]:
    """Request targets (path + query) in the crawl's proportions, spread over the board."""
    rng = random.Random(12345)
    parts = urlsplit(list_url)
    base = f"{parts.path}?{parts.query}"
    last_page = max(1, -(-posts // rows_per_page))
    targets = []
    for index in range(count):
        if index % (rows_per_page + 1) == 0:
            targets.append(f"{base}&page={rng.randint(1, last_page)}")
        else:
            targets.append(f"{base}&wr_id={rng.randint(1, posts)}")
    return targets


async def _worker(
    host: str,
    port: int,
    targets: list[str],
    offset: int,
    deadline: float,
    budget: list[int],
    totals: list[int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
    index = offset
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            target = targets[index % len(targets)]
            index += 7
            writer.write(
                f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Cookie: PHPSESSID=loadgen\r\nAccept-Encoding: identity\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if not head.startswith(b"HTTP/1.1 200"):
                totals[2] += 1
            await reader.readexactly(length)
            totals[0] += 1
            totals[1] += length
    finally:
        writer.close()


async def _hammer(
    base_url: str, targets: list[str], connections: int, seconds: float, max_requests: int
) -> LoadResult:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if host != "127.0.0.1":
        raise ValueError("the load generator only talks to 127.0.0.1")
    budget = [max_requests]
    totals = [0, 0, 0]  # responses, body bytes, non-200
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.wait_for(
        asyncio.gather(
            *(_worker(host, port, targets, i, deadline, budget, totals) for i in range(connections))
        ),
        timeout=seconds + 30,
    )
    elapsed = time.perf_counter() - started
    return LoadResult(
        requests=totals[0],
        seconds=round(elapsed, 3),
        requests_per_s=round(totals[0] / elapsed, 1),
        mb_per_s=round(totals[1] / elapsed / 1e6, 1),
        connections=connections,
        errors=totals[2],
    )


def measure_server(
    base_url: str,
    list_url: str,
    posts: int,
    connections: int = 16,
    seconds: float = 3.0,
    max_requests: int = 200_000,
) -> LoadResult:
    targets = crawl_mix(list_url, posts)
    return asyncio.run(_hammer(base_url, targets, connections, seconds, max_requests))
