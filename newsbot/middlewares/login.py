"""``LoginMiddleware``: member sessions for the sites that name an account.

A site with ``login`` in the sites file (or every ``-a url=`` target with ``-a login=NAME``) is
logged in to once, when its first request is about to go out, through the site's own form:
``bbs/login.php`` (gnuboard6: ``bbs/login``; a site root of unknown engine tries the first and,
on a 404, the second) is read, its login form found
(:func:`newsbot.skins.login.find_login_form`; hidden fields and tokens carried over), and the
form posted with the account from the environment. Success is read from the page — gnuboard's
``g4_is_member``/``g5_is_member``/``g6_is_member``
global, the logout link or the member box — never from the HTTP status: a wrong password is a
200 page with a JavaScript alert.

- Each site keeps its session in its own Scrapy cookie jar (``meta["cookiejar"]``), so two sites
  on one host with different accounts never share a cookie.
- The login requests go out through ``engine.download_async``: same download slot (delay,
  concurrency) as the site, but never through the scheduler, so a ``JOBDIR`` never holds the
  password.
- A failed login (alert text, no form, no member evidence, network error) stops that site: its
  requests are dropped with :class:`LoginFailed` (counted as the refusal ``login_failed``), one
  error line names the site, the user name and the alert text, and the run exits 7. Other sites go
  on.
- Session loss: a page of a logged-in site that shows a guest (``g5_is_member`` empty) means the
  session ended (expired cookie, server restart). The middleware logs in again once and retries
  the request with a fresh cookie header; if the site still shows a guest, the request's refusal
  is counted as ``session_lost`` and no further re-login is tried.
- At the end of the run (spider idle) it logs out of each site it logged in to, through the
  site's ``bbs/logout.php`` (g6 ``bbs/logout``) — the only state-changing link it ever follows.
- The password and the session cookie values are registered with a
  :class:`~newsbot.credentials.RedactingFilter` on the log handlers, so no log line at any level
  can carry them.

Stats: ``newsbot/login/ok``, ``newsbot/login/failed``, ``newsbot/login/relogin``,
``newsbot/login/session_lost``, ``newsbot/login/logout``, ``newsbot/login/failed_sites`` (names).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from parsel import Selector
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, NotConfigured
from scrapy.http import FormRequest, Response, TextResponse

from newsbot.credentials import Credentials, RedactingFilter
from newsbot.skins.login import (
    find_login_form,
    login_engines,
    login_paths,
    login_refusal,
    member_state,
    member_state_of_text,
    same_site,
)
from newsbot.skins.refusals import redirect_target

logger = logging.getLogger(__name__)

#: Request meta that marks our own login/logout requests (never intercepted again).
LOGIN_META = "newsbot_login"
#: Response meta set when a logged-in site answered as to a guest even after a new login.
SESSION_LOST_META = "newsbot_session_lost"
#: Request meta set on every request of a site this run is logged in to (the login generation).
LOGGED_IN_META = "newsbot_login_generation"
#: Head of the page searched for ``g5_is_member`` (gnuboard prints it in <head>).
HEAD_WINDOW = 16384
#: Stat: the names of the sites whose login failed (the run exits 7).
FAILED_SITES_STAT = "newsbot/login/failed_sites"
MAX_LOGINS = 2  # the first login and one re-login after a lost session
#: Cookie values at least this long are taken for session ids and masked in the log.
SESSION_VALUE_MIN = 8


class LoginFailed(IgnoreRequest):
    """A request of a site whose login failed: refused, not an error of the site."""


@dataclass
class SiteLogin:
    """What a run knows of one site it logs in to."""

    name: str  # the sites-file name, or the host for -a url= runs
    base_url: str  # the install root, where bbs/ lives
    credentials: Credentials
    return_url: str  # the page to land on after login (the first board)
    engine: str | None = "g5"  # None until the login page that answered tells (a site root)
    logins: int = 0
    generation: int = 0  # bumped at every successful login
    state: str = "new"  # new → in | failed | unreachable; in → out
    failure: str | None = None
    unreachable: Exception | None = None  # what fetching the login page raised
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def cookiejar(self) -> str:
        return f"newsbot-login:{self.base_url}"


class LoginMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.sites: list[SiteLogin] = []
        self.redactor = RedactingFilter()
        self._logouts: set[asyncio.Future[None]] = set()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LoginMiddleware:
        if not crawler.settings.getbool("COOKIES_ENABLED"):
            raise NotConfigured("member login needs COOKIES_ENABLED")
        # The spider (made before the downloader) names its login targets when it is made: a
        # run that logs in nowhere leaves the middleware out, or every request and response
        # would pass through its two hooks (two coroutines in Scrapy's chain) for nothing.
        spider = getattr(crawler, "spider", None)
        if spider is not None and not getattr(spider, "login_targets", ()):
            raise NotConfigured("no site of this run logs in")
        return cls(crawler)

    # -- lifecycle -------------------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        for target in getattr(spider, "login_targets", ()):
            site = SiteLogin(
                name=target.name,
                base_url=target.base_url,
                credentials=target.credentials,
                return_url=target.return_url,
                engine=target.engine,
            )
            self.sites.append(site)
            self.redactor.add(site.credentials.password)
        if self.sites:
            self.redactor.install()

    def spider_idle(self) -> None:
        pending = [s for s in self.sites if s.state == "in"]
        if not pending:
            return
        for site in pending:
            site.state = "out"
            task = asyncio.ensure_future(self._log_out(site))
            self._logouts.add(task)
            task.add_done_callback(self._logouts.discard)
        raise DontCloseSpider

    def spider_closed(self) -> None:
        self.redactor.uninstall()

    def site_for(self, url: str) -> SiteLogin | None:
        """The login site ``url`` belongs to: the longest install root that holds it (a site in
        a sub-directory is not the host root's)."""
        matches = [site for site in self.sites if same_site(url, site.base_url)]
        return max(matches, key=lambda site: len(site.base_url), default=None)

    # -- the downloader hooks --------------------------------------------------------------------

    async def process_request(self, request: Request) -> None:
        if not self.sites or request.meta.get(LOGIN_META) or _is_robots(request):
            return
        site = self.site_for(request.url)
        if site is None:
            return
        request.meta["cookiejar"] = site.cookiejar
        request.meta["dont_cache"] = True  # a cached member page would keep its Cookie header
        if site.state == "new":
            async with site.lock:
                if site.state == "new":
                    await self._log_in(site)
        if site.state == "failed":
            raise LoginFailed(f"login to {site.name} failed: {site.failure}")
        if site.unreachable is not None:
            # the site did not answer its login page: every request fails as that request
            # would have (the spider says "cannot reach …", exit 4), not as a login failure
            raise site.unreachable
        request.meta[LOGGED_IN_META] = site.generation

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if not self.sites or request.meta.get(LOGIN_META) or _is_robots(request):
            return response
        site = self.site_for(request.url)
        if site is None or site.state != "in" or not isinstance(response, TextResponse):
            return response
        if member_state_of_head(response) is not False:
            return response
        # Logged in, yet the page shows a guest: the session is gone.
        self.stats.inc_value("newsbot/login/session_lost")
        if request.meta.get("newsbot_login_retried"):
            request.meta[SESSION_LOST_META] = True
            return response
        async with site.lock:
            sent_with = request.meta.get(LOGGED_IN_META, site.generation)
            if site.generation == sent_with:
                if site.logins >= MAX_LOGINS:
                    request.meta[SESSION_LOST_META] = True
                    return response
                logger.warning(
                    "login: session on %s ended (%s shows a guest); logging in again",
                    site.name,
                    request.url,
                )
                self.stats.inc_value("newsbot/login/relogin")
                await self._log_in(site)
        if site.state != "in":
            request.meta[SESSION_LOST_META] = True
            return response
        retry = request.replace(dont_filter=True)
        # The old session's cookie must not ride along: the jar adds the new one.
        retry.headers.pop(b"Cookie", None)
        retry.meta["newsbot_login_retried"] = True
        return retry

    # -- login and logout ------------------------------------------------------------------------

    async def _log_in(self, site: SiteLogin) -> None:
        site.logins += 1
        username = site.credentials.username
        try:
            failure = await self._submit_login(site)
        except IgnoreRequest as exc:  # robots.txt disallows the login page
            failure = f"the login page may not be fetched ({exc})"
        except Exception as exc:  # the site does not answer: not a login failure
            logger.debug("login: fetching the login pages of %s failed", site.name, exc_info=True)
            site.state, site.unreachable = "unreachable", exc
            return
        if failure is None:
            site.state = "in"
            site.generation += 1
            self.stats.inc_value("newsbot/login/ok")
            self._register_session_cookies(site)
            logger.info("login: logged in to %s as %s", site.name, username)
            return
        site.state, site.failure = "failed", failure
        self.stats.inc_value("newsbot/login/failed")
        failed = self.stats.get_value(FAILED_SITES_STAT) or []
        self.stats.set_value(FAILED_SITES_STAT, [*failed, site.name])
        logger.error(
            "login: failed on %s as %s: %s; this site is not crawled", site.name, username, failure
        )

    async def _submit_login(self, site: SiteLogin) -> str | None:
        """Log in through the site's form; the reason it failed, or None on success."""
        query = urlencode({"url": site.return_url})
        engines = login_engines(site.engine)
        for engine in engines:
            login_path = login_paths(engine)[0]
            page = await self._fetch(Request(f"{site.base_url}{login_path}?{query}"), site)
            if page.status != 404 or engine == engines[-1]:
                break
            logger.debug("login: no %s on %s, trying the next engine's", login_path, site.name)
        site.engine = engine  # the logout link is the engine's too
        if not isinstance(page, TextResponse):
            return f"{page.url} is not a login page"
        if member_state(page.selector):
            return None  # the jar still held a valid session
        form = find_login_form(page.selector, page.url)
        if form is None:
            return f"no login form on {page.url} (status {page.status})"
        submit = FormRequest(
            form.action,
            formdata=[
                *form.hidden,
                (form.username_field, site.credentials.username),
                (form.password_field, site.credentials.password.reveal()),
            ],
            # a g4 site reads the form in its own charset (CP949): a Hangul password must match
            encoding=page.encoding,
        )
        answer = await self._fetch(submit, site)
        if not isinstance(answer, TextResponse):
            return f"the login answer from {answer.url} is not a page"
        verdict = _login_verdict(answer.selector)
        if verdict is not None:
            return verdict or None
        # g4 answers a good login with a bare script redirect: the page it leads to tells.
        target = redirect_target(answer.selector)
        landing = await self._fetch(Request(answer.urljoin(target or site.return_url)), site)
        if isinstance(landing, TextResponse):
            verdict = _login_verdict(landing.selector)
            if verdict is not None:
                return verdict or None
        return "the page after login shows neither a member box nor an alert"

    async def _fetch(self, request: Request, site: SiteLogin) -> Response:
        # never in Scrapy's HTTP cache (it would keep the posted password and the session)
        request.meta.update({LOGIN_META: True, "cookiejar": site.cookiejar, "dont_cache": True})
        request.dont_filter = True
        assert self.crawler.engine is not None
        return await self.crawler.engine.download_async(request)

    async def _log_out(self, site: SiteLogin) -> None:
        try:
            await self._fetch(Request(site.base_url + login_paths(site.engine)[1]), site)
        except Exception as exc:
            logger.warning("login: logout from %s failed (%s)", site.name, type(exc).__name__)
            return
        self.stats.inc_value("newsbot/login/logout")
        logger.info("login: logged out of %s", site.name)

    def _register_session_cookies(self, site: SiteLogin) -> None:
        """Mask the session's cookie values in the log, whatever prints them. The site's jar
        holds only what its login set (it is the site's first request); short values such as
        ``1`` are flags, not session ids, and masking them would garble every log line."""
        for middleware in self.crawler.engine.downloader.middleware.middlewares:
            jars = getattr(middleware, "jars", None)
            if jars is None:
                continue
            for cookie in jars[site.cookiejar].jar:
                if len(cookie.value or "") >= SESSION_VALUE_MIN:
                    self.redactor.add(cookie.value or "")


def _login_verdict(sel: Selector) -> str | None:
    """'' when the page shows a member, the alert text when it refuses, None when it says
    neither."""
    if member_state(sel):
        return ""
    message = login_refusal(sel)
    if message:
        return f"the site answered {message!r}"
    return None


def member_state_of_head(response: TextResponse) -> bool | None:
    return member_state_of_text(response.text[:HEAD_WINDOW])


def _is_robots(request: Request) -> bool:
    return request.url.endswith("/robots.txt") or bool(request.meta.get("dont_obey_robotstxt"))
