"""What a user types from the README, wrong: each mistake gets one clear last line and the
documented exit status, before any request where the mistake is in the command line."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from newsbot import exitcodes

from .conftest import FIXTURES, CrawlRunner, board_url

pytestmark = pytest.mark.e2e


def crawl_with_options(crawl: CrawlRunner, url: str, *options: str) -> subprocess.CompletedProcess:
    command = crawl.command({"url": url}, {}, "run1") + list(options)
    return subprocess.run(
        command, cwd=crawl.workdir, env=crawl.env(), capture_output=True, text=True, timeout=120
    )


def a_file_in_the_way(tmp_path: Path) -> Path:
    """A path whose folder is a file: no user can write there, root included."""
    blocker = tmp_path / "posts.csv"
    blocker.write_text("not a folder")
    return blocker / "out.csv"


@pytest.mark.parametrize("option", ["-O", "-o", "--comments-output"])
def test_an_unwritable_output_file_exits_2_before_any_request(
    crawl, sample_server, tmp_path, option
) -> None:
    target = a_file_in_the_way(tmp_path)
    result = crawl_with_options(crawl, board_url(sample_server), option, str(target))
    assert result.returncode == exitcodes.BAD_ARGUMENTS, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.endswith(f"cannot write {target}: {target.parent} is not a directory"), last
    assert sample_server.requests == []


def test_an_output_file_in_a_new_folder_is_written(crawl, sample_server, tmp_path) -> None:
    target = tmp_path / "new" / "folder" / "posts.csv"
    result = crawl_with_options(crawl, board_url(sample_server), "-O", str(target))
    assert result.returncode == exitcodes.OK, result.stderr[-2000:]
    assert target.read_text("utf-8-sig").startswith("site,board,board_title,post_id")


def test_a_misspelt_spider_name_is_one_line_not_a_traceback(crawl) -> None:
    result = crawl.scrapy("crawl", "gnuboad", "-a", "url=https://example.com/free")
    assert result.returncode == exitcodes.BAD_ARGUMENTS
    assert "Traceback" not in result.stderr
    assert (
        "unknown spider 'gnuboad'; newsbot's spider is gnuboard" in result.stderr.splitlines()[-1]
    )


def test_a_board_that_does_not_exist_is_named_in_the_last_line(crawl, sample_server) -> None:
    result = crawl.run(url=board_url(sample_server, "nosuch"))
    assert result.returncode == exitcodes.NOTHING_READABLE, result.stderr[-2000:]
    site = sample_server.base_url.split("//")[1]
    reason = f"every board refused its list: {site}/nosuch (no_board)"
    assert result.stderr.splitlines()[-1] == f"newsbot: {reason}"
    assert result.report["exit_reason"] == reason


def test_export_to_an_unwritable_file_is_one_line(crawl, sample_server, tmp_path) -> None:
    assert crawl.run(url=board_url(sample_server)).returncode == exitcodes.OK
    target = a_file_in_the_way(tmp_path)
    result = crawl.scrapy("export", "-o", str(target))
    assert result.returncode == exitcodes.BAD_ARGUMENTS
    assert "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.endswith(f"cannot write {target}: {target.parent} is not a directory"), last


@pytest.mark.parametrize("url", ["htp://example.com/bbs/board.php?bo_table=free", "free"])
def test_probe_refuses_a_url_that_is_not_http(crawl, url) -> None:
    result = crawl.scrapy("probe", url)
    assert result.returncode == exitcodes.BAD_ARGUMENTS, result.stdout + result.stderr
    assert "is not an http(s) URL" in result.stderr.splitlines()[-1]
    assert "verdict" not in result.stdout


def test_demo_on_a_taken_port_says_so_in_one_line(crawl) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = crawl.scrapy("demo", "--port", str(port))
    assert result.returncode == exitcodes.CRAWL_FAILED
    assert "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"newsbot: error: cannot serve the sample site on 127.0.0.1:{port} ")
    assert "scrapy demo --port 0" in last


@pytest.mark.parametrize("command", [["status"], ["export", "-o", "out.csv"], ["status", "--json"]])
def test_reading_commands_do_not_create_a_mistyped_database(crawl, tmp_path, command) -> None:
    typo = tmp_path / "newsbto.sqlite3"
    crawl.extra_env["NEWSBOT_DB"] = str(typo)
    result = crawl.scrapy(*command)
    assert result.returncode == exitcodes.STORE_UNUSABLE, result.stdout + result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"newsbot: error: no database at {typo}: ")
    assert not typo.exists() and not (tmp_path / "out.csv").exists()


MIXED = FIXTURES / "sites" / "mixed"


def test_a_mistyped_board_of_a_site_root_is_exit_2_naming_it(crawl, serve) -> None:
    server = serve(MIXED)
    result = crawl.run(url=f"{server.base_url}/", boards="mixnews,mixnwes")
    assert result.returncode == exitcodes.BAD_ARGUMENTS, result.stderr[-2000:]
    last = result.stderr.splitlines()[-1]
    assert last.startswith("newsbot: boards=mixnwes not found: the site's menus list "), last
    assert "mixnews" in last and "g4free" in last
    assert {item["board"] for item in result.items} == {"mixnews"}  # the named one still read


def test_boards_that_the_site_root_lists_are_a_healthy_run(crawl, serve) -> None:
    server = serve(MIXED)
    result = crawl.run(url=f"{server.base_url}/", boards="mixnews")
    assert result.returncode == exitcodes.OK, result.stderr[-2000:]


def test_boards_with_a_site_from_the_sites_file_is_refused(crawl, sample_server) -> None:
    sites = crawl.workdir / "sites.toml"
    sites.write_text(f'[sites.s]\nbase_url = "{sample_server.base_url}"\nboards = ["it_science"]\n')
    result = crawl.run(site="s", boards="it_science", sites_file=str(sites))
    assert result.returncode == exitcodes.BAD_ARGUMENTS
    assert "boards= goes with a site root url=" in result.stderr.splitlines()[-1]
    assert sample_server.requests == []
