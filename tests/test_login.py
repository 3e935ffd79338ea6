"""Member login: members-only boards crawled with an account, and the account never leaks.

The fixture server plays real sessions (:class:`~newsbot.fixture_server.Members`): the sample
site's board (gnuboard5) and the mixed site's gnuboard4 board (CP949, under ``/gnuboard4``) are
made members-only, so their posts come out only with a logged-in cookie; every field is then
compared with the sites' expected items.
"""

from __future__ import annotations

import logging
import pickle
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from parsel import Selector

from newsbot import exitcodes
from newsbot.arguments import ArgumentError
from newsbot.credentials import LoginSpec, RedactingFilter, Secret, read_credentials
from newsbot.fixture_server import Account, FixtureServer, Members
from newsbot.sites import load_sites, login_targets
from newsbot.skins.login import find_login_form, login_engines, login_paths, member_state

from .conftest import FIXTURES, SAMPLE_SITE, load_expected
from .test_crawl_mixed import MIXED, MIXED_NOW, compare

LOGIN_PAGES = FIXTURES / "login"
#: quotes, Hangul and & together: the form encoding must carry them as typed (CP949 on g4)
PASSWORD = "p@ss \"w0rd\" '한글&비번'"
G5_BOARD = "it_science"


def g5_members(**kwargs) -> Members:
    accounts = kwargs.pop("accounts", None) or {
        # the member's nick is a real author of the board: the member box must not become one
        "reporter": Account(PASSWORD, level=2, nick="수집기"),
    }
    return Members(
        pages=LOGIN_PAGES / "g5",
        accounts=accounts,
        read_levels=kwargs.pop("read_levels", {G5_BOARD: 2}),
        **kwargs,
    )


def g4_members(**kwargs) -> Members:
    return Members(
        pages=LOGIN_PAGES / "g4",
        engine="g4",
        base="/gnuboard4",
        accounts={"g4user": Account(PASSWORD, level=3, nick="사진담당")},
        read_levels={"g4free": 3},
        **kwargs,
    )


def g5_url(server: FixtureServer) -> str:
    return f"{server.base_url}/bbs/board.php?bo_table={G5_BOARD}"


def g4_url(server: FixtureServer) -> str:
    return f"{server.base_url}/gnuboard4/bbs/board.php?bo_table=g4free"


def sample_expected(server: FixtureServer) -> list[dict]:
    return load_expected(SAMPLE_SITE, server)


def g4_expected(server: FixtureServer) -> list[dict]:
    return [e for e in load_expected(MIXED, server) if e["board"] == "g4free"]


@pytest.fixture
def account(monkeypatch):
    """``-a login=SAMPLE`` reads these two variables."""
    monkeypatch.setenv("SAMPLE_USER", "reporter")
    monkeypatch.setenv("SAMPLE_PASSWORD", PASSWORD)
    return "SAMPLE"


# -- credentials and the page reading, without a crawler ---------------------------------------


def test_a_secret_never_prints_or_pickles() -> None:
    secret = Secret("hunter2")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret)
    assert "hunter2" not in f"{secret} {secret!r} {[secret]}"
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    assert secret.reveal() == "hunter2"


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({}, "MYSITE_USER is not set"),
        ({"MYSITE_USER": "zq-user-9"}, "MYSITE_PASSWORD is not set"),
        ({"MYSITE_USER": "zq-user-9", "MYSITE_PASSWORD": ""}, "MYSITE_PASSWORD is empty"),
    ],
)
def test_an_unset_account_variable_is_named_not_shown(environ, missing) -> None:
    with pytest.raises(ArgumentError, match=missing) as raised:
        read_credentials(LoginSpec.for_name("mysite"), environ)
    assert "zq-user-9" not in str(raised.value)


def test_login_name_must_be_an_env_prefix() -> None:
    assert LoginSpec.for_name("my_site") == LoginSpec("MY_SITE_USER", "MY_SITE_PASSWORD")
    with pytest.raises(ArgumentError, match="not a usable name"):
        LoginSpec.for_name("my-site;rm")


