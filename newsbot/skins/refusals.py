"""Recognise pages that are not posts before anything is parsed out of them — by what they are.

gnuboard answers a forbidden, secret, deleted or missing post with a page of its own making:

- the core ``alert()`` page (g5 ``bbs/alert.php``, g4 ``alert()``, g6 ``alert.html``): a short page
  whose script alerts a message and then goes back or replaces the location, the message also in
  a ``<noscript>`` block (g5 ``#validation_check``); g6 serves it with HTTP 403/404;
- ``alert_close()``: the same, closing the window instead of navigating;
- a redirect to ``password.php`` (g5 302, g4 script) or g6's ``/bbs/password/view/…`` (303), or
  to the login page;
- the password and login forms those redirects lead to.

A page is only called refused on such positive evidence. A page that carries a post body, list
rows or comment anchors is never a refusal, whatever its scripts say: every gnuboard view page has
``alert()`` calls in its comment-form script. Each refusal maps to one reason, read from the
message (the tables below cover g4, g5 and g6, Korean and English language packs); a message
outside the tables gets the reason ``alert:unknown`` and is logged verbatim.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from newsbot.skins.query import alternatives, css, matches

ALERT_RE = re.compile(r"""alert\(\s*(["'])(?P<message>(?:\\.|(?!\1).)*)\1""", re.S)
#: What the alert page does after the alert: go back, go elsewhere, or close the pop-up.
AFTER_ALERT_RE = re.compile(
    r"history\.(?:back|go)\s*\(|location\.(?:replace|href|assign)\s*[(=]|"
    r"location\s*=|window\.close\s*\(|self\.close\s*\(",
    re.I,
)
JS_REDIRECT_RE = re.compile(
    r"""(?:location\.(?:replace|href)\s*[(=]|http-equiv=["']?refresh)""", re.I
)
#: Where a bare redirect page sends the browser: ``location.replace('URL')``,
#: ``location.href = "URL"``, ``<meta http-equiv="refresh" content="0;url=URL">``.
REDIRECT_TARGET_RES = (
    re.compile(r"""location\.(?:replace|href)\s*(?:\(\s*|=\s*)(["'])(?P<url>.*?)(?<!\\)\1""", re.S),
    re.compile(r"""content\s*=\s*["']?\s*\d*\s*;\s*url\s*=\s*(?P<url>[^"'>\s]+)""", re.I),
)
#: A refusal page is short: gnuboard prints it without the site layout (head.sub.php /
#: base_sub.html). Visible text beyond this many characters is a real page.
SHORT_PAGE_CHARS = 600
#: Message fragments → reason; checked in order, so the more specific come first. Korean as
#: g4/g5/g6 print them, English as their English language packs and translated themes do.
ALERT_REASONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"목록을\s*볼\s*권한|permission\s+to\s+(?:view|see|access)\s+the\s+list", re.I),
        "no_list_permission",
    ),
    (re.compile(r"포인트|points?\b.*(?:enough|insufficient|lack)", re.I), "no_points"),
    (re.compile(r"본인\s*확인|성인\s*인증|identity\s+verif|adult", re.I), "verification_required"),
    (
        re.compile(
            r"(글을\s*)?읽을\s*권한|열람\s*권한|볼\s*권한이\s*없|글읽기가\s*불가|"
            r"permission\s+to\s+read|not\s+allowed\s+to\s+read|cannot\s+read",
            re.I,
        ),
        "no_read_permission",
    ),
    (
        re.compile(
            r"존재하지\s*않는\s*게시판|게시판이\s*존재하지|board\s+does\s+not\s+exist|"
            r"no\s+such\s+board",
            re.I,
        ),
        "no_board",
    ),
    (
        re.compile(
            r"글이\s*존재하지\s*않|삭제되었거나|존재하지\s*않는\s*(글|게시물|게시글)|"
            r"올바르지\s*않은\s*게시글|(?:post|article|document)\s+does\s+not\s+exist|"
            r"(?:deleted|removed)\s+or\s+moved|no\s+such\s+(?:post|article)",
            re.I,
        ),
        "not_found",
    ),
    (re.compile(r"비밀글|secret\s+(?:post|article)|private\s+post", re.I), "secret"),
    (re.compile(r"전용\s*게시판|(?:PC|mobile)[- ]only", re.I), "device_only"),
    (
        re.compile(
            r"로그인|회원만|회원이시라면|비회원은|log\s*-?\s*in|sign\s*-?\s*in|members?\s+only",
            re.I,
        ),
        "login_required",
    ),
    (re.compile(r"접근\s*권한|access\s+(?:is\s+)?denied|forbidden", re.I), "no_access"),
]
#: g5 common.php's IP block: the whole body is a charset meta and one of these sentences.
IP_BLOCK_RE = re.compile(r"^\s*접근(?:이\s*가능하지\s*않습니다|\s*불가합니다)\.?\s*$")
UNKNOWN_ALERT = "alert:unknown"
#: Refusals that say nothing about the post (no table message): when every post of a board
#: ends in one of these, newsbot is more likely misreading the site than the site refusing.
GENERIC_REFUSALS = frozenset({UNKNOWN_ALERT, "js_redirect"})
#: g4/g5 ``password.php?w=s`` (and the ``w=s`` it carries), g6 ``/bbs/password/view/…``.
PASSWORD_PATH_RE = re.compile(r"/password\.php\b|[?&]w=s\b|/bbs/password/view/")
LOGIN_PATH_RE = re.compile(r"/login\.php\b|/bbs/login(?:[/?#]|$)")
#: What a real post or list carries: a body, list rows, comment anchors, the list/comment forms.
CONTENT_CSS = (
    "#bo_v_con, #bo_list, #bo_gall, #writeContents, table.board_list, article.board-view, "
    ".board-list, #board_view_con, #article_contents, #bo_basic_list, "
    "form[name=fboardlist], form[name=fviewcomment], [id^='c_'], a[name^='c_']"
)
COMMENT_ANCHOR_RE = re.compile(r"^c_\d+")


