"""A small HTTP server that plays a gnuboard site from files, on 127.0.0.1 only.

Used by the demo command, the tests and the benchmarks. URLs are routed the way gnuboard routes
them (the query string picks the page):

- ``/bbs/board.php?bo_table=B[&page=N]`` → ``board/B/list-N.html`` (a filtered list, e.g.
  ``&sca=국내``, is served from ``board/B/list-N@sca=국내.html`` when that file exists);
- ``/bbs/board.php?bo_table=B&wr_id=N`` → ``board/B/N.html`` (a comment page, ``&cpage=P`` or
  ``&comment_page=P`` with P > 1, from ``board/B/N@cpage=P.html``);
- a comment list a skin loads by AJAX, Nariya's ``/plugin/nariya/comment.page.php`` or
  Amina's ``/bbs/view_comment.page.php`` ``?bo_table=B&wr_id=N[&page=P]`` →
  ``board/B/N@comments.html`` (the endpoint's default page) or ``board/B/N@comments-page=P.html``;
- a board without a directory → ``_errors/no_board.html``; a post without a file →
  ``_errors/no_post.html`` (both 200, as gnuboard answers with an alert page);
- with ``"engine": "g6"`` in ``site.json``, gnuboard6's routes ``/board/B[?page=N]`` and
  ``/board/B/N`` (a refusal page there carries its 403/404 in its ``.meta.json``);
- with ``"rewrite": true`` in ``site.json``, short URLs ``/B``, ``/B/N`` and ``/B/<slug>/``
  (slugs listed in ``board/B/slugs.json``);
- any other path P → ``static/P`` (``static/index.html`` for ``/``);
- with ``"mobile_by_user_agent": true``, a phone User-Agent gets ``<name>.mobile.html`` when it
  exists (gnuboard5 serves its mobile skin by User-Agent), unless ``device=pc`` is asked for.

A skin case directory (``fixtures/skins/<case>/``, with a ``pages.json``) is played as it was
captured: each request is answered with the page whose recorded URL it asks for (``page=1`` and
``device`` aside), with the recorded status, headers and Content-Type, and ``{{G5_URL}}`` as the
base plus the page's ``install_path``.

A sidecar ``<file>.meta.json`` sets ``status``, ``headers`` and ``content_type``. The text
``{{G5_URL}}`` in bodies and headers becomes the served base URL. Overlay directories are searched
before the site root, so a test can switch the site to a "next hour" state (new posts, changed
counts, a broken layout) while the server runs. :meth:`FixtureServer.add_fault` makes a URL
fail in one of the :data:`FAULTS` modes. Every request is recorded in ``requests``.

With ``members=`` (:class:`Members`) the server keeps real PHP-like sessions: ``bbs/login.php``
shows a login form, ``bbs/login_check.php`` checks a POSTed account (wrong password, unknown user
and blocked accounts answer with gnuboard's alerts), sets a session cookie and redirects
(g5: 302; g4: a script ``location.replace``), ``bbs/logout.php`` ends the session. Posts of a
members-only board are served to a session whose member level is high enough, everyone else gets
gnuboard's no-read-permission alert (the guest version leads to the login page). Pages served to a
member say so as gnuboard does (``g5_is_member = "1"``, the outlogin member box instead of the
login box). A session can be made to expire after N requests.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from newsbot.urls import gets_mobile_skin

#: Fault modes a test can switch on per URL (path + query as requested).
FAULTS = (
    "500",
    "502",
    "503",
    "503_retry_after",
    "429_retry_after",
    "slow",
    "drop_midbody",
    "truncated",
    "empty",
    "redirect_loop",
    "binary",
)


@dataclass
class Account:
    password: str
    level: int = 2  # gnuboard member levels: 1 guest, 2 new member, … 10 admin
    nick: str = "회원"
    blocked: bool = False  # mb_intercept_date set: login answers "접근이 금지"


@dataclass
class Members:
    """Member sessions for a :class:`FixtureServer` (see the module docstring)."""

    pages: Path  # login.html, alert.html, member_box.html of this engine (fixtures/login/<engine>)
    engine: str = "g5"  # "g5" (UTF-8, 302 after login), "g4" (CP949, script redirect), "g6"
    base: str = ""  # install path ("/gnuboard4"), where bbs/ lives
    accounts: dict[str, Account] = field(default_factory=dict)
    read_levels: dict[str, int] = field(default_factory=dict)  # bo_table → level to read posts
    extra_hidden: dict[str, str] = field(default_factory=dict)  # login form fields required back
    session_max_requests: int | None = None  # a session ends after this many requests
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)  # mb_id of every successful login
    issued: list[str] = field(default_factory=list)  # every session id handed out
    logouts: int = 0
    bodies: list[bytes] = field(default_factory=list)  # every POST body received

    @property
    def encoding(self) -> str:
        return "cp949" if self.engine == "g4" else "utf-8"

    @property
    def content_type(self) -> str:
        return f"text/html; charset={'euc-kr' if self.engine == 'g4' else 'utf-8'}"

    def template(self, name: str) -> str:
        return (self.pages / name).read_text("utf-8")

    @property
    def cookie_name(self) -> str:
        return "session" if self.engine == "g6" else "PHPSESSID"  # g6 is FastAPI's session

    @property
    def paths(self) -> dict[str, str]:
        """The login form, login check and logout paths (g6 routes have no ``.php``)."""
        bbs = f"{self.base}/bbs"
        if self.engine == "g6":
            return {"login": f"{bbs}/login", "check": f"{bbs}/login", "logout": f"{bbs}/logout"}
        return {
            "login": f"{bbs}/login.php",
            "check": f"{bbs}/login_check.php",
            "logout": f"{bbs}/logout.php",
        }

    def post_of(self, path: str, query: dict[str, str]) -> tuple[str, str] | None:
        """(bo_table, wr_id) when the request asks for a post page, else None."""
        if path.endswith("/bbs/board.php") and query.get("wr_id"):
            return query.get("bo_table", ""), query["wr_id"]
        parts = path.strip("/").split("/")
        if self.engine == "g6" and len(parts) == 3 and parts[0] == "board":
            return parts[1], parts[2]
        return None


#: gnuboard's messages (g5 / g4 wording) for the login answers the server plays.
LOGIN_MESSAGES = {
    "g5": {
        "wrong": (
            "가입된 회원아이디가 아니거나 비밀번호가 틀립니다.\\n비밀번호는 대소문자를 구분합니다."
        ),
        "blocked": "회원님의 아이디는 접근이 금지되어 있습니다.\\n처리일 : 2026년 11월 01일",
        "token": "올바른 방법으로 이용해 주십시오.",
        "guest_read": "글을 읽을 권한이 없습니다.\\n\\n회원이시라면 로그인 후 이용해 보십시오.",
        "member_read": "글을 읽을 권한이 없습니다.",
    },
    "g4": {
        "wrong": (
            "가입된 회원이 아니거나 패스워드가 틀립니다.\\n\\n패스워드는 대소문자를 구분합니다."
        ),
        "blocked": "회원님의 아이디는 접근이 금지되어 있습니다.\\n\\n처리일 : 2026년 11월 01일",
        "token": "올바른 방법으로 이용해 주십시오.",
        "guest_read": "글을 읽을 권한이 없습니다.\\n\\n회원이시라면 로그인 후 이용해 보십시오.",
        "member_read": "글을 읽을 권한이 없습니다.",
    },
    "g6": {
        "wrong": (
            "가입된 회원아이디가 아니거나 비밀번호가 틀립니다.\\n비밀번호는 대소문자를 구분합니다."
        ),
        "blocked": "회원님의 아이디는 접근이 금지되어 있습니다.\\n처리일 : 2026년 11월 01일",
        "token": "올바른 방법으로 이용해 주십시오.",
        "guest_read": "글을 읽을 권한이 없습니다.",
        "member_read": "글을 읽을 권한이 없습니다.",
    },
}
IS_MEMBER_RE = re.compile(rb'((?:var|const)\s+g[456]_is_member\s*=\s*)""')
GUEST_BOX_RES = (
    re.compile(
        r"<!-- 로그인 전 아웃로그인 시작 \{ -->.*?<!-- \} 로그인 전 아웃로그인 끝 -->", re.S
    ),
    re.compile('<form name="fhead".*?</form>', re.S),
)


class FixtureServer:
    def __init__(
        self,
        root: str | Path,
        port: int = 0,
        overlays: Iterable[str | Path] = (),
        host: str = "127.0.0.1",
        members: Members | None = None,
    ) -> None:
        self.root = Path(root)
        self.overlays: list[Path] = [Path(p) for p in overlays]
        self.members = members
        self.faults: dict[str, tuple[str, int | None]] = {}
        self.slow_seconds = 5.0
        self.delay = 0.0  # seconds added to every answer (to catch a crawl mid-way)
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self.site = (
            json.loads((self.root / "site.json").read_text("utf-8"))
            if (self.root / "site.json").exists()
            else {}
        )
        pages_json = self.root / "pages.json"
        self.case_pages: dict[str, dict[str, Any]] = (
            json.loads(pages_json.read_text("utf-8")) if pages_json.exists() else {}
        )
        handler = type("Handler", (_Handler,), {"fixture": self})
        self.httpd = _QuietServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://{host}:{self.port}"
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FixtureServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    # -- member sessions -------------------------------------------------------------------------

    def session_for(self, cookie_header: str | None) -> dict[str, Any] | None:
        """The live session the request's ``PHPSESSID`` names; counts the request against it."""
        members = self.members
        if members is None or not cookie_header:
            return None
        cookies = dict(
            part.strip().split("=", 1) for part in cookie_header.split(";") if "=" in part
        )
        sid = cookies.get(members.cookie_name)
        with self._lock:
            session = members.sessions.get(sid or "")
            if session is None:
                return None
            session["requests"] += 1
            limit = members.session_max_requests
            if limit is not None and session["requests"] > limit:
                del members.sessions[sid]  # the server forgot it (expired, restarted)
                return None
            return session

    def log_in(self, form: dict[str, str]) -> tuple[str | None, str | None]:
        """Check a login form: (new session id, None) or (None, the alert message key)."""
        members = self.members
        assert members is not None
        if any(form.get(k) != v for k, v in members.extra_hidden.items()):
            return None, "token"
        account = members.accounts.get(form.get("mb_id", "").strip())
        if account is None or account.password != form.get("mb_password", "").strip():
            return None, "wrong"
        if account.blocked:
            return None, "blocked"
        sid = secrets.token_hex(16)
        with self._lock:
            members.sessions[sid] = {"mb_id": form["mb_id"].strip(), "requests": 0}
            members.logins.append(form["mb_id"].strip())
            members.issued.append(sid)
        return sid, None

    def log_out(self, cookie_header: str | None) -> None:
        members = self.members
        assert members is not None
        for part in (cookie_header or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == members.cookie_name:
                with self._lock:
                    if members.sessions.pop(value, None) is not None:
                        members.logouts += 1

    def member_level(self, session: dict[str, Any] | None) -> int:
        if session is None or self.members is None:
            return 1
        return self.members.accounts[session["mb_id"]].level

    def as_member(self, body: bytes, session: dict[str, Any]) -> bytes:
        """The page as gnuboard prints it for a logged-in member."""
        members = self.members
        assert members is not None
        account = members.accounts[session["mb_id"]]
        body = IS_MEMBER_RE.sub(rb'\1"1"', body)
        box = members.template("member_box.html").replace("{{NICK}}", account.nick)
        text = body.decode(members.encoding, errors="surrogateescape")
        for guest_box in GUEST_BOX_RES:
            text = guest_box.sub(lambda _m: box, text, count=1)
        return text.encode(members.encoding, errors="surrogateescape")

    def alert_page(self, message_key: str, target: str | None) -> bytes:
        """gnuboard's alert(): the message, then back or on to ``target``."""
        members = self.members
        assert members is not None
        message = LOGIN_MESSAGES[members.engine][message_key]
        go = f"location.replace('{target}');" if target else "history.go(-1);"
        page = (
            members.template("alert.html")
            .replace("{{MESSAGE_JS}}", message)
            .replace("{{MESSAGE_HTML}}", message.replace("\\n", "<br>"))
            .replace("{{GO}}", go)
            .replace("{{TARGET}}", target or "javascript:history.back();")
        )
        return page.encode(members.encoding)

    def login_page(self, url: str) -> bytes:
        members = self.members
        assert members is not None
        hidden = "".join(
            f'\n        <input type="hidden" name="{k}" value="{v}">'
            for k, v in members.extra_hidden.items()
        )
        page = members.template("login.html").replace("{{URL}}", quote(url, safe=""))
        return page.replace("{{EXTRA_HIDDEN}}", hidden).encode(members.encoding)

    def refuses_post(self, path: str, query: dict[str, str], level: int) -> bool:
        """A members-only post asked for by someone below the board's read level."""
        members = self.members
        post = members.post_of(path, query) if members is not None else None
        if members is None or post is None:
            return False
        return level < members.read_levels.get(post[0], 1)

    # -- routing ---------------------------------------------------------------------------------

    def record(self, target: str) -> None:
        with self._lock:
            self.requests.append(target)

    def serves_mobile(self, user_agent: str, query: dict[str, str]) -> bool:
        """gnuboard5 picks its mobile skin by User-Agent unless ``device=pc`` is asked for."""
        if not self.site.get("mobile_by_user_agent") or query.get("device") == "pc":
            return query.get("device") == "mobile"
        return gets_mobile_skin(user_agent)

    def add_fault(self, target: str, mode: str, times: int | None = None) -> None:
        """Answer ``target`` (path + query) with a fault, ``times`` times (None: always)."""
        if mode not in FAULTS:
            raise ValueError(f"unknown fault mode {mode!r}; expected one of {FAULTS}")
        self.faults[target] = (mode, times)

    def take_fault(self, target: str) -> str | None:
        with self._lock:
            mode, times = self.faults.get(target, (None, None))
            if mode is None:
                return None
            if times is not None:
                if times <= 0:
                    return None
                self.faults[target] = (mode, times - 1)
            return mode

    def find(self, relative: str) -> Path | None:
        for directory in [*self.overlays, self.root]:
            candidate = directory / relative
            if candidate.is_file():
                return candidate
        return None

    def case_page(self, path: str, query: dict[str, str]) -> tuple[Path, dict[str, Any]] | None:
        """The recorded page of a skin case that this request asks for."""
        wanted = (path, _page_key(query))
        for name, meta in self.case_pages.items():
            parts = urlsplit(meta["url"].replace("{{G5_URL}}", meta.get("install_path", "")))
            recorded = dict(parse_qsl(parts.query, keep_blank_values=True))
            if (unquote(parts.path), _page_key(recorded)) == wanted:
                return self.root / name, meta
        return None

    def route(self, path: str, query: dict[str, str]) -> tuple[Path | None, int]:
        """Map a request to a file and the status to use when the file has no meta."""
        if path.endswith("/bbs/board.php"):
            return self._route_board(query.get("bo_table", ""), query)
        if path.endswith("comment.page.php"):  # Nariya's comment.page.php, Amina's view_…
            return self._route_comment_list(query)
        if self.site.get("engine") == "g6" and path.startswith("/board/"):
            parts = path[len("/board/") :].strip("/").split("/")
            if len(parts) == 1:
                return self._route_board(parts[0], query)
            if len(parts) == 2 and parts[1].isdigit():
                return self._route_board(parts[0], {**query, "wr_id": parts[1]})
            return None, 404
        if self.site.get("rewrite"):
            routed = self._route_short(path.lstrip("/"), query)
            if routed is not None:
                return routed
        relative = path.lstrip("/") or "index.html"
        if relative.endswith("/"):
            relative += "index.html"
        found = self.find(f"static/{relative}")
        return (found, 200) if found else (None, 404)

    def _route_board(self, bo_table: str, query: dict[str, str]) -> tuple[Path | None, int]:
        board_dir = f"board/{bo_table}"
        if not bo_table or not any((d / board_dir).is_dir() for d in [*self.overlays, self.root]):
            return self.find("_errors/no_board.html"), 200
        wr_id = query.get("wr_id", "")
        if wr_id and wr_id.isdigit() and int(wr_id):
            comment_page = query.get("cpage") or query.get("comment_page") or ""
            if comment_page.isdigit() and int(comment_page) > 1:
                # a page of comments: board/B/N@cpage=P.html
                found = self.find(f"{board_dir}/{int(wr_id)}@cpage={int(comment_page)}.html")
                return (found, 200) if found else (self.find("_errors/no_post.html"), 200)
            found = self.find(f"{board_dir}/{int(wr_id)}.html")
            return (found, 200) if found else (self.find("_errors/no_post.html"), 200)
        page = query.get("page", "1")
        page = str(int(page)) if page.isdigit() and int(page) > 0 else "1"
        extras = "&".join(
            f"{k}={v}" for k, v in sorted(query.items()) if k not in ("bo_table", "page") and v
        )
        if extras:
            found = self.find(f"{board_dir}/list-{page}@{extras}.html")
            if found:
                return found, 200
        found = self.find(f"{board_dir}/list-{page}.html")
        if found is None and page != "1":
            # Past the last page gnuboard shows an empty list, not an error.
            found = self.find(f"{board_dir}/list-empty.html")
        return (found, 200) if found else (None, 404)

    def _route_comment_list(self, query: dict[str, str]) -> tuple[Path | None, int]:
        bo_table, wr_id, page = (query.get(k, "") for k in ("bo_table", "wr_id", "page"))
        if not (bo_table and wr_id.isdigit()):
            return None, 404
        name = f"{int(wr_id)}@comments"
        if page.isdigit():
            name += f"-page={int(page)}"
        found = self.find(f"board/{bo_table}/{name}.html")
        return (found, 200) if found else (None, 404)

    def _route_short(self, rest: str, query: dict[str, str]) -> tuple[Path | None, int] | None:
        parts = rest.split("/")
        if not parts or not parts[0] or not (self.root / "board" / parts[0]).is_dir():
            return None
        bo_table = parts[0]
        if len(parts) == 1:
            return self._route_board(bo_table, query)
        if len(parts) == 2 and parts[1].isdigit():
            return self._route_board(bo_table, {**query, "wr_id": parts[1]})
        if len(parts) == 3 and parts[2] == "":
            slugs_file = self.find(f"board/{bo_table}/slugs.json")
            slugs = json.loads(slugs_file.read_text("utf-8")) if slugs_file else {}
            wr_id = slugs.get(unquote(parts[1]))
            if wr_id is None:
                return self.find("_errors/no_post.html"), 200
            return self._route_board(bo_table, {**query, "wr_id": str(wr_id)})
        return None


def _page_key(query: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """A request's query as a recorded page matches it: page 1 is the list itself."""
    kept = {k: v for k, v in query.items() if k != "device" and not (k == "page" and v == "1")}
    return tuple(sorted(kept.items()))


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler killed mid-download (a test's SIGKILL) leaves broken pipes: not our error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fixture: FixtureServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read ``requests`` instead of stderr noise

    def do_GET(self) -> None:
        fixture = self.fixture
        fixture.record(self.path)
        fixture.user_agents.append(self.headers.get("User-Agent", ""))
        if fixture.delay:
            time.sleep(fixture.delay)
        fault = fixture.take_fault(self.path)
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if fixture.case_pages:
            self._case(unquote(parts.path), query)
            return
        session = fixture.session_for(self.headers.get("Cookie"))
        if fixture.members is not None and self._member_page(parts.path, query, session):
            return
        found, status = fixture.route(unquote(parts.path), query)
        if fault:
            self._fault(fault, found)
            return
        if found is not None and fixture.serves_mobile(self.headers.get("User-Agent", ""), query):
            mobile = found.with_name(found.stem + ".mobile" + found.suffix)
            found = mobile if mobile.exists() else found
        if found is None:
            self._send(404, b"<html><body>Not Found</body></html>", {})
            return
        meta_file = found.with_name(found.name + ".meta.json")
        meta = json.loads(meta_file.read_text("utf-8")) if meta_file.exists() else {}
        body = self._expand(found.read_bytes())
        if session is not None and found.suffix != ".txt":
            body = fixture.as_member(body, session)
        headers = {k: self._expand(v.encode()).decode() for k, v in meta.get("headers", {}).items()}
        content_type = meta.get("content_type") or fixture.site.get(
            "content_type", "text/html; charset=utf-8"
        )
        if found.suffix == ".txt":
            content_type = "text/plain; charset=utf-8"
        headers.setdefault("Content-Type", content_type)
        self._send(meta.get("status", status), body, headers)

    def _member_page(
        self, path: str, query: dict[str, str], session: dict[str, Any] | None
    ) -> bool:
        """Answer the login, logout and refused members-only pages; False for any other page."""
        fixture = self.fixture
        members = fixture.members
        assert members is not None
        paths = members.paths
        html = {"Content-Type": members.content_type}
        if path == paths["login"]:
            if session is not None:  # gnuboard sends a member away from the login page
                self._send(302, b"", {"Location": f"{fixture.base_url}{members.base}/"})
            else:
                self._send(200, self._expand(fixture.login_page(query.get("url", ""))), html)
            return True
        if path == paths["logout"]:
            fixture.log_out(self.headers.get("Cookie"))
            self._send(302, b"", {"Location": f"{fixture.base_url}{members.base}/"})
            return True
        level = fixture.member_level(session)
        if fixture.refuses_post(path, query, level):
            if session is None:
                post = f"{fixture.base_url}{self.path}"
                target = f"{fixture.base_url}{paths['login']}?url={quote(post, safe='')}"
                body = fixture.alert_page("guest_read", target)
            else:
                body = fixture.as_member(fixture.alert_page("member_read", None), session)
            # gnuboard6 answers a refusal with 403 and its alert page; g4/g5 with 200
            self._send(403 if members.engine == "g6" else 200, self._expand(body), html)
            return True
        return False

    def do_POST(self) -> None:
        fixture = self.fixture
        fixture.record(f"POST {self.path}")
        members = fixture.members
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        path = urlsplit(self.path).path
        if members is None or path != members.paths["check"]:
            self._send(404, b"<html><body>Not Found</body></html>", {})
            return
        members.bodies.append(raw)
        form = dict(parse_qsl(raw.decode("ascii"), encoding=members.encoding))
        html = {"Content-Type": members.content_type}
        sid, refusal = fixture.log_in(form)
        if sid is None:
            status = 403 if members.engine == "g6" else 200
            self._send(status, self._expand(fixture.alert_page(refusal or "wrong", None)), html)
            return
        cookie = {"Set-Cookie": f"{members.cookie_name}={sid}; path=/; HttpOnly"}
        link = unquote(form.get("url", "")) or f"{fixture.base_url}{members.base}/"
        if members.engine == "g4":
            # g4's goto_url() is a script, never a Location header
            script = f"<script type='text/javascript'> location.replace('{link}'); </script>"
            self._send(200, script.encode(members.encoding), {**html, **cookie})
        else:
            self._send(302, b"", {**cookie, "Location": link})

    def _case(self, path: str, query: dict[str, str]) -> None:
        found = self.fixture.case_page(path, query)
        if found is None:
            self._send(404, b"<html><body>Not Found</body></html>", {})
            return
        page, meta = found
        base = (self.fixture.base_url + meta.get("install_path", "")).encode()
        headers = {
            k: v.replace("{{G5_URL}}", base.decode()) for k, v in meta.get("headers", {}).items()
        }
        headers["Content-Type"] = meta.get("content_type") or "text/html; charset=utf-8"
        self._send(meta.get("status", 200), page.read_bytes().replace(b"{{G5_URL}}", base), headers)

    def _expand(self, data: bytes) -> bytes:
        return data.replace(b"{{G5_URL}}", self.fixture.base_url.encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, fault: str, found: Path | None) -> None:
        body = self._expand(found.read_bytes()) if found else b"<html></html>"
        html = {"Content-Type": "text/html; charset=utf-8"}
        if fault in ("500", "502", "503"):
            self._send(int(fault), b"<html><body>Server Error</body></html>", html)
        elif fault == "503_retry_after":
            self._send(503, b"<html><body>busy</body></html>", {**html, "Retry-After": "1"})
        elif fault == "429_retry_after":
            self._send(429, b"<html><body>slow down</body></html>", {**html, "Retry-After": "1"})
        elif fault == "slow":
            time.sleep(self.fixture.slow_seconds)
            self._send(200, body, html)
        elif fault == "drop_midbody":
            self.send_response(200)
            self.send_header("Content-Type", html["Content-Type"])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
        elif fault == "truncated":
            self._send(200, body[: len(body) // 4], html)
        elif fault == "empty":
            self._send(200, b"", html)
        elif fault == "redirect_loop":
            self._send(302, b"", {"Location": self.path})
        elif fault == "binary":
            junk = bytes(range(256)) * 64
            self._send(200, junk, html)
        else:
            raise ValueError(f"unknown fault mode {fault!r}; expected one of {FAULTS}")
