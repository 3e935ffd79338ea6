"""URLs come out as the page links them: a query field named like one of HTML's legacy entities
(``&section=``, ``&copy=``, ``&image=``, ``&not=``) is a query field, in every URL field: a
source URL printed in the body, an image's link, the post's own URL."""

from __future__ import annotations

import pytest

from .sitebuilder import SitePost, write_board

OUTLET = "https://www.hani.co.kr/arti/society/1106000.html?section=1&sub=2&copy=3&image=4"
IMAGE = "/data/editor/2603/photo.jpg?v=1&image=2&not=3"


def _escaped(url: str) -> str:
    return url.replace("&", "&amp;")


@pytest.mark.e2e
def test_crawl_keeps_query_fields_that_look_like_entities(crawl, serve, tmp_path) -> None:
    body = (
        "<p>정부가 내년 예산안을 확정했다. 총지출은 올해보다 2.8% 늘어난 656조9000억원이다.</p>"
        '<p>기획재정부는 "재정건전성을 지키면서 약자 복지는 두텁게 하겠다"고 밝혔다.</p>'
        f'<p><img src="{_escaped(IMAGE)}" alt="사진"></p>'
        f"<p>원문: {_escaped(OUTLET)}</p>"
        "<p>홍길동 기자 hong@hani.co.kr</p>"
    )
    write_board(tmp_path, "news", "뉴스", [SitePost(5, "예산안 확정", body)])
    server = serve(tmp_path)
    run = crawl.run(
        url=f"{server.base_url}/bbs/board.php?bo_table=news",
        settings={"NEWSBOT_NOW": "2026-03-15T10:00:00+09:00"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (item,) = run.items
    assert item["source_url"] == OUTLET
    assert item["image_urls"] == [f"{server.base_url}{IMAGE}"]
    assert item["url"] == f"{server.base_url}/bbs/board.php?bo_table=news&wr_id=5"
