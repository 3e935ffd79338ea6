"""Member credentials: read from the environment only, and kept out of every output.

A site names the environment variables that hold its account (``login = {username_env = …,
password_env = …}`` in the sites file, or ``-a login=NAME`` for ``NAME_USER`` /
``NAME_PASSWORD``). The password lives in a :class:`Secret`, whose ``repr``/``str`` never show
it, so it cannot reach a log line, an exception message or a report by accident.
:class:`RedactingFilter` is the second belt: installed on the log handlers for the run, it masks
every registered secret (the password, and the session cookie values once they are known) in
any record, at any level, whatever component printed it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsbot.arguments import ArgumentError

MASK = "********"
#: Secrets at least this long are masked wherever they appear in a log line.
ANYWHERE_MIN = 6
#: Environment variable names a user may point us at.
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Secret:
    """A string that never prints itself; ``reveal()`` is the one way to read it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    __str__ = __repr__

    def __reduce__(self) -> object:
        # Never pickled into a JOBDIR queue or a spider state file.
        raise TypeError("a Secret is not serialisable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class LoginSpec:
    """Which environment variables hold a site's account (names only, never values)."""

    username_env: str
    password_env: str

    @classmethod
    def for_name(cls, name: str) -> LoginSpec:
        """``-a login=MYSITE`` → ``MYSITE_USER`` / ``MYSITE_PASSWORD``."""
        prefix = name.strip().upper()
        if not ENV_NAME_RE.match(prefix):
            raise ArgumentError(
                f"login={name!r} is not a usable name; expected letters, digits and _ "
                "(login=MYSITE reads MYSITE_USER and MYSITE_PASSWORD)"
            )
        return cls(f"{prefix}_USER", f"{prefix}_PASSWORD")


@dataclass(frozen=True)
class Credentials:
    username: str
    password: Secret


def read_credentials(spec: LoginSpec, environ: Mapping[str, str] | None = None) -> Credentials:
    """The account ``spec`` names; a missing or empty variable is a bad argument (exit 2)."""
    environ = os.environ if environ is None else environ
    values = []
    for name in (spec.username_env, spec.password_env):
        value = environ.get(name, "")
        if not value:
            raise ArgumentError(
                f"environment variable {name} is {'empty' if name in environ else 'not set'}; "
                "it must hold the site account for login"
            )
        values.append(value)
    return Credentials(username=values[0], password=Secret(values[1]))


def _mask_cookie_line(line: str) -> str:
    """``Cookie: PHPSESSID=abc; x=1`` → ``Cookie: PHPSESSID=********; x=********``."""
    if not re.search(r"(?:Set-)?Cookie:", line, re.I):
        return line
    head, sep, rest = line.partition(":")
    if sep and head.strip().lower() not in ("cookie", "set-cookie"):
        # "Sending cookies to: <GET …>" and the like: no values on this line
        return line
    pairs = []
    for pair in rest.split(";"):
        name, eq, _value = pair.partition("=")
        pairs.append(f"{name}={MASK}" if eq else pair)
    return f"{head}{sep}{';'.join(pairs)}"


class RedactingFilter(logging.Filter):
    """Masks every registered secret in log records, whichever logger wrote them."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._short: dict[str, re.Pattern[str]] = {}

    def add(self, secret: str | Secret) -> None:
        value = secret.reveal() if isinstance(secret, Secret) else secret
        if not value:
            return
        if len(value) >= ANYWHERE_MIN:
            self._secrets.add(value)
        else:
            # a short secret is masked only where it stands alone: masking every "p" of a log
            # would garble it and show by the gaps what the secret is
            self._short[value] = re.compile(rf"(?<![\w]){re.escape(value)}(?![\w])")

    def redact(self, text: str) -> str:
        if "ookie:" in text:
            text = "\n".join(_mask_cookie_line(line) for line in text.split("\n"))
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        for value, pattern in self._short.items():
            if value in text:
                text = pattern.sub(MASK, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets and not self._short:
            return True
        message = record.getMessage()
        cleaned = self.redact(message)
        exc_text = ""
        if record.exc_info:
            exc_text = logging.Formatter().formatException(record.exc_info)
        cleaned_exc = self.redact(exc_text) if exc_text else ""
        if cleaned != message or cleaned_exc != exc_text:
            record.msg, record.args = cleaned, None
            if exc_text:
                record.exc_info, record.exc_text = None, cleaned_exc
        return True

    def install(self) -> None:
        """Filter every handler of the root logger (Scrapy logs through those)."""
        for handler in logging.getLogger().handlers:
            if self not in handler.filters:
                handler.addFilter(self)

    def uninstall(self) -> None:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(self)