def test_a_site_root_leaves_the_login_engine_to_the_site() -> None:
    """A board URL says its engine; a site root does not, so its login page is found by trying."""
    env = {"SIX_USER": "u", "SIX_PASSWORD": "pw"}
    urls = ["https://six.example/board/free", "https://five.example/bbs/board.php?bo_table=a"]
    urls.append("https://root.example/")
    engines = {t.base_url: t.engine for t in login_targets(urls, [], "six", env)}
    assert engines == {
        "https://six.example": "g6",
        "https://five.example": "g5",
        "https://root.example": None,
    }
    assert login_engines("g6") == ("g6",) and login_engines("g5") == ("g5",)
    assert [login_paths(e)[0] for e in login_engines(None)] == ["/bbs/login.php", "/bbs/login"]


def test_sites_file_names_variables_not_accounts(tmp_path: Path) -> None:
    good = tmp_path / "sites.toml"
    good.write_text(
        '[sites.a]\nbase_url = "https://a.example"\nboards = ["news"]\n'
        'login = { username_env = "A_USER", password_env = "A_PASSWORD" }\n',
        "utf-8",
    )
    site = load_sites(good)["a"]
    assert site.login == LoginSpec("A_USER", "A_PASSWORD")
    [target] = login_targets([], [site], None, {"A_USER": "u", "A_PASSWORD": "pw"})
    assert (target.name, target.base_url, target.credentials.username) == (
        "a",
        "https://a.example",
        "u",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[sites.a]\nbase_url = "https://a.example"\nboards = ["news"]\n'
        'login = { username = "me", password = "hunter2" }\n',
        "utf-8",
    )
    with pytest.raises(ArgumentError, match="site 'a': key 'login' must be") as raised:
        load_sites(bad)
    assert "hunter2" not in str(raised.value)


def _page(engine: str, name: str, **values: str) -> Selector:
    text = (LOGIN_PAGES / engine / name).read_text("utf-8")
    for key, value in {"G5_URL": "http://h", "URL": "x", "EXTRA_HIDDEN": "", **values}.items():
        text = text.replace("{{" + key + "}}", value)
    return Selector(text=text)


def test_login_forms_are_read_from_the_page() -> None:
    g5 = find_login_form(_page("g5", "login.html"), "http://h/bbs/login.php?url=x")
    assert g5 is not None
    assert (g5.action, g5.username_field, g5.password_field) == (
        "http://h/bbs/login_check.php",
        "mb_id",
        "mb_password",
    )
    # g4's form has no action: its submit script posts to login_check.php beside the page
    g4 = find_login_form(_page("g4", "login.html"), "http://h/gnuboard4/bbs/login.php")
    assert g4 is not None and g4.action == "http://h/gnuboard4/bbs/login_check.php"
    extra = '<input type="hidden" name="csrf" value="t0k">'
    form = find_login_form(_page("g5", "login.html", EXTRA_HIDDEN=extra), "http://h/bbs/login.php")
    assert form is not None and form.hidden == (("url", "x"), ("csrf", "t0k"))
    # an ordinary board page offers only the outlogin box's form
    seed = (SAMPLE_SITE / "board" / G5_BOARD / "63.html").read_text("utf-8")
    outlogin = find_login_form(Selector(text=seed), "http://h/bbs/board.php")
    assert outlogin is not None and outlogin.hidden[0][0] == "url"
    assert find_login_form(Selector(text="<form><input name=q></form>"), "http://h/") is None


def test_member_state_comes_from_positive_evidence() -> None:
    seed = (SAMPLE_SITE / "board" / G5_BOARD / "63.html").read_bytes()
    assert member_state(Selector(text=seed.decode())) is False
    with FixtureServer(SAMPLE_SITE, members=g5_members()) as server:
        as_member = server.as_member(seed, {"mb_id": "reporter"}).decode()
    assert member_state(Selector(text=as_member)) is True
    assert 'id="ol_after"' in as_member and 'id="ol_before"' not in as_member
    assert member_state(Selector(text="<html><body><p>hi</p></body></html>")) is None


def test_redacting_filter_masks_secrets_and_cookie_values(caplog) -> None:
    redactor = RedactingFilter()
    redactor.add(Secret("hunter2&한글"))
    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "pw=%s", ("hunter2&한글",), None)
    redactor.filter(record)
    assert record.getMessage() == "pw=********"
    text = redactor.redact("Sending cookies to: <GET http://h/>\nCookie: PHPSESSID=abc; ck=1")
    assert "abc" not in text and "PHPSESSID=********" in text


