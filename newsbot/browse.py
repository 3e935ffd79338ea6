"""Datasette metadata for browsing the store: titles, facets, search, canned queries, charts.

:func:`datasette_metadata` builds the ``metadata.json`` that ``scrapy browse`` hands to
Datasette (optional extra ``browse``): tables and columns titled in Korean beside English,
facets on board, category, author and publisher, full-text search through ``posts_fts``, the
canned queries 새 글, 조회수 급상승, 게시판별 하루 글 수, 실패한 글 and 검색, and a
datasette-dashboards dashboard (Vega-Lite, its scripts served by the plugin itself, so the
charts render offline) with posts per day per board and one post's views over time.

Dates: ``published_at`` is ISO 8601 with ``+09:00``; the day of a post is its first ten
characters (SQLite's ``date()`` would convert to UTC and move posts before 09:00 KST to the
previous day). The 24 hours of 조회수 급상승 end at the newest ``post_stats`` observation, so a
snapshot of the store reads the same whenever it is opened.
"""

from __future__ import annotations

from typing import Any

#: ``posts`` columns: Korean label — English meaning (Datasette shows them on the table page).
POST_COLUMNS = {
    "id": "번호 — row id in this store",
    "site": "사이트 — host (plus :port and install path when not the default)",
    "board": "게시판 — bo_table",
    "post_id": "글 번호 — wr_id",
    "url": "주소 — canonical post URL",
    "title": "제목 — the full subject",
    "category": "분류 — board category, empty when the board has none",
    "board_title": "게시판 이름 — the board's name",
    "author": "작성자 — display name",
    "author_id": "회원 아이디 — member id when the page shows it",
    "author_ip": "IP — masked IP of guests",
    "published_at": "작성일 — ISO 8601, +09:00 (KST)",
    "views": "조회 — view count when last read",
    "comments": "댓글 — comment count when last read",
    "likes": "추천 — likes",
    "dislikes": "비추천 — dislikes",
    "is_notice": "공지 — pinned notice (1)",
    "body_text": "본문 — body as text, one block per line",
    "body_html": "본문 HTML — body as HTML",
    "image_urls": "이미지 — images in the post (JSON list)",
    "attachments": "첨부파일 — files (JSON list of name and url)",
    "links": "링크 — the post's related links (JSON list)",
    "reporter": "기자 — news byline",
    "reporter_email": "기자 이메일 — the reporter's e-mail",
    "publisher": "언론사 — news outlet",
    "article_text": "기사 본문 — the article without related-article lists and promo lines",
    "photo_captions": "사진 설명 — captions with credits (JSON list)",
    "source_url": "원문 주소 — the original article",
    "duplicate_of": "중복 원본 — URL of the first stored post with the same story",
    "content_hash": "내용 해시 — hash of title and body, for duplicates",
    "crawled_at": "수집 시각 — when a run last read the post",
    "first_seen_at": "처음 수집 — first time a run stored the post",
    "last_seen_at": "마지막 수집 — last time a run saw the post",
}

POST_STATS_COLUMNS = {
    "post_rowid": "글 — posts.id",
    "crawl_id": "실행 — the run that read the counts",
    "seen_at": "읽은 시각 — when the run read them",
    "views": "조회 — views",
    "comments": "댓글 — comments",
    "likes": "추천 — likes",
    "dislikes": "비추천 — dislikes",
}

#: Turns what a person typed into an FTS5 query of quoted word prefixes, in SQL (see
#: newsbot.storage.sqlite.fts_query, which does the same in Python).
_FTS_PARAM = "'\"' || replace(replace(trim(:q), '\"', '\"\"'), ' ', '\"* \"') || '\"*'"

