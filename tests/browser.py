"""Headless Chromium and ``scrapy browse`` for the browser test and the README screenshots.

Chromium is Debian's ``chromium`` package; its host resolver maps every name but 127.0.0.1 to
"not found", so a page can only render what the loopback server hands it (no CDN, no internet).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--hide-scrollbars",
    "--virtual-time-budget=15000",
]


def chromium(profile: Path, size: str, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with a fresh profile folder; ``args`` end with the URL."""
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={size}", *args],
        capture_output=True,
        timeout=120,
        check=False,
        text=True,
        errors="replace",
    )


def start_browse(cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """``scrapy browse --port 0`` as a user starts it; the process and its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapy", "browse", "--port", "0"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        line = process.stdout.readline()
        seen.append(line)
        match = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
        if match:
            return process, match.group(1)
    stop_browse(process)
    raise RuntimeError("scrapy browse did not start:\n" + "".join(seen))


def stop_browse(process: subprocess.Popen) -> None:
    process.terminate()
    process.communicate(timeout=30)
