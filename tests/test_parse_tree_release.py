"""The spider lets go of a page's parsed tree once it has read it (issue 17: peak RSS).

Responses wait behind the pipelines (Scrapy lets 5 MB of bodies queue), and a parsed libxml2
tree is several times its body: a crawl that kept them peaked at 3x the do-nothing spider's RSS.
"""

from __future__ import annotations

import gc
import weakref

from scrapy.http import HtmlResponse

from newsbot.spiders.gnuboard import release_parse_tree

PAGE = "<html><head><title>t</title></head><body><div id='bo_v'>본문</div></body></html>"


def test_release_drops_the_cached_tree_and_the_page_still_reads():
    response = HtmlResponse("http://127.0.0.1/bbs/board.php?bo_table=a&wr_id=1", body=PAGE.encode())
    tree = weakref.ref(response.selector.root)
    assert response.selector.css("#bo_v::text").get() == "본문"
    release_parse_tree(response)
    gc.collect()
    assert tree() is None  # nothing else held the parsed document
    assert response.selector.css("#bo_v::text").get() == "본문"  # parsed again on demand


def test_release_is_harmless_on_a_response_without_a_tree():
    response = HtmlResponse("http://127.0.0.1/", body=PAGE.encode())
    release_parse_tree(response)  # never parsed
    release_parse_tree(response)
    assert response.selector.css("title::text").get() == "t"
