"""Bad arguments are refused before any request, with a message a person can act on."""

from __future__ import annotations

import pytest

from newsbot import exitcodes
from newsbot.arguments import ArgumentError, parse_arguments

BAD = [
    ({"url": "ftp://ex.com/bbs/board.php?bo_table=a"}, "is not an http(s) URL"),
    ({"url": "not a url"}, "is not an http(s) URL"),
    ({"url": "{board}", "max_pages": "abc"}, "max_pages='abc' is not a whole number"),
    ({"url": "{board}", "max_pages": "0"}, "max_pages='0' must be 1 or more"),
    ({"url": "{board}", "since": "2023-13-45"}, "since='2023-13-45' is not a valid date"),
    ({"url": "{board}", "refresh_days": "-1"}, "refresh_days='-1' must be 0 or more"),
    ({"url": "{board}", "full": "maybe"}, "full='maybe' is not a flag"),
    ({"url": "{board}", "colour": "red"}, "unknown argument colour"),
    ({}, "nothing to crawl"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[m for _, m in BAD])
def test_parse_arguments_refuses(args: dict[str, str], message: str) -> None:
    args = {
        k: v.replace("{board}", "https://ex.com/bbs/board.php?bo_table=a") for k, v in args.items()
    }
    with pytest.raises(ArgumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_arguments(args)


def test_good_arguments() -> None:
    parsed = parse_arguments(
        {
            "url": "https://a.com/bbs/board.php?bo_table=x, https://b.com/free",
            "max_pages": "2",
            "since": "2023-09-01",
            "full": "1",
            "refresh_days": "0",
        }
    )
    assert parsed.urls == ("https://a.com/bbs/board.php?bo_table=x", "https://b.com/free")
    assert (parsed.max_pages, parsed.full, parsed.refresh_days) == (2, True, 0)
    assert parsed.since is not None and parsed.since.isoformat() == "2023-09-01"


@pytest.mark.parametrize(("args", "message"), BAD, ids=[m for _, m in BAD])
def test_crawl_command_exits_2_before_any_request(args, message, crawl, sample_server) -> None:
    board = f"{sample_server.base_url}/bbs/board.php?bo_table=it_science"
    args = {k: v.replace("{board}", board) for k, v in args.items()}
    result = crawl.run(**args)
    assert result.returncode == exitcodes.BAD_ARGUMENTS
    assert message in result.stderr
    assert sample_server.requests == []


def test_not_a_gnuboard_page_exits_2(crawl, serve, tmp_path) -> None:
    (tmp_path / "site" / "static").mkdir(parents=True)
    (tmp_path / "site" / "static" / "hello.html").write_text(
        "<html><body><h1>Welcome</h1><a href='/about.html'>about</a></body></html>"
    )
    server = serve(tmp_path / "site")
    result = crawl.run(url=f"{server.base_url}/hello.html")
    assert result.returncode == exitcodes.BAD_ARGUMENTS, result.stderr[-2000:]
    assert "not a gnuboard" in result.stderr
    last = result.stderr.splitlines()[-1]  # the line a cron mail shows
    assert last == f"newsbot: not a gnuboard board or site: {server.base_url}/hello.html"
    assert result.items == []
