"""Recognise pages that are not posts before anything is parsed out of them.

gnuboard answers a forbidden, secret, deleted or missing post with an ordinary 200 page: a
JavaScript ``alert("…")`` plus ``location.replace`` (bbs/alert.php), a 302 to ``password.php``,
or (gnuboard4) a page that is nothing but a script or meta redirect. Each maps to one reason,
used in the log line and in the stat ``newsbot/refused/<reason>``.
"""

from __future__ import annotations

import re

from parsel import Selector

from newsbot.skins.query import css

ALERT_RE = re.compile(r"""alert\(\s*(["'])(?P<message>(?:\\.|(?!\1).)*)\1""", re.S)
JS_REDIRECT_RE = re.compile(
    r"""(?:location\.(?:replace|href)\s*[(=]|http-equiv=["']?refresh)""", re.I
)
#: Where a bare redirect page sends the browser: ``location.replace('URL')``,
#: ``location.href = "URL"``, ``<meta http-equiv="refresh" content="0;url=URL">``.
REDIRECT_TARGET_RES = (
    re.compile(r"""location\.(?:replace|href)\s*(?:\(\s*|=\s*)(["'])(?P<url>.*?)(?<!\\)\1""", re.S),
    re.compile(r"""content\s*=\s*["']?\s*\d*\s*;\s*url\s*=\s*(?P<url>[^"'>\s]+)""", re.I),
)
#: Message fragments → reason; checked in order, so the more specific come first.
ALERT_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"목록을\s*볼\s*권한"), "no_list_permission"),
    (re.compile(r"(글을\s*)?읽을\s*권한|열람\s*권한|볼\s*권한이\s*없"), "no_read_permission"),
    (re.compile(r"존재하지\s*않는\s*게시판|게시판이\s*존재하지"), "no_board"),
    (re.compile(r"글이\s*존재하지\s*않|삭제되었거나|존재하지\s*않는\s*(글|게시물)"), "not_found"),
    (re.compile(r"비밀글"), "secret"),
    (re.compile(r"전용\s*게시판"), "device_only"),
    (re.compile(r"로그인|회원만|회원이시라면"), "login_required"),
]
PASSWORD_PATH_RE = re.compile(r"/password\.php\b|[?&]w=s\b")
LOGIN_PATH_RE = re.compile(r"/login\.php\b")


def alert_message(sel: Selector) -> str | None:
    """The text of the page's ``alert()`` (unescaped), or None when it shows none."""
    for script in sel.css("script::text").getall():
        match = ALERT_RE.search(script)
        if match:
            return match.group("message").replace("\\n", " ").replace('\\"', '"').strip()
    return None


def detect_refusal(sel: Selector, url: str, redirected_from: str | None = None) -> str | None:
    """Return why this page is not the post or list it was asked for, or None when it is.

    ``redirected_from`` is the URL first requested when the response came through a redirect
    (a secret post answers with 302 to ``password.php?w=s``).
    """
    if PASSWORD_PATH_RE.search(url) and (
        redirected_from or css(sel, "form[name=fboardpassword], #pw_confirm")
    ):
        return "secret"
    if css(sel, "#pw_confirm, form[name=fboardpassword]"):
        return "secret"
    if LOGIN_PATH_RE.search(url) and redirected_from:
        return "login_required"
    message = alert_message(sel)
    has_content = bool(
        css(
            sel,
            "#bo_v, #bo_list, #bo_gall, article.board-view, .board-list, "
            "#writeContents, table.board_list",
        )
    )
    if message and not has_content:
        for pattern, reason in ALERT_REASONS:
            if pattern.search(message):
                return reason
        return "alert"
    if not has_content and _is_bare_redirect(sel):
        # g4 goto_url() is a 200 page with a script, never a Location header: its target says
        # why (a secret post goes to password.php?w=s, a login wall to login.php).
        target = redirect_target(sel)
        return (refusal_for_redirect(target) if target else None) or "js_redirect"
    if sel.css("form#flogin, form[name=flogin]") and not has_content:
        return "login_required"
    return None


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
    text = " ".join(sel.xpath("//body//text()[not(ancestor::script)]").getall()).strip()
    scripts = " ".join(sel.css("script::text, meta[http-equiv]::attr(http-equiv)").getall())
    return len(text) < 200 and bool(JS_REDIRECT_RE.search(scripts + " " + sel.get()[:4000]))
