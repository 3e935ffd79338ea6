"""The spider's readable-page check reads the same answer off the body without copying it.

``GnuboardSpider._readable`` used ``body.strip()`` (a copy of the whole page, twice) and
lower-cased copies of the page's first and last 4 KB to look for ``<html`` and ``</html``. It
now asks ``bytes.isspace`` and :func:`newsbot.spiders.gnuboard._has_tag` (the exact search, the
lower-cased copy only when that fails). Both are compared here with the old expressions on every
fixture page and on bodies made to catch letter case, window edges and blank pages.
"""

from __future__ import annotations

import pytest

from newsbot.spiders.gnuboard import HTML_END_WINDOW, _has_tag

from .extraction_snapshot import fixture_pages


def old_blank(body: bytes) -> bool:
    return not body.strip()


def old_truncated(body: bytes) -> bool:
    return b"<html" in body[:4096].lower() and b"</html" not in body[-HTML_END_WINDOW:].lower()


def new_blank(body: bytes) -> bool:
    return not body or body.isspace()


def new_truncated(body: bytes) -> bool:
    return _has_tag(body, b"<html", 0, 4096) and not _has_tag(
        body, b"</html", max(0, len(body) - HTML_END_WINDOW), len(body)
    )


def made_bodies() -> list[bytes]:
    pad = b"x" * 5000
    bodies = [b"", b" ", b" \t\r\n\x0b\x0c", b"\xa0", b"\x00", b" \x85 ", b"<p>"]
    for open_tag in (b"<html", b"<HTML", b"<HtMl", b"<htm"):
        for close_tag in (b"</html>", b"</HTML>", b"</hTmL>", b"</htm", b""):
            for head in (0, 4090, 4092, 4096):
                for tail in (0, HTML_END_WINDOW - 7, HTML_END_WINDOW - 5, HTML_END_WINDOW):
                    bodies.append(b" " * head + open_tag + pad + close_tag + b" " * tail)
                    bodies.append(open_tag + close_tag + b" " * tail)
    return bodies


def all_bodies() -> list[bytes]:
    return made_bodies() + [path.read_bytes() for path in fixture_pages()]


@pytest.mark.parametrize("check", ["blank", "truncated"])
def test_readable_checks_answer_as_the_copying_ones(check: str) -> None:
    old, new = (old_blank, new_blank) if check == "blank" else (old_truncated, new_truncated)
    bodies = all_bodies()
    assert len(bodies) > 300
    answers = [old(body) for body in bodies]
    assert [new(body) for body in bodies] == answers
    assert True in answers and False in answers