QUERIES: dict[str, dict[str, Any]] = {
    "new_posts": {
        "title": "새 글 — newest posts",
        "description": "The 100 most recently published posts, every board.",
        "sql": """SELECT published_at AS "작성일 published", board AS "게시판 board",
  board_title AS "게시판 이름 board title", title AS "제목 title", author AS "작성자 author",
  views AS "조회 views", comments AS "댓글 comments", url AS "주소 url"
FROM posts WHERE published_at IS NOT NULL
ORDER BY published_at DESC, id DESC LIMIT 100""",
    },
    "views_rising": {
        "title": "조회수 급상승 — views gained in the last 24 h",
        "description": "Views gained in the 24 hours up to the newest observation in "
        "post_stats: the latest count minus the last one read 24 h before it (or the first "
        "one, for a post first seen since).",
        "sql": """WITH obs AS (
  SELECT post_rowid, julianday(seen_at) AS t, views FROM post_stats WHERE views IS NOT NULL
), bounds AS (SELECT MAX(t) AS now FROM obs),
latest AS (
  SELECT o.post_rowid, o.views, o.t FROM obs o
  WHERE o.t = (SELECT MAX(t) FROM obs x WHERE x.post_rowid = o.post_rowid)
), baseline AS (
  SELECT o.post_rowid, o.views FROM obs o WHERE o.t = COALESCE(
    (SELECT MAX(t) FROM obs x
     WHERE x.post_rowid = o.post_rowid AND x.t <= (SELECT now FROM bounds) - 1),
    (SELECT MIN(t) FROM obs x WHERE x.post_rowid = o.post_rowid))
)
SELECT latest.views - baseline.views AS "조회 증가 views gained",
  baseline.views AS "이전 before", latest.views AS "현재 now", p.board AS "게시판 board",
  p.title AS "제목 title", p.published_at AS "작성일 published", p.url AS "주소 url"
FROM latest JOIN baseline ON baseline.post_rowid = latest.post_rowid
JOIN posts p ON p.id = latest.post_rowid
WHERE latest.t >= (SELECT now FROM bounds) - 1 AND latest.views > baseline.views
ORDER BY 1 DESC, p.published_at DESC LIMIT 50""",
    },
    "posts_per_day": {
        "title": "게시판별 하루 글 수 — posts per day per board",
        "description": "Posts published per KST day and board.",
        "sql": """SELECT substr(published_at, 1, 10) AS "날짜 day", site AS "사이트 site",
  board AS "게시판 board", MAX(board_title) AS "게시판 이름 board title",
  COUNT(*) AS "글 수 posts"
FROM posts WHERE published_at IS NOT NULL
GROUP BY 1, site, board ORDER BY 1 DESC, 5 DESC""",
    },
    "failed_posts": {
        "title": "실패한 글 — posts waiting to be retried",
        "description": "Posts whose page failed (server error, timeout, cut-off page); the next "
        "run of their board fetches them first.",
        "sql": """SELECT site AS "사이트 site", board AS "게시판 board", post_id AS "글 번호 wr_id",
  reason AS "이유 reason", crawl_id AS "실행 run", url AS "주소 url"
FROM failures ORDER BY crawl_id DESC, site, board, post_id""",
    },
    "search": {
        "title": "검색 — search titles and bodies",
        "description": "Every word must occur in the title or body, as a word or the start of "
        "one (환율 finds 환율이).",
        "sql": f"""SELECT p.published_at AS "작성일 published", p.board AS "게시판 board",
  p.title AS "제목 title", p.author AS "작성자 author",
  snippet(posts_fts, 1, '[', ']', '…', 12) AS "본문 body", p.url AS "주소 url"
FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid
WHERE posts_fts MATCH {_FTS_PARAM}
ORDER BY rank LIMIT 100""",
    },
}

DASHBOARD = "newsbot"


def line_chart(
    x: tuple[str, str], y: tuple[str, str], color: tuple[str, str] | None = None
) -> dict[str, Any]:
    """A Vega-Lite line over time with a point and tooltip per row: (field, title) pairs."""
    encoding = {
        "x": {"field": x[0], "type": "temporal", "title": x[1]},
        "y": {"field": y[0], "type": "quantitative", "title": y[1]},
    }
    if color:
        encoding["color"] = {"field": color[0], "type": "nominal", "title": color[1]}
    mark = {"type": "line", "point": True, "tooltip": True}
    return {"library": "vega-lite", "display": {"mark": mark, "encoding": encoding}}