# -- end to end -------------------------------------------------------------------------------


@pytest.mark.e2e
def test_members_only_g5_board_with_login_every_field_right(crawl, serve, account) -> None:
    members = g5_members()
    server = serve(SAMPLE_SITE, members=members)
    result = crawl.run(url=g5_url(server), login=account)
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    problems = compare(result.items, sample_expected(server))
    assert not problems, "\n".join(problems[:30])
    assert members.logins == ["reporter"]  # once per run per site
    assert members.logouts == 1  # and out again at the end
    assert "login: logged in to" in result.stderr
    # the guest run of the same board reads nothing: every post is refused
    guest = crawl.run(url=g5_url(server), full="1")
    assert not guest.items
    refused = guest.report["boards"][f"{server.base_url.split('://')[1]}/{G5_BOARD}"]["refused"]
    assert refused == {"no_read_permission": len(sample_expected(server)) + 1}


@pytest.mark.e2e
def test_posts_a_guest_run_was_refused_are_fetched_once_logged_in(crawl, serve, account) -> None:
    server = serve(SAMPLE_SITE, members=g5_members())
    guest = crawl.run(url=g5_url(server))
    assert not guest.items
    member = crawl.run(url=g5_url(server), login=account)  # an incremental run, not full=1
    assert member.returncode == exitcodes.OK, member.stderr[-3000:]
    assert not compare(member.items, sample_expected(server))
    # refused to the member (a level too low) is remembered: the next run does not ask again
    high = serve(SAMPLE_SITE, members=g5_members(read_levels={G5_BOARD: 9}))
    crawl.run(url=g5_url(high), login=account, max_pages="1")
    asked = len(high.requests)
    crawl.run(url=g5_url(high), login=account, max_pages="1")
    posts_asked_again = [r for r in high.requests[asked:] if "wr_id=" in r]
    assert posts_asked_again == []


@pytest.mark.e2e
def test_an_unreachable_site_with_a_login_exits_4_not_7(crawl, account) -> None:
    # one retry with a short back-off: what is tested is the exit status, not the retry policy
    fast_failure = {"RETRY_TIMES": 1, "NEWSBOT_RETRY_BACKOFF": 0.1}
    result = crawl.run(
        fast_failure, url="http://127.0.0.1:9/bbs/board.php?bo_table=news", login=account
    )
    assert result.returncode == exitcodes.SITE_ERRORS, result.stderr[-3000:]
    assert "newsbot: cannot reach http://127.0.0.1:9/" in result.stderr
    assert "login: failed" not in result.stderr


def test_a_short_password_is_masked_without_garbling_the_log() -> None:
    redactor = RedactingFilter()
    redactor.add(Secret("p"))
    line = "3 list pages, 43 posts; p (p) up"
    assert redactor.redact(line) == "3 list pages, 43 posts; ******** (********) up"


@pytest.mark.e2e
def test_members_only_g4_board_cp949_with_login_every_field_right(
    crawl, serve, monkeypatch
) -> None:
    monkeypatch.setenv("G4_USER", "g4user")
    monkeypatch.setenv("G4_PASSWORD", PASSWORD)
    members = g4_members()
    server = serve(MIXED, members=members)
    result = crawl.run(MIXED_NOW, url=g4_url(server), login="g4")
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    problems = compare(result.items, g4_expected(server))
    assert not problems, "\n".join(problems[:30])
    # the Hangul password went out in the site's own charset, as a browser would send it
    assert members.logins == ["g4user"]
    assert "%C7%D1%B1%DB" in members.bodies[0].decode()  # 한글 in CP949


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("user", "password", "alert"),
    [
        ("reporter", "wrong", "가입된 회원아이디가 아니거나 비밀번호가 틀립니다"),
        ("nobody", PASSWORD, "가입된 회원아이디가 아니거나 비밀번호가 틀립니다"),
        ("blocked", PASSWORD, "회원님의 아이디는 접근이 금지되어 있습니다"),
    ],
)
def test_a_failed_login_stops_the_site_with_exit_7(
    crawl, serve, monkeypatch, user, password, alert
) -> None:
    members = g5_members(
        accounts={
            "reporter": Account(PASSWORD),
            "blocked": Account(PASSWORD, blocked=True),
        }
    )
    server = serve(SAMPLE_SITE, members=members)
    monkeypatch.setenv("SAMPLE_USER", user)
    monkeypatch.setenv("SAMPLE_PASSWORD", password)
    result = crawl.run(url=g5_url(server), login="SAMPLE")
    assert result.returncode == exitcodes.LOGIN_FAILED, result.stderr[-3000:]
    [line] = [line for line in result.stderr.splitlines() if "login: failed" in line]
    assert server.base_url.split("://")[1] in line and f"as {user}" in line and alert in line
    assert result.report["exit_reason"].startswith("login failed on")
    assert not result.items
    # nothing of the board was asked for after the login failed
    assert not [r for r in server.requests if "board.php" in r and "login" not in r]


