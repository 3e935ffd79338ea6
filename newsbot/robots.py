"""Name the robots.txt rule that forbids a URL, for the log line a site operator reads.

Scrapy's RobotsTxtMiddleware (Protego) says only *that* a URL is disallowed. This finds *which*
``Disallow`` line did it, with the same rule of precedence (the longest matching path wins,
``Allow`` beats ``Disallow`` on a tie), in the group for our user agent or else ``*``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_WILDCARD_RE = re.compile(r"\\\*")


def _groups(text: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    agents: list[str] = []
    rules: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        field, value = (part.strip() for part in line.split(":", 1))
        field = field.lower()
        if field == "user-agent":
            if rules:
                groups.append((agents, rules))
                agents, rules = [], []
            agents.append(value.lower())
        elif field in ("allow", "disallow") and agents:
            rules.append((field, value))
    if agents:
        groups.append((agents, rules))
    return groups


def _matches(pattern: str, path: str) -> bool:
    anchored = pattern.endswith("$")
    regex = _WILDCARD_RE.sub(".*", re.escape(pattern.rstrip("$")))
    return re.match(regex + ("$" if anchored else ""), path) is not None


def disallowing_rule(robots_txt: str, user_agent: str, url: str) -> str | None:
    """``"Disallow: /path"`` (with its ``User-agent``) that forbids ``url``, or None."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    groups = _groups(robots_txt)
    token = user_agent.split("/", 1)[0].lower()
    chosen = [g for g in groups if any(a != "*" and a in token for a in g[0])]
    chosen = chosen or [g for g in groups if "*" in g[0]]
    best: tuple[int, int, str, str] | None = None  # (length, allow wins ties, field, agent)
    for agents, rules in chosen:
        for field, value in rules:
            if value and _matches(value, path):
                key = (len(value), field == "allow")
                if best is None or key > best[:2]:
                    best = (*key, f"{field.capitalize()}: {value}", agents[0])
    if best is None or best[2].startswith("Allow"):
        return None
    return f"{best[2]} (User-agent: {best[3]})"