def alert_message(sel: Selector) -> str | None:
    """The text of the page's ``alert()`` (unescaped), or None when it shows none."""
    for script in sel.css("script::text").getall():
        match = ALERT_RE.search(script)
        if match:
            return _unescape(match.group("message"))
    return None


def _unescape(message: str) -> str:
    text = message.replace("\\n", " ").replace('\\"', '"').replace("\\'", "'").replace("\\/", "/")
    return " ".join(text.split())


def refusal_message(sel: Selector) -> str | None:
    """What the refusal page tells a person: its alert text, or its ``<noscript>`` copy."""
    message = _alert_page_message(sel)
    if message:
        return message
    noscript = " ".join(sel.css("#validation_check p ::text, noscript p ::text").getall())
    return " ".join(noscript.split()) or None


def _alert_page_message(sel: Selector) -> str | None:
    """The message of an alert page: an ``alert("…")`` followed (in that script or the next)
    by going back, elsewhere or closing the window."""
    scripts = sel.css("script::text").getall()
    for index, script in enumerate(scripts):
        match = ALERT_RE.search(script)
        if not match:
            continue
        after = script[match.end() :] + " ".join(scripts[index + 1 : index + 2])
        if AFTER_ALERT_RE.search(after):
            return _unescape(match.group("message"))
    return None


def _visible_text(sel: Selector) -> str:
    parts = sel.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
    ).getall()
    if not parts:  # g4's alert fragment has no <body>
        parts = sel.xpath(
            "//text()[not(ancestor::script) and not(ancestor::style) and "
            "not(ancestor::noscript) and not(ancestor::title)]"
        ).getall()
    return " ".join(" ".join(parts).split())


