"""What a page says about logging in: the login form, and whether the viewer is a member.

Pure functions over a ``parsel.Selector`` (or the page text), like every other extractor.

- :func:`find_login_form` reads the form from the page instead of assuming one: the core g4/g5
  login skins call it ``flogin``, the outlogin box ``foutlogin``, themes rename it; a form is a
  login form when it has a password input. gnuboard4's skin has no ``action`` (a script sets it
  to ``bbs/login_check.php`` on submit), so a missing or ``javascript:`` action means that.
- :func:`member_state` answers from positive evidence only: the ``g4_is_member`` /
  ``g5_is_member`` / ``g6_is_member`` global that every gnuboard page prints in its head, then a
  logout link or the outlogin member box. None means the page does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from newsbot.skins.refusals import alert_message

#: g4/g5 ``var g5_is_member = "1";``, g6 ``const g6_is_member = "1";`` (empty for a guest).
IS_MEMBER_VAR_RE = re.compile(r"""(?:var|let|const)\s+g[456]_is_member\s*=\s*["']([^"']*)["']""")
LOGOUT_LINK_XPATH = "//a[contains(@href, 'logout.php') or contains(@href, '/logout')]"
MEMBER_BOX_XPATH = "id('ol_after') | //*[contains(concat(' ', @class, ' '), ' ol_after ')]"
FORM_PRIORITY = ("flogin", "foutlogin")
CORE_LOGIN_CHECK = "login_check.php"
#: Where the login form and the logout link live, per engine (g6 routes have no ``.php``).
LOGIN_PATHS = {"g6": ("/bbs/login", "/bbs/logout")}
DEFAULT_LOGIN_PATHS = ("/bbs/login.php", "/bbs/logout.php")


def login_paths(engine: str | None) -> tuple[str, str]:
    """(login page, logout link) below the install root of a site of this engine."""
    return LOGIN_PATHS.get(engine, DEFAULT_LOGIN_PATHS)


def login_engines(engine: str | None) -> tuple[str, ...]:
    """The engines whose login page to try, in order, for a site of ``engine``.

    A site root given with ``-a url=`` says nothing of its engine until its menus are read, which
    is after the login: such a site (``None``) is tried as gnuboard4/5 (``bbs/login.php``) and, when
    that page is not there (404), as gnuboard6 (``bbs/login``)."""
    return (engine,) if engine else ("g5", "g6")


@dataclass(frozen=True)
class LoginForm:
    """A login form as the page shows it: where it posts and what it carries."""

    action: str  # absolute URL the form posts to
    username_field: str
    password_field: str
    hidden: tuple[tuple[str, str], ...]  # hidden inputs and their values, in page order


def find_login_form(sel: Selector, page_url: str) -> LoginForm | None:
    """The page's login form, or None when it shows none."""
    forms = sel.xpath("//form")
    candidates = []
    for index, form in enumerate(forms):
        password = form.xpath(".//input[translate(@type, 'PASSWORD', 'password') = 'password']")
        if not password:
            continue
        name = (form.attrib.get("name") or form.attrib.get("id") or "").lower()
        rank = FORM_PRIORITY.index(name) if name in FORM_PRIORITY else len(FORM_PRIORITY)
        candidates.append((rank, index, form, password[0]))
    if not candidates:
        return None
    _, index, form, password = min(candidates, key=lambda c: (c[0], c[1]))
    username = form.xpath(
        ".//input[not(@type) or translate(@type, 'TEXMAIL', 'texmail') = 'text'"
        " or translate(@type, 'TEXMAIL', 'texmail') = 'email']/@name"
    ).get()
    hidden = tuple(
        (field.attrib["name"], field.attrib.get("value", ""))
        for field in form.xpath(".//input[translate(@type, 'HIDEN', 'hiden') = 'hidden'][@name]")
    )
    return LoginForm(
        action=_form_action(form.attrib.get("action"), page_url),
        username_field=username or "mb_id",
        password_field=password.attrib.get("name") or "mb_password",
        hidden=hidden,
    )


def _form_action(action: str | None, page_url: str) -> str:
    action = (action or "").strip()
    if not action or action.lower().startswith("javascript:"):
        # g4's login skin posts wherever flogin_submit() points it: the core login_check.php
        # beside the login page.
        return urljoin(page_url, CORE_LOGIN_CHECK)
    return urljoin(page_url, action)


def member_state(sel: Selector) -> bool | None:
    """True when the page is shown to a logged-in member, False to a guest, None if unknown."""
    for script in sel.xpath("//script[contains(., '_is_member')]/text()").getall():
        match = IS_MEMBER_VAR_RE.search(script)
        if match:
            return bool(match.group(1).strip())
    if sel.xpath(LOGOUT_LINK_XPATH) or sel.xpath(MEMBER_BOX_XPATH):
        return True
    return None


def member_state_of_text(text: str) -> bool | None:
    """:func:`member_state` from the ``g5_is_member`` global alone, without parsing the page."""
    match = IS_MEMBER_VAR_RE.search(text)
    return bool(match.group(1).strip()) if match else None


def login_refusal(sel: Selector) -> str | None:
    """The alert a failed login answers with (wrong password, blocked account…), or None."""
    return alert_message(sel)


def same_site(url: str, base_url: str) -> bool:
    """``url`` is on the install at ``base_url`` (scheme, host, port and install path)."""
    a, b = urlsplit(url), urlsplit(base_url.rstrip("/") + "/")
    return (a.scheme, a.netloc) == (b.scheme, b.netloc) and (a.path or "/").startswith(b.path)
