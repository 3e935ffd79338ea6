"""The sites file, board discovery from a site root, and crawling by site name."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot import exitcodes
from newsbot.arguments import ArgumentError
from newsbot.sites import load_sites

from .sitebuilder import SitePost, write_board

GOOD = """
[sites.alpha]
base_url = "https://alpha.example.com/"
boards = ["news", "free"]
encoding = "cp949"
download_delay = 2.5
concurrency = 1
user_agent = "newsbot-test (+https://example.org)"

[sites.beta]
base_url = "http://beta.example.com/g5"
boards = ["notice"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, "utf-8")
    return path


def test_sites_file_loads_into_frozen_configs(tmp_path: Path) -> None:
    sites = load_sites(write(tmp_path, GOOD))
    alpha = sites["alpha"]
    assert alpha.boards == ("news", "free")
    assert (alpha.encoding, alpha.download_delay, alpha.concurrency) == ("cp949", 2.5, 1)
    assert alpha.start_urls() == [
        "https://alpha.example.com/bbs/board.php?bo_table=news",
        "https://alpha.example.com/bbs/board.php?bo_table=free",
    ]
    assert sites["beta"].start_urls() == [
        "http://beta.example.com/g5/bbs/board.php?bo_table=notice"
    ]
    with pytest.raises(AttributeError):
        alpha.boards = ()  # type: ignore[misc]


def test_gnuboard6_site_in_the_sites_file(tmp_path: Path) -> None:
    text = '[sites.six]\nbase_url = "https://six.example.com"\nboards = ["free"]\nengine = "g6"\n'
    six = load_sites(write(tmp_path, text))["six"]
    assert six.start_urls() == ["https://six.example.com/board/free/"]
    bad = text.replace('"g6"', '"g7"')
    with pytest.raises(ArgumentError, match="site 'six': key 'engine' must be one of g5, g6"):
        load_sites(write(tmp_path, bad))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[sites.x]\nbase_url = "https://x.com"\nboards = ["a"]\ncolour = "red"\n',
            "site 'x': unknown key 'colour'",
        ),
        (
            '[sites.x]\nbase_url = "ftp://x.com"\nboards = ["a"]\n',
            "site 'x': key 'base_url' must be an http(s) URL",
        ),
        (
            '[sites.x]\nbase_url = "https://x.com"\n',
            "site 'x': key 'boards' must list at least one",
        ),
        (
            '[sites.x]\nbase_url = "https://x.com"\nboards = ["bad name"]\n',
            "site 'x': key 'boards' has an invalid",
        ),
        (
            '[sites.x]\nbase_url = "https://x.com"\nboards = ["a"]\nconcurrency = 0\n',
            "site 'x': key 'concurrency'",
        ),
        (
            '[sites.x]\nbase_url = "https://x.com"\nboards = ["a"]\nencoding = "klingon"\n',
            "site 'x': key 'encoding'",
        ),
        ("[sites.x\n", "not valid TOML"),
        ('[site.x]\nbase_url = "https://x.com"\n', "unknown top-level key 'site'"),
    ],
)
def test_sites_file_mistakes_name_the_site_and_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        load_sites(write(tmp_path, text))
    assert message in str(caught.value)


@pytest.fixture
def two_board_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_board(
        root, "news", "뉴스", [SitePost(n, f"뉴스 {n}", f"<p>뉴스 본문 {n}</p>") for n in (1, 2)]
    )
    write_board(
        root, "free", "자유", [SitePost(n, f"잡담 {n}", f"<p>잡담 본문 {n}</p>") for n in (1, 2, 3)]
    )
    (root / "static" / "index.html").write_text(
        """<html><head><meta charset="utf-8"><script>var g5_url = "{{G5_URL}}";
var g5_bbs_url = "{{G5_URL}}/bbs"; var g5_bo_table = "";</script></head><body>
<nav id="gnb"><ul id="gnb_1dul">
<li class="gnb_1dli"><a href="{{G5_URL}}/bbs/board.php?bo_table=news" class="gnb_1da">뉴스</a></li>
<li class="gnb_1dli"><a href="{{G5_URL}}/bbs/board.php?bo_table=free" class="gnb_1da">자유</a></li>
<li><a href="{{G5_URL}}/bbs/qalist.php">Q&amp;A</a></li>
<li><a href="https://elsewhere.example.com/bbs/board.php?bo_table=other">다른 사이트</a></li>
</ul></nav>
<div class="lat"><a href="{{G5_URL}}/bbs/board.php?bo_table=news&amp;wr_id=2">뉴스 2</a></div>
</body></html>""",
        "utf-8",
    )
    return root