@pytest.mark.e2e
@pytest.mark.parametrize(
    "site",
    [
        # the login form carries extra hidden fields the site checks on login_check.php
        {"extra_hidden": {"csrf_token": "f1x3d-t0k3n", "login_nonce": "42"}},
        # nothing members-only: a public board reads the same for a member (member box shown)
        {"read_levels": {}},
    ],
    ids=["extra-hidden-fields", "public-board"],
)
def test_logged_in_run_reads_every_field(crawl, serve, account, site) -> None:
    members = g5_members(**site)
    server = serve(SAMPLE_SITE, members=members)
    result = crawl.run(url=g5_url(server), login=account)
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    assert members.logins == ["reporter"]
    assert not compare(result.items, sample_expected(server))


@pytest.mark.e2e
def test_a_member_below_the_board_level_is_still_refused(crawl, serve, account) -> None:
    server = serve(SAMPLE_SITE, members=g5_members(read_levels={G5_BOARD: 5}))
    result = crawl.run(url=g5_url(server), login=account, max_pages="1")
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    assert not result.items
    board = result.report["boards"][f"{server.base_url.split('://')[1]}/{G5_BOARD}"]
    assert board["refused"] == {"no_read_permission": 15}
    assert "newsbot/login/relogin" not in result.stderr  # a member page: no session loss


@pytest.mark.e2e
def test_an_unset_account_variable_exits_2_before_any_request(crawl, serve, monkeypatch) -> None:
    monkeypatch.delenv("NOBODY_USER", raising=False)
    monkeypatch.setenv("NOBODY_PASSWORD", PASSWORD)
    server = serve(SAMPLE_SITE, members=g5_members())
    result = crawl.run(url=g5_url(server), login="nobody")
    assert result.returncode == exitcodes.BAD_ARGUMENTS
    assert "NOBODY_USER is not set" in result.stderr
    assert server.requests == []


@pytest.mark.e2e
def test_session_expiring_mid_run_logs_in_again_once(crawl, serve, account) -> None:
    members = g5_members(session_max_requests=30)
    server = serve(SAMPLE_SITE, members=members)
    result = crawl.run(url=g5_url(server), login=account)
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    assert not compare(result.items, sample_expected(server))
    assert members.logins == ["reporter", "reporter"]
    assert "'newsbot/login/relogin': 1" in result.stderr


@pytest.mark.e2e
def test_session_lost_for_good_refuses_the_rest_with_a_reason(crawl, serve, account) -> None:
    server = serve(SAMPLE_SITE, members=g5_members(session_max_requests=12))
    result = crawl.run(url=g5_url(server), login=account)
    board = result.report["boards"][f"{server.base_url.split('://')[1]}/{G5_BOARD}"]
    lost = board["refused"].get("session_lost", 0)
    assert lost > 0
    # every listed post is either collected or refused with its reason, none lost silently
    assert len(result.items) + sum(board["refused"].values()) == len(sample_expected(server)) + 1
    # a lost session is not remembered as a refusal: the next hourly run fetches those posts
    server.members.session_max_requests = None
    again = crawl.run(url=g5_url(server), login=account)
    assert again.returncode == exitcodes.OK, again.stderr[-3000:]
    stored = sqlite3.connect(crawl.db).execute("SELECT COUNT(*) FROM posts").fetchone()[0]
    assert stored == len(sample_expected(server))
    assert "'newsbot/login/relogin': 1" in result.stderr  # one re-login, not a login storm


