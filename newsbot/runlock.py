"""One run at a time per store and board: ``flock`` locks beside the database.

The kernel drops a ``flock`` when its process dies, so a lock left by a killed run never blocks
the next one: there is no stale lock file to clean up.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


class AlreadyRunning(Exception):
    """Another process holds one of the locks; the message names it."""


class RunLock:
    def __init__(self, db_path: str | Path, keys: Iterable[str]) -> None:
        self.directory = Path(os.path.abspath(db_path)).parent / "locks"
        self.db_path = os.path.abspath(db_path)
        self.keys = sorted(set(keys))
        self._files: list = []

    def _path(self, key: str) -> Path:
        digest = hashlib.sha1(f"{self.db_path}\0{key}".encode()).hexdigest()[:16]
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in key)[:60]
        return self.directory / f"{safe}-{digest}.lock"

    def acquire(self) -> RunLock:
        self.directory.mkdir(parents=True, exist_ok=True)
        for key in self.keys:
            handle = open(self._path(key), "a+")  # noqa: SIM115 - held until release()
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                handle.close()
                self.release()
                raise AlreadyRunning(
                    f"another newsbot run ({holder}) is crawling {key} into {self.db_path}"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            self._files.append(handle)
        return self

    def release(self) -> None:
        for handle in self._files:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        self._files = []

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
