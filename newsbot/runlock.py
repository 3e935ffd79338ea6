"""One run at a time per store and board, on one machine or many.

- SQLite: ``flock`` locks beside the database (``locks/``). The kernel drops a ``flock`` when its
  process dies, so a lock left by a killed run never blocks the next one: there is no stale lock
  file to clean up.
- PostgreSQL: session-level advisory locks, on a connection of their own held for the whole run,
  so they hold across machines. The server drops them when that connection ends: a worker that
  dies (even SIGKILLed) frees its boards at once; a machine that vanishes frees them when TCP
  keepalives give up (about a minute). The holder's pid and host are in its connection's
  ``application_name``, so the refusal names them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsbot.storage import DatabaseUrl, StoreError, parse_db_url

if TYPE_CHECKING:
    import psycopg


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


def open_run_lock(db: str, keys: Iterable[str]) -> RunLock | AdvisoryRunLock:
    """The lock that suits the store ``NEWSBOT_DB`` names (not acquired yet)."""
    url = parse_db_url(db)
    if url.kind == "postgresql":
        return AdvisoryRunLock(url.target, keys)
    return RunLock(url.target, keys)


def advisory_lock_id(text: str) -> int:
    """A stable signed 64-bit advisory lock key for ``text``."""
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big", signed=True)


class AdvisoryRunLock:
    def __init__(self, dsn: str, keys: Iterable[str], timeout: float = 10.0) -> None:
        self.dsn = dsn
        self.shown = DatabaseUrl("postgresql", dsn).shown
        self.keys = sorted(set(keys))
        self.timeout = timeout
        self.conn: psycopg.Connection | None = None

    def acquire(self) -> AdvisoryRunLock:
        # Imported here: psycopg costs ~0.1 s at start-up, and most runs lock a SQLite store.
        import psycopg

        holder = f"pid {os.getpid()} on {socket.gethostname()}"
        try:
            self.conn = psycopg.connect(
                self.dsn,
                autocommit=True,
                connect_timeout=max(2, round(self.timeout)),
                application_name=f"newsbot lock {holder}"[:63],
                keepalives=1,
                keepalives_idle=30,
                keepalives_interval=10,
                keepalives_count=3,
            )
            # The key names the database and schema as the server knows them, so workers that
            # reach the same database under different host names share one lock.
            where = self.conn.execute("SELECT current_database(), current_schema()").fetchone()
            for key in self.keys:
                lock_id = advisory_lock_id(f"{where[0]}\0{where[1]}\0{key}")
                taken = self.conn.execute("SELECT pg_try_advisory_lock(%s)", (lock_id,))
                if not taken.fetchone()[0]:
                    other = self._holder(lock_id) or "another process"
                    self.release()
                    raise AlreadyRunning(
                        f"another newsbot run ({other}) is crawling {key} into {self.shown}"
                    )
        except psycopg.Error as exc:
            self.release()
            raise StoreError(f"cannot take the run lock in {self.shown}: {exc}") from exc
        return self

    def _holder(self, lock_id: int) -> str | None:
        assert self.conn is not None
        row = self.conn.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            "AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            ((lock_id >> 32) & 0xFFFFFFFF, lock_id & 0xFFFFFFFF),
        ).fetchone()
        return row[0].removeprefix("newsbot lock ") if row and row[0] else None

    def release(self) -> None:
        # closing the session releases every advisory lock it holds
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> AdvisoryRunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