@pytest.mark.e2e
def test_site_root_discovers_boards(crawl, serve, two_board_site) -> None:
    server = serve(two_board_site)
    run = crawl.run(url=server.base_url + "/")
    assert run.returncode == 0, run.stderr[-2000:]
    assert sorted((i["board"], i["post_id"]) for i in run.items) == [
        ("free", 1),
        ("free", 2),
        ("free", 3),
        ("news", 1),
        ("news", 2),
    ]
    only_news = crawl.run(url=server.base_url + "/", boards="news", full="1")
    assert {i["board"] for i in only_news.items} == {"news"}


@pytest.mark.e2e
def test_crawl_by_site_name(crawl, serve, two_board_site, tmp_path) -> None:
    server = serve(two_board_site)
    sites = tmp_path / "mysites.toml"
    sites.write_text(
        f'[sites.local]\nbase_url = "{server.base_url}"\nboards = ["free"]\n'
        'user_agent = "newsbot-sites-test (+https://example.org/bot)"\nconcurrency = 1\n',
        "utf-8",
    )
    run = crawl.run(site="local", sites_file=str(sites))
    assert run.returncode == 0, run.stderr[-2000:]
    assert {i["board"] for i in run.items} == {"free"} and len(run.items) == 3
    assert "newsbot-sites-test" in server.user_agents[-1]
    unknown = crawl.run(site="nope", sites_file=str(sites))
    assert unknown.returncode == exitcodes.BAD_ARGUMENTS
    assert "site='nope' is not in the sites file" in unknown.stderr
    assert "known sites: local" in unknown.stderr


@pytest.mark.e2e
def test_bad_sites_file_stops_the_run(crawl, tmp_path) -> None:
    sites = tmp_path / "bad.toml"
    sites.write_text('[sites.local]\nbase_url = "https://x.com"\nboards = ["a"]\nspeed = 3\n')
    run = crawl.run(site="local", sites_file=str(sites))
    assert run.returncode == exitcodes.BAD_ARGUMENTS
    assert "site 'local': unknown key 'speed'" in run.stderr


@pytest.mark.e2e
def test_phone_user_agent_still_gets_the_pc_skin(crawl, serve, tmp_path) -> None:
    import json
    import urllib.request

    root = tmp_path / "mobile-site"
    write_board(root, "news", "뉴스", [SitePost(1, "PC 화면 제목", "<p>본문</p>")])
    pc_page = root / "board" / "news" / "1.html"
    mobile = pc_page.read_text("utf-8").replace("PC 화면 제목", "모바일 화면 제목")
    pc_page.with_name("1.mobile.html").write_text(mobile, "utf-8")
    (root / "site.json").write_text(json.dumps({"mobile_by_user_agent": True}), "utf-8")
    server = serve(root)
    phone = "Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 Mobile Safari/537.36"
    request = urllib.request.Request(
        f"{server.base_url}/bbs/board.php?bo_table=news&wr_id=1", headers={"User-Agent": phone}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # the server really switches
        assert "모바일 화면 제목" in answer.read().decode("utf-8")

    default = crawl.run(url=f"{server.base_url}/bbs/board.php?bo_table=news")
    as_phone = crawl.run(
        url=f"{server.base_url}/bbs/board.php?bo_table=news",
        full="1",
        settings={"USER_AGENT": phone},
    )
    assert [i["title"] for i in default.items] == ["PC 화면 제목"]
    assert [i["title"] for i in as_phone.items] == ["PC 화면 제목"]
    assert as_phone.items[0]["url"].endswith("bo_table=news&wr_id=1")  # device=pc is not identity
    assert any("device=pc" in r for r in server.requests)