@pytest.mark.e2e
def test_two_sites_with_different_accounts_in_one_run(crawl, serve, tmp_path, monkeypatch) -> None:
    g5_site = g5_members()
    g4_site = g4_members()
    g5_server = serve(SAMPLE_SITE, members=g5_site)
    g4_server = serve(MIXED, members=g4_site)
    monkeypatch.setenv("NEWS_ID", "reporter")
    monkeypatch.setenv("NEWS_PW", PASSWORD)
    monkeypatch.setenv("OLD_ID", "g4user")
    monkeypatch.setenv("OLD_PW", PASSWORD)
    sites = tmp_path / "sites.toml"
    sites.write_text(
        f'[sites.news]\nbase_url = "{g5_server.base_url}"\nboards = ["{G5_BOARD}"]\n'
        'login = { username_env = "NEWS_ID", password_env = "NEWS_PW" }\n'
        f'[sites.old]\nbase_url = "{g4_server.base_url}/gnuboard4"\nboards = ["g4free"]\n'
        'login = { username_env = "OLD_ID", password_env = "OLD_PW" }\n',
        "utf-8",
    )
    result = crawl.run(MIXED_NOW, site="all", sites_file=str(sites))
    assert result.returncode == exitcodes.OK, result.stderr[-3000:]
    # both on 127.0.0.1: one shared cookie jar would have swapped their PHPSESSID cookies
    assert (g5_site.logins, g4_site.logins) == (["reporter"], ["g4user"])
    assert "session_lost" not in result.stderr
    got = {i["board"] for i in result.items}
    assert got == {G5_BOARD, "g4free"}
    assert len(result.items) == len(sample_expected(g5_server)) + len(g4_expected(g4_server))


def test_jobdir_queue_never_writes_sessions_or_login_requests(tmp_path: Path) -> None:
    from scrapy import Request, Spider
    from scrapy.utils.test import get_crawler

    from newsbot.middlewares.login import LOGIN_META
    from newsbot.queues import SecretFreeDiskQueue

    crawler = get_crawler(Spider)
    crawler.spider = Spider("x")
    queue = SecretFreeDiskQueue.from_crawler(crawler, str(tmp_path / "q"))
    retried = Request(
        "http://h/bbs/board.php?bo_table=b&wr_id=1", headers={"Cookie": "PHPSESSID=s1d"}
    )
    queue.push(retried)
    with pytest.raises(ValueError, match="never written"):
        queue.push(Request("http://h/bbs/login_check.php", meta={LOGIN_META: True}))
    queue.close()
    assert b"s1d" not in b"".join(f.read_bytes() for f in tmp_path.rglob("*") if f.is_file())
    queue = SecretFreeDiskQueue.from_crawler(crawler, str(tmp_path / "q"))
    back = queue.pop()
    queue.close()
    assert back is not None and back.url == retried.url and b"Cookie" not in back.headers


@pytest.mark.e2e
def test_no_output_of_a_logged_in_run_holds_the_password_or_session(
    crawl, serve, account, tmp_path
) -> None:
    members = g5_members()
    server = serve(SAMPLE_SITE, members=members)
    server.delay = 0.1  # keeps requests waiting in the JOBDIR queue when the run is paused
    settings = {
        "LOG_LEVEL": "DEBUG",
        "COOKIES_DEBUG": True,  # a user who debugs cookies still sees no session id
        "JOBDIR": str(tmp_path / "job"),
        "CONCURRENT_REQUESTS": 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }
    process, crawl_id = crawl.start(settings, url=g5_url(server), login=account)
    deadline = time.monotonic() + 60
    while len(server.requests) < 15 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # pause: the queue stays in JOBDIR
    paused = crawl.result(process.returncode, *process.communicate(timeout=60), crawl_id)
    queued = b"".join(f.read_bytes() for f in (tmp_path / "job").rglob("*") if f.is_file())
    assert b"wr_id=" in queued, "the pause left no queued request to look at"
    server.delay = 0
    resumed = crawl.run(settings, url=g5_url(server), login=account)
    assert resumed.returncode == exitcodes.OK, resumed.stderr[-3000:]
    assert len(paused.items) + len(resumed.items) >= len(sample_expected(server))
    assert "Cookie: PHPSESSID=********" in resumed.stderr  # COOKIES_DEBUG ran, masked
    assert len(members.issued) == 2
    needles = [PASSWORD, "한글&비번", "p@ss", *members.issued]
    outputs = {
        "paused log": (paused.stdout + paused.stderr).encode(),
        "resumed log": (resumed.stdout + resumed.stderr).encode(),
        "paused JOBDIR": queued,
    }
    for path in tmp_path.rglob("*"):
        if path.is_file():
            outputs[str(path.relative_to(tmp_path))] = path.read_bytes()
    assert any(name.endswith(".sqlite3") for name in outputs)
    assert any(name.endswith(".csv") for name in outputs)
    assert any(name.startswith("runs/") for name in outputs)
    for name, data in outputs.items():
        for needle in needles:
            for encoded in {needle.encode("utf-8"), needle.encode("cp949")}:
                assert encoded not in data, f"{name} holds {needle[:3]}…"


