"""Running a crawl in a child process and watching it: wall time, RSS over the crawl, peak RSS.

:func:`run_watched` starts the command, then until it exits (or its time is up) samples the
child's ``VmRSS``/``VmHWM`` from ``/proc/<pid>/status`` and the page server's count of view pages
served (``/__stats``). RSS is recorded each time the count passes a mark (every 1,000 posts, and
the marks asked for, e.g. 10,000) and once all expected posts were served. The child is reaped
with ``wait4``, whose ``ru_maxrss`` is the exact peak RSS of that one process.

Also: the page server's CPU seconds over the same span (``/proc/<server pid>/stat``), to show
whether the server could have been the bottleneck.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POLL_SECONDS = 0.1
STATS_EVERY = 0.25


@dataclass
class Watched:
    command: list[str]
    returncode: int | None
    wall_seconds: float
    timed_out: bool
    peak_rss_mb: float  # ru_maxrss from wait4: the child's exact peak
    last_hwm_mb: float  # VmHWM as last seen while it ran
    rss_at_posts: dict[int, float] = field(default_factory=dict)  # posts served → VmRSS MB
    rss_at_end_mb: float | None = None  # VmRSS when the last expected post was served
    posts_served: int = 0
    lists_served: int = 0
    missing_served: int = 0
    other_served: int = 0
    server_cpu_seconds: float = 0.0
    cpu_seconds: float = 0.0  # the child's own user + system CPU (wait4 rusage)
    stdout_path: str = ""
    stderr_path: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rss_at_posts"] = {str(k): v for k, v in self.rss_at_posts.items()}
        return data


def proc_status_mb(pid: int) -> tuple[float | None, float | None]:
    """(VmRSS, VmHWM) in MB, or Nones when the process is gone."""
    rss = hwm = None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    return rss, hwm


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


#: No proxies from the environment: the benchmark only ever talks to 127.0.0.1 directly.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def server_stats(base_url: str) -> dict[str, Any]:
    with _OPENER.open(f"{base_url}/__stats", timeout=5) as answer:
        return json.loads(answer.read())


def run_watched(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    server_url: str,
    server_pid: int,
    expected_posts: int,
    marks: tuple[int, ...] = (),
    sample_every: int = 1000,
    name: str = "crawl",
) -> Watched:
    cwd.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = cwd / f"{name}.stdout.log", cwd / f"{name}.stderr.log"
    before = server_stats(server_url)
    server_cpu_before = cpu_seconds(server_pid)
    started = time.monotonic()
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
    result = Watched(
        command=command,
        returncode=None,
        wall_seconds=0.0,
        timed_out=False,
        peak_rss_mb=0.0,
        last_hwm_mb=0.0,
        stdout_path=str(stdout_path),
        stderr_path=str(stderr_path),
    )
    wanted = sorted({*marks, *range(sample_every, expected_posts + 1, sample_every)})
    next_stats = 0.0
    killed_at: float | None = None
    rusage = None
    while True:
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            break
        now = time.monotonic()
        rss, hwm = proc_status_mb(process.pid)
        if hwm:
            result.last_hwm_mb = hwm
        if now >= next_stats and rss is not None:
            next_stats = now + STATS_EVERY
            served = server_stats(server_url)["post"] - before["post"]
            while wanted and served >= wanted[0]:
                result.rss_at_posts[wanted.pop(0)] = round(rss, 1)
            if served >= expected_posts and result.rss_at_end_mb is None:
                result.rss_at_end_mb = round(rss, 1)
        if now - started > timeout:
            result.timed_out = True
            if killed_at is None:
                process.send_signal(signal.SIGTERM)  # our own child, by pid
                killed_at = now
            elif now - killed_at > 15:
                process.kill()
        time.sleep(POLL_SECONDS)
    result.wall_seconds = round(time.monotonic() - started, 3)
    result.returncode = process.returncode
    result.peak_rss_mb = round(rusage.ru_maxrss / 1024, 1) if rusage else 0.0
    result.cpu_seconds = round(rusage.ru_utime + rusage.ru_stime, 2) if rusage else 0.0
    result.server_cpu_seconds = round(cpu_seconds(server_pid) - server_cpu_before, 2)
    after = server_stats(server_url)
    result.posts_served = after["post"] - before["post"]
    result.lists_served = after["list"] - before["list"]
    result.missing_served = after["missing"] - before["missing"]
    result.other_served = after["other"] - before["other"]
    return result


def child_json(args: list[str], code: Path, cwd: Path, timeout: float = 900) -> dict[str, Any]:
    """Run ``python -m <args>`` with the ``newsbot`` package imported from ``code``
    (``NEWSBOT_BENCH_CODE``, to compare code trees) and return the JSON object it prints last."""
    env = dict(os.environ, NEWSBOT_BENCH_CODE=str(code))
    done = subprocess.run(
        [sys.executable, "-m", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"{code} {' '.join(args)}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def use_code_under_test() -> None:
    """In a child of :func:`child_json`: import ``newsbot`` from ``NEWSBOT_BENCH_CODE`` (the code
    tree being compared), which must come before anything imports it."""
    code = os.environ.get("NEWSBOT_BENCH_CODE")
    if code:
        sys.path.insert(0, code)
        assert "newsbot" not in sys.modules