def dashboard(database: str, default_post_url: str | None) -> dict[str, Any]:
    """The datasette-dashboards dashboard: a count, posts per day per board, one post's views."""
    post_filter: dict[str, Any] = {
        "name": "글 주소 post URL",
        "type": "select",
        "db": database,
        "query": "SELECT url FROM posts ORDER BY views DESC, id DESC LIMIT 500",
    }
    if default_post_url:
        post_filter["default"] = default_post_url
    return {
        "title": "newsbot 대시보드 — dashboard",
        "description": "수집한 글 — what the crawler collected",
        "layout": [["posts-count", "posts-per-day"], ["post-views", "post-views"]],
        "filters": {"post": post_filter},
        "charts": {
            "posts-count": {
                "title": "저장된 글 — posts stored",
                "db": database,
                "query": "SELECT COUNT(*) AS posts FROM posts",
                "library": "metric",
                "display": {"field": "posts"},
            },
            "posts-per-day": {
                "title": "게시판별 하루 글 수 — posts per day per board",
                "db": database,
                "query": "SELECT substr(published_at, 1, 10) AS day, board, COUNT(*) AS posts "
                "FROM posts WHERE published_at IS NOT NULL GROUP BY 1, board ORDER BY 1",
                **line_chart(
                    ("day", "날짜 day"), ("posts", "글 수 posts"), ("board", "게시판 board")
                ),
            },
            "post-views": {
                "title": "글 하나의 조회수 — one post's views over time",
                "db": database,
                "query": "SELECT s.seen_at, s.views, s.comments FROM post_stats s "
                "JOIN posts p ON p.id = s.post_rowid WHERE p.url = :post ORDER BY s.seen_at",
                **line_chart(("seen_at", "읽은 시각 seen"), ("views", "조회 views")),
            },
        },
    }


def datasette_metadata(database: str, default_post_url: str | None = None) -> dict[str, Any]:
    """``metadata.json`` for Datasette over the store named ``database`` (its file's stem)."""
    return {
        "title": "newsbot — 수집한 글 collected posts",
        "description": "그누보드 게시판에서 수집한 글 (read-only). Posts collected from gnuboard "
        "boards; read-only.",
        "databases": {
            database: {
                "title": "newsbot 저장소 — store",
                "tables": {
                    "posts": {
                        "title": "글 — posts",
                        "description": "One row per post (site, board, wr_id).",
                        "columns": POST_COLUMNS,
                        "facets": ["board", "category", "author", "publisher"],
                        "sort_desc": "published_at",
                        "label_column": "title",
                        "fts_table": "posts_fts",
                        "fts_pk": "id",
                        # FTS5 syntax in the box: 환율* for word starts, "a b" for phrases
                        "searchmode": "raw",
                    },
                    "post_stats": {
                        "title": "조회수 기록 — counts per run",
                        "description": "Views, comments and likes as each run read them.",
                        "columns": POST_STATS_COLUMNS,
                        "sort_desc": "seen_at",
                    },
                    "failures": {
                        "title": "실패한 글 — posts waiting to be retried",
                        "facets": ["board", "reason"],
                    },
                    "refusals": {
                        "title": "거부된 글 — posts the site refuses to show",
                        "facets": ["board", "reason"],
                    },
                    "boards": {"title": "게시판 — boards and their last list read"},
                    "aliases": {"title": "짧은 주소 — title-slug URLs and their wr_id"},
                    "schema_version": {"hidden": True},
                },
                "queries": QUERIES,
            }
        },
        "plugins": {"datasette-dashboards": {DASHBOARD: dashboard(database, default_post_url)}},
    }