def carries_content(sel: Selector) -> bool:
    """Does the page show a post body, list rows or comments (then it is never a refusal)?"""
    # One alternative at a time, cheapest (ids) first: a post page answers at ``#bo_v_con``
    # instead of walking the whole page for every class in the group.
    for alternative in alternatives(CONTENT_CSS):
        for node in css(sel, alternative):
            anchor = node.attrib.get("id") or node.attrib.get("name") or ""
            if anchor.startswith("c_") and not COMMENT_ANCHOR_RE.match(anchor):
                continue
            return True
    return False


#: gnuboard's password prompt for a secret post: its box by id, or its form by name.
PASSWORD_PROMPT_CSS = "#pw_confirm, form[name=fboardpassword]"
PASSWORD_FORM_NAME = "fboardpassword"


def asks_password(sel: Selector) -> bool:
    """``matches(sel, PASSWORD_PROMPT_CSS)``. The form's name is looked up among the page's
    ``<form>`` elements (lxml's walk by tag, in C): as an XPath, ``form[name=…]`` tested every
    element of the page (≈ 50 µs, most of the refusal check on every post page)."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return matches(sel, PASSWORD_PROMPT_CSS)
    if matches(sel, "#pw_confirm"):
        return True
    return any(form.get("name") == PASSWORD_FORM_NAME for form in root.iter("form"))


def detect_refusal(sel: Selector, url: str, redirected_from: str | None = None) -> str | None:
    """Return why this page is not the post or list it was asked for, or None when it is.

    ``redirected_from`` is the URL first requested when the response came through a redirect
    (a secret post answers with 302 to ``password.php?w=s``, g6 with 303 to its password view).
    """
    if asks_password(sel):
        return "secret"
    if PASSWORD_PATH_RE.search(url) and redirected_from:
        return "secret"
    if LOGIN_PATH_RE.search(url) and redirected_from:
        return "login_required"
    if carries_content(sel):
        return None
    short = len(_visible_text(sel)) <= SHORT_PAGE_CHARS
    message = _alert_page_message(sel) if short else None
    if message is None and short and css(sel, "#validation_check"):
        message = refusal_message(sel) or ""
    if message is not None:
        return reason_for_message(message)
    if short and _is_bare_redirect(sel):
        # g4 goto_url() is a 200 page with a script, never a Location header: its target says
        # why (a secret post goes to password.php?w=s, a login wall to login.php).
        target = redirect_target(sel)
        return (refusal_for_redirect(target) if target else None) or "js_redirect"
    if sel.css("form#flogin, form[name=flogin]"):
        return "login_required"
    if short and IP_BLOCK_RE.match(_visible_text(sel)):
        return "ip_blocked"
    return None


def reason_for_message(message: str) -> str:
    """The refusal reason a gnuboard alert message states; ``alert:unknown`` when none fits."""
    for pattern, reason in ALERT_REASONS:
        if pattern.search(message):
            return reason
    return UNKNOWN_ALERT


def refusal_for_redirect(location: str) -> str | None:
    """Why a post answered with a redirect to this Location, when the redirect is a refusal."""
    if PASSWORD_PATH_RE.search(location):
        return "secret"
    if LOGIN_PATH_RE.search(location):
        return "login_required"
    return None


def redirect_target(sel: Selector) -> str | None:
    """The URL a script or meta-refresh redirect page sends the browser to (unescaped)."""
    text = " ".join(sel.css("script::text").getall()) + " " + sel.get()[:4000]
    for pattern in REDIRECT_TARGET_RES:
        match = pattern.search(text)
        if match:
            return match.group("url").replace("\\/", "/").replace("\\u0026", "&")
    return None


def _is_bare_redirect(sel: Selector) -> bool:
    """A page whose whole job is to send the browser elsewhere (gnuboard4 goto_url())."""
    scripts = " ".join(sel.css("script::text, meta[http-equiv]::attr(http-equiv)").getall())
    return bool(JS_REDIRECT_RE.search(scripts + " " + sel.get()[:4000]))
