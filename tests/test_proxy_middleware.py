"""newsbot's HttpProxyMiddleware sets what Scrapy's sets, and skips the no_proxy scan when moot."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.httpproxy import HttpProxyMiddleware as ScrapyMiddleware

from newsbot import settings
from newsbot.middlewares.proxy import HttpProxyMiddleware

ENVIRONMENTS = [
    {},
    {"no_proxy": "127.0.0.1"},
    {"no_proxy": "*"},
    {"http_proxy": "http://proxy:3128", "no_proxy": "example.com"},
    {"https_proxy": "http://user:pw@proxy:3128"},
    {"ftp_proxy": "http://proxy:21", "no_proxy": "127.0.0.1"},
    {"http_proxy": "http://proxy:3128", "https_proxy": "http://proxy:3129"},
]
URLS = [
    "http://example.com/bbs/board.php?bo_table=a",
    "https://example.com/bbs/board.php?bo_table=a",
    "http://127.0.0.1:8000/bbs/board.php?bo_table=a",
    "https://other.org/",
    "ftp://example.com/file",
]
METAS = [
    {},
    {"proxy": "http://meta-proxy:8080"},
    {"proxy": None},
    {"_auth_proxy": "http://old:1", "proxy": "http://old:1"},
]


def _clear_proxy_env(monkeypatch):
    import os

    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)


def _after(middleware, url, meta, auth_header):
    request = Request(url, meta=dict(meta))
    if auth_header:
        request.headers[b"Proxy-Authorization"] = b"Basic old"
    middleware.process_request(request)
    return dict(request.meta), dict(request.headers)


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_same_meta_and_headers_as_scrapy(monkeypatch, environment):
    _clear_proxy_env(monkeypatch)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    ours, scrapys = HttpProxyMiddleware(), ScrapyMiddleware()
    for url in URLS:
        for meta in METAS:
            for auth_header in (False, True):
                assert _after(ours, url, meta, auth_header) == _after(
                    scrapys, url, meta, auth_header
                ), (url, meta, auth_header)


def test_no_environment_scan_when_no_proxy_is_moot(monkeypatch):
    _clear_proxy_env(monkeypatch)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    middleware = HttpProxyMiddleware()

    def scan(host):
        raise AssertionError(f"proxy_bypass({host!r}) asked")

    monkeypatch.setattr("scrapy.downloadermiddlewares.httpproxy.proxy_bypass", scan)
    request = Request("http://127.0.0.1:8000/bbs/board.php?bo_table=a")
    assert middleware.process_request(request) is None
    assert "proxy" not in request.meta


def test_the_project_uses_it_in_scrapys_place():
    middlewares = settings.DOWNLOADER_MIDDLEWARES
    assert middlewares["scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware"] is None
    assert middlewares["newsbot.middlewares.proxy.HttpProxyMiddleware"] == 750
