"""``HttpProxyMiddleware``: Scrapy's, without its per-request ``no_proxy`` check when it is moot.

With any ``*_proxy`` variable in the environment (a ``no_proxy`` alone is enough: many hosts and
containers set one) Scrapy's middleware asks ``urllib.request.proxy_bypass(host)`` for every
request, and that re-reads the whole environment each time (≈ 60 µs a request with 35
variables), before it checks whether the request's scheme has a proxy at all. Here the scheme
is checked first: a request whose scheme has no proxy gets what Scrapy's code gives it (no
proxy set, a stale ``proxy`` meta and its credentials cleared) without the environment scan.
Every other request goes through Scrapy's own code, ``no_proxy`` honoured as before.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpproxy import HttpProxyMiddleware as ScrapyHttpProxyMiddleware
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

#: The schemes whose proxy ``no_proxy`` can bypass (Scrapy: "only supported by http schemes").
BYPASSABLE_SCHEMES = frozenset({"http", "https"})


class HttpProxyMiddleware(ScrapyHttpProxyMiddleware):
    def process_request(  # type: ignore[override]
        self, request: Request, spider: Spider | None = None
    ) -> Request | Response | None:
        if "proxy" not in request.meta and self.proxies:
            scheme = urlparse_cached(request).scheme
            if scheme in BYPASSABLE_SCHEMES and scheme not in self.proxies:
                self._set_proxy_and_creds(request, None, None, None)
                return None
        return super().process_request(request)