@pytest.mark.e2e
def test_members_only_gnuboard6_board_with_login(crawl, serve, monkeypatch) -> None:
    g6_site = FIXTURES / "sites" / "g6"
    monkeypatch.setenv("SIX_USER", "reporter")
    monkeypatch.setenv("SIX_PASSWORD", PASSWORD)
    members = Members(
        pages=LOGIN_PAGES / "g6",
        engine="g6",
        accounts={"reporter": Account(PASSWORD, nick="동네기자")},
        read_levels={"free": 2},
    )
    server = serve(g6_site, members=members)
    board = f"{server.base_url}/board/free/"
    guest = crawl.run(MIXED_NOW, url=board, max_pages="1")
    assert not guest.items  # without the account every post answers 403 글을 읽을 권한이 없습니다
    member = crawl.run(MIXED_NOW, url=board, max_pages="1", login="six", full="1")
    assert member.returncode == exitcodes.OK, member.stderr[-3000:]
    assert members.logins == ["reporter"] and members.logouts == 1
    assert "POST /bbs/login" in server.requests and "/bbs/logout" in server.requests
    assert not compare(member.items, load_expected(g6_site, server))


@pytest.mark.e2e
def test_login_from_a_gnuboard6_site_root_finds_the_g6_login_page(
    crawl, serve, monkeypatch
) -> None:
    """``-a url=<root> -a login=``: the engine is not known before the login; g5's login.php
    answers 404 on gnuboard6, so its own /bbs/login is used, and its logout too."""
    g6_site = FIXTURES / "sites" / "g6"
    monkeypatch.setenv("SIX_USER", "reporter")
    monkeypatch.setenv("SIX_PASSWORD", PASSWORD)
    members = Members(
        pages=LOGIN_PAGES / "g6",
        engine="g6",
        accounts={"reporter": Account(PASSWORD, nick="동네기자")},
        read_levels={"free": 2},
    )
    server = serve(g6_site, members=members)
    root = f"{server.base_url}/"
    run = crawl.run(MIXED_NOW, url=root, boards="free", max_pages="1", login="six", full="1")
    assert run.returncode == exitcodes.OK, run.stderr[-3000:]
    assert members.logins == ["reporter"] and members.logouts == 1
    paths = [request.partition("?")[0] for request in server.requests]
    assert paths.index("/bbs/login.php") < paths.index("/bbs/login")  # g5's first: a 404
    assert "POST /bbs/login" in paths and "/bbs/logout" in paths
    assert "/bbs/logout.php" not in paths
    assert not compare(run.items, load_expected(g6_site, server))
    assert PASSWORD not in run.stdout + run.stderr


def test_a_run_that_logs_in_nowhere_leaves_the_login_middleware_out() -> None:
    from scrapy import Spider
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from newsbot.middlewares.login import LoginMiddleware

    crawler = get_crawler(Spider, {"COOKIES_ENABLED": True})
    crawler.spider = Spider("guest")
    crawler.spider.login_targets = []
    with pytest.raises(NotConfigured):
        LoginMiddleware.from_crawler(crawler)
    # a spider with targets, or none made yet: the middleware is there (the targets are read
    # again when the spider opens)
    crawler.spider.login_targets = ["a target"]
    assert isinstance(LoginMiddleware.from_crawler(crawler), LoginMiddleware)
    crawler.spider = None
    assert isinstance(LoginMiddleware.from_crawler(crawler), LoginMiddleware)
