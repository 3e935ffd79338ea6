"""CSS queries that stay fast on a whole page.

cssselect turns ``#bo_v`` into ``descendant-or-self::*[@id = 'bo_v']``, a walk over every element
of the page (about 100 µs on a 35 KB gnuboard page). On the document root, XPath ``id('bo_v')``
answers from libxml2's id table in a few µs, and skins probe ids constantly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsel import Selector, SelectorList
from parsel.csstranslator import css2xpath

ROOT_ID_STEP_RE = re.compile(r"^descendant-or-self::\*\[@id = '([^']+)'\]")


@lru_cache(maxsize=1024)
def root_xpath(css: str) -> str:
    """The XPath for ``css`` run on the document root, with leading ``#id`` steps as ``id()``."""
    parts = css2xpath(css).split(" | ")
    return " | ".join(ROOT_ID_STEP_RE.sub(r"id('\1')", part) for part in parts)


def css(scope: Selector | SelectorList, query: str) -> SelectorList:
    """``scope.css(query)``, using ``id()`` lookups when ``scope`` is the whole document."""
    if isinstance(scope, Selector) and _is_document(scope):
        return scope.xpath(root_xpath(query))
    return scope.css(query)


def _is_document(sel: Selector) -> bool:
    root = sel.root
    return hasattr(root, "getparent") and root.getparent() is None
