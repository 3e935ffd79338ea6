"""Gnuboard URL forms: recognise boards and posts, build canonical URLs.

A post is identified by ``(site, bo_table, wr_id)`` whatever URL reached it; its canonical URL is
``{origin}{base}/bbs/board.php?bo_table=X&wr_id=N`` (works in every rewrite mode; board.php never
redirects it), and on gnuboard6 (which has no board.php) ``{origin}{base}/board/X/N``. ``site``
is the URL's host plus the install's base path when gnuboard sits in a sub-directory, so two
installs on one host never share keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from newsbot.normalize import decode_references

BO_TABLE_RE = re.compile(r"^[A-Za-z0-9_]{1,20}$")
WR_ID_RE = re.compile(r"^\s*(\d+)")
SHORT_LIST_RE = re.compile(r"^([0-9A-Za-z_]+)/?$")
SHORT_VIEW_RE = re.compile(r"^([0-9A-Za-z_]+)/([0-9]+)$")
SHORT_SLUG_RE = re.compile(r"^([0-9A-Za-z_]+)/([^/]+)/$")
#: gnuboard6 routes: ``/board/<bo_table>`` and ``/board/<bo_table>/<wr_id>``.
G6_RE = re.compile(r"^board/([0-9A-Za-z_]+)(?:/([0-9]+))?/?$")

#: First path segments that gnuboard (and the Eyoom builder) use for things that are not boards.
RESERVED_SEGMENTS = frozenset(
    "content rss bbs adm shop theme skin plugin data js css img mobile extend lib install eyoom "
    "group page mypage write".split()
)
#: Query parameters that carry list state, sessions or one-time tokens, never post identity.
LIST_STATE_PARAMS = frozenset(
    "page sca sfl stx sop spt sst sod device cpage cwin nonce rewrite w c_id phpsessid".split()
)
#: G5_MOBILE_AGENT (gnuboard5 config.php): user agents that get the mobile skin.
MOBILE_AGENT_RE = re.compile(
    r"phone|samsung.*mobile|lgtel|mobile|[^A]skt|nokia|blackberry|BB10|android|sony", re.I
)


@dataclass(frozen=True)
class BoardRef:
    """Where a URL points inside a gnuboard install."""

    origin: str  # 'https://host[:port]'
    base: str  # install path before '/bbs', '' for the root; no trailing slash
    bo_table: str | None
    wr_id: int | None = None
    slug: str | None = None  # g5 short URL by title (mode 2); not a stable id
    page: int | None = None
    short: bool = False  # reached through a short (rewritten) URL
    engine: str = "g5"  # "g6": gnuboard6's /board/<bo_table>[/<wr_id>] routes (g4 and g5: "g5")

    @property
    def site(self) -> str:
        return _site_key(self.origin, self.base)

    @property
    def bbs_url(self) -> str:
        return f"{self.origin}{self.base}/bbs"

    def post_url(self, wr_id: int | None = None) -> str:
        if self.engine == "g6":
            return f"{self.origin}{self.base}/board/{self.bo_table}/{wr_id or self.wr_id}"
        return canonical_post_url(self.origin, self.base, self.bo_table or "", wr_id or self.wr_id)

    def list_url(self, page: int = 1) -> str:
        if self.engine == "g6":
            url = f"{self.origin}{self.base}/board/{self.bo_table}/"  # as g6's url_for prints it
            return url if page <= 1 else f"{url}?page={page}"
        return list_page_url(self.origin, self.base, self.bo_table or "", page)


# a pure function of two strings, asked for every post and every comment: a few urllib parses
@lru_cache(maxsize=1024)
def _site_key(origin: str, base: str) -> str:
    parts = urlsplit(origin)
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port and parts.port != default_port:
        host = f"{host}:{parts.port}"
    return host + base


def canonical_post_url(origin: str, base: str, bo_table: str, wr_id: int | None) -> str:
    return f"{origin}{base}/bbs/board.php?bo_table={bo_table}&wr_id={wr_id}"


def list_page_url(origin: str, base: str, bo_table: str, page: int = 1) -> str:
    url = f"{origin}{base}/bbs/board.php?bo_table={bo_table}"
    return url if page <= 1 else f"{url}&page={page}"


#: A URL that ``urlsplit`` and ``parse_qsl`` read as plain string slices: http(s), a host with
#: an optional port, a path and a query of characters that need no unquoting (no ``%`` or
#: ``+``), no fragment, no params, no whitespace or controls. The list pages' row and pager
#: links are all of this form, and urllib's general parse (scheme and netloc checks, argument
#: coercion, ``unquote`` per field) was ≈ a quarter of reading a list page. ``?`` must be
#: followed by a query: urllib drops an empty one when it joins a URL back together.
PLAIN_URL_RE = re.compile(
    r"(https?)://([A-Za-z0-9.-]+(?::[0-9]*)?)(/[A-Za-z0-9_./~!$'()*,:@-]*)?"
    r"(?:\?([A-Za-z0-9_./~!$'()*,:@=&-]+))?\Z"
)


def _plain_query(query: str) -> dict[str, str]:
    """``dict(parse_qsl(query, keep_blank_values=True))`` for a query with no ``%`` or ``+``."""
    fields: dict[str, str] = {}
    for field in query.split("&"):
        if field:
            name, _, value = field.partition("=")
            fields[name] = value
    return fields


@lru_cache(maxsize=64)
def _joinable_base(page_url: str) -> bool:
    """``urljoin`` would parse ``page_url`` as a base without raising."""
    try:
        urlsplit(page_url)
    except ValueError:
        return False
    return True


def unescape_href(href: str) -> str:
    """An href as lxml hands it out, with a second level of escaping undone: a skin that
    escapes its URLs twice prints ``&amp;amp;``, which the parser reads as ``&amp;``. Only
    complete references, ended by ``;``, are decoded. A bare ``&name`` is a query field
    (``&copy=1``, ``&sub=2``, ``&image=3``): the HTML parser leaves it alone in an attribute
    (HTML5's rule, which libxml2 follows), and so does this; ``w3lib``'s ``replace_entities``,
    used here before, made them ``©=1``, ``⊂=2``, ``ℑ=3``."""
    return decode_references(href)


def resolve_href(href: str, page_url: str) -> str:
    """Unescape an href as printed in HTML (g4 prints raw '&', g5 '&amp;') and make it absolute."""
    href = unescape_href(href.strip())
    if page_url and PLAIN_URL_RE.match(href) and _joinable_base(page_url):
        # already absolute: urljoin would only split it and join the same parts back together
        return href
    return urljoin(page_url, href)


def _origin(parts) -> str:
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))


def parse_wr_id(value: str | None) -> int | None:
    """PHP casts '123abc' to 123; a missing or 0 wr_id means a list URL."""
    if not value:
        return None
    match = WR_ID_RE.match(value)
    if not match:
        return None
    wr_id = int(match.group(1))
    return wr_id or None


def parse_board_url(url: str, known_base: str | None = None) -> BoardRef | None:
    """Read bo_table/wr_id from any gnuboard URL form; None when the URL is not a board or post.

    ``known_base`` is the install path when already known (from ``g5_bbs_url``); without it a
    short URL's first segment is taken as the board.
    """
    plain = PLAIN_URL_RE.match(url)
    if plain is not None:
        scheme, netloc, path, query_text = plain.groups()
        origin = f"{scheme}://{netloc.lower()}"
        path = path or "/"
        query = _plain_query(query_text) if query_text else {}
    else:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None
        origin = _origin(parts)
        path = parts.path or "/"
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if path.endswith("/board.php"):
        base = path[: -len("/board.php")]
        if base.endswith("/bbs"):
            base = base[: -len("/bbs")]
        bo_table = query.get("bo_table", "")
        if not BO_TABLE_RE.match(bo_table):
            return None
        return BoardRef(
            origin,
            base.rstrip("/"),
            bo_table,
            wr_id=parse_wr_id(query.get("wr_id")),
            page=_parse_page(query.get("page")),
        )
    if "/bbs/" in path:
        return None  # another bbs script: not a board or post page
    base = (known_base or "").rstrip("/")
    if base and not path.startswith(base + "/"):
        return None
    rest = path[len(base) + 1 :] if base else path.lstrip("/")
    for pattern in (G6_RE, SHORT_VIEW_RE, SHORT_SLUG_RE, SHORT_LIST_RE):
        match = pattern.match(rest)
        if not match:
            continue
        first = match.group(1)
        if pattern is not G6_RE and first.lower() in RESERVED_SEGMENTS:
            return None
        if pattern is G6_RE:
            if first.isdigit() and not match.group(2):
                # /board/123: a g5 short URL (post 123 of a board named "board"); g6 boards
                # are never named by digits alone
                continue
            wr_id = parse_wr_id(match.group(2))
            page = None if wr_id else _parse_page(query.get("page"))
            return BoardRef(origin, base, first, wr_id=wr_id, page=page, engine="g6")
        if pattern is SHORT_VIEW_RE:
            wr_id = parse_wr_id(match.group(2)) if match.lastindex and match.lastindex > 1 else None
            return BoardRef(origin, base, first, wr_id=wr_id, short=True)
        if pattern is SHORT_SLUG_RE:
            return BoardRef(origin, base, first, slug=unquote(match.group(2)), short=True)
        return BoardRef(origin, base, first, page=_parse_page(query.get("page")), short=True)
    return None


def _parse_page(value: str | None) -> int | None:
    if not value:
        return None
    match = WR_ID_RE.match(value)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def strip_list_state(url: str) -> str:
    """Drop list state, session ids, nonces and the fragment from a URL (e.g. attachments)."""
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in LIST_STATE_PARAMS
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe=",|"), ""))


def gets_mobile_skin(user_agent: str) -> bool:
    """Would gnuboard5 answer this user agent with its mobile skin?"""
    return bool(MOBILE_AGENT_RE.search(user_agent))
