"""Crawls fanned out over Scrapyd nodes: one job per site, never two jobs for one site at once.

Scrapyd runs the jobs; this module only talks to its HTTP API and decides where a site goes:

- ``daemonstatus.json`` says how many jobs a node runs and queues; with the node's slots (its
  ``max_proc``, which the API does not tell: ``--slots`` or ``URL=N``) that gives its free slots.
- ``listjobs.json`` shows which sites are pending or running anywhere: a fanout names its jobs
  ``<site>--<UTC time>``, so any later fanout can tell which site a job crawls, and skips it.
- ``schedule.json`` starts ``gnuboard -a site=<site>`` on the node with the most free slots.
  A node that does not answer is reported and left out; its sites go to the others. Sites that
  find no free slot are deferred to the next fanout.

Within a node and across nodes the store's run lock (a PostgreSQL advisory lock) is the last
guard: a job that still meets a running crawl of its board exits 75 without crawling.
"""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: Between a job id's site and its time; a site name never needs it.
JOB_SEPARATOR = "--"
UNSAFE_JOB_CHARS_RE = re.compile(r"[^A-Za-z0-9_.-]")


class NodeUnavailable(Exception):
    """A Scrapyd node did not answer, or answered with an error; the message says which."""


def job_site_key(site: str) -> str:
    """The site as it appears in job ids (and so in Scrapyd's log file names)."""
    return UNSAFE_JOB_CHARS_RE.sub("_", site)


def job_id_for(site: str, now: datetime) -> str:
    return f"{job_site_key(site)}{JOB_SEPARATOR}{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def site_of_job(job_id: str) -> str | None:
    """The site key of a job this module named; None for jobs started otherwise."""
    if JOB_SEPARATOR not in job_id:
        return None
    return job_id.rsplit(JOB_SEPARATOR, 1)[0]


@dataclass
class NodeState:
    url: str
    slots: int
    running: int = 0
    pending: int = 0
    #: site key → job id of this node's pending and running jobs
    active: dict[str, str] = field(default_factory=dict)

    @property
    def free(self) -> int:
        return max(0, self.slots - self.running - self.pending)


def pick_node(free: dict[str, int]) -> str | None:
    """The node with the most free slots (the first listed on a tie), None when all are full."""
    best = max(free, key=lambda url: free[url], default=None)
    return best if best is not None and free[best] > 0 else None


def parse_node(text: str, default_slots: int) -> tuple[str, int]:
    """``http://w1:6800`` or ``http://w1:6800=8`` (8 slots) → (URL, slots)."""
    url, _, slots = text.strip().partition("=")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"node {shown_url(url)!r} is not an http(s) URL, e.g. http://w1:6800")
    if slots and not (slots.isdigit() and int(slots) > 0):
        raise ValueError(f"node {shown_url(url)}: slots {slots!r} is not a positive whole number")
    return url.rstrip("/"), int(slots) if slots else default_slots


def shown_url(url: str) -> str:
    """The URL without the password of its ``user:password@``."""
    return re.sub(r"(?<=://)([^:/@]*):[^@/]*@", r"\1:***@", url)


class ScrapydNode:
    """A thin client of one Scrapyd's JSON API (HTTP basic auth from the URL's user:password)."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        parts = urllib.parse.urlsplit(url)
        self.shown = shown_url(url)
        self.timeout = timeout
        self.auth = None
        if parts.username is not None:
            credentials = f"{urllib.parse.unquote(parts.username)}:"
            credentials += urllib.parse.unquote(parts.password or "")
            self.auth = "Basic " + base64.b64encode(credentials.encode()).decode()
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        self.base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))

    def _call(self, endpoint: str, query: dict[str, str] | None = None, form=None) -> Any:
        url = f"{self.base}/{endpoint}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(url, data=data)
        if self.auth:
            request.add_header("Authorization", self.auth)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise NodeUnavailable(f"{self.shown}: {endpoint} answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise NodeUnavailable(f"{self.shown}: {endpoint}: {reason}") from None
        except ValueError:
            raise NodeUnavailable(f"{self.shown}: {endpoint} did not answer JSON") from None
        if not isinstance(answer, dict) or answer.get("status") != "ok":
            message = answer.get("message") if isinstance(answer, dict) else answer
            raise NodeUnavailable(f"{self.shown}: {endpoint}: {message}")
        return answer

    def state(self, project: str, slots: int) -> NodeState:
        status = self._call("daemonstatus.json")
        jobs = self._call("listjobs.json", {"project": project})
        active = {}
        for job in [*jobs.get("pending", []), *jobs.get("running", [])]:
            site = site_of_job(str(job.get("id", "")))
            if site is not None:
                active[site] = job["id"]
        return NodeState(self.base, slots, int(status["running"]), int(status["pending"]), active)

    def finished_jobs(self, project: str) -> set[str]:
        jobs = self._call("listjobs.json", {"project": project})
        return {str(job["id"]) for job in jobs.get("finished", [])}

    def schedule(
        self,
        project: str,
        spider: str,
        job_id: str,
        arguments: dict[str, str],
        settings: dict[str, str],
    ) -> str:
        form = [("project", project), ("spider", spider), ("jobid", job_id)]
        form += [("setting", f"{name}={value}") for name, value in settings.items()]
        form += list(arguments.items())
        return str(self._call("schedule.json", form=form)["jobid"])
