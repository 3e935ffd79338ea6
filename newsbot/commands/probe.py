"""``scrapy probe URL``: does newsbot read this board? One list page, three posts, every field.

    scrapy probe 'https://example.com/bbs/board.php?bo_table=free'
    scrapy probe 'https://example.com/board/free/' --posts 5

Prints the list page's rows (as the crawl would see them), then for each post every field with
its value and the cue it came from (``skin table …``, ``label``, ``icon fa-eye``, ``title
pattern``, ``list row``…), then which fields were read on every post and which on none. Nothing
is stored. Exit status: 0 when the board lists posts and their title, date and body are read,
5 when it does not, 6 when the site refuses the list.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsbot import exitcodes
from newsbot.arguments import ArgumentError, parse_arguments
from newsbot.spiders.probe import PROBE_POSTS, ProbedPost, ProbeResult, ProbeSpider

#: Fields shown per post, in this order (news fields only when a post has them).
SHOWN_FIELDS = (
    "board board_title post_id url title category author author_id author_ip published_at "
    "views comments likes dislikes is_notice body_text image_urls attachments links reporter "
    "publisher"
).split()
#: RawPost attribute → the Post field whose cue it is.
RAW_FIELD = {"published_at": "date_texts"}
REQUIRED = ("title", "published_at", "body_text")
VALUE_WIDTH = 60


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = True

    def syntax(self) -> str:
        return "[options] <board or post URL>"

    def short_desc(self) -> str:
        return "Read one list page and three posts of a board; show each field and its cue"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--posts", type=int, default=PROBE_POSTS, help="posts to read (3)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one board URL, e.g. scrapy probe 'https://x/bbs/board.php?…'")
        try:
            parse_arguments({"url": args[0]})  # the same check as crawl's url=, before a request
        except ArgumentError as exc:
            raise UsageError(str(exc), print_help=False) from None
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(ProbeSpider)
        self.crawler_process.crawl(crawler, url=args[0], posts=opts.posts)
        self.crawler_process.start()
        spider = crawler.spider
        assert isinstance(spider, ProbeSpider)
        for line in report_lines(spider.result):
            print(line)
        self.exitcode = verdict(spider.result)[0]


def verdict(result: ProbeResult) -> tuple[int, str]:
    if result.list_refused:
        return exitcodes.NOTHING_READABLE, f"the site refuses the list ({result.list_refused})"
    if result.list_error:
        return exitcodes.SITE_ERRORS, f"the list page failed ({result.list_error})"
    listing = result.listing
    if listing is not None and not listing.rows:
        if listing.shows_empty:
            return exitcodes.OK, "an empty board (its list says there are no posts)"
        return exitcodes.LAYOUT_BROKEN, "no post rows found on the list page"
    read = [p for p in result.posts if p.item]
    if not read:
        reasons = ", ".join(sorted({p.refused or p.error or "?" for p in result.posts}))
        return exitcodes.LAYOUT_BROKEN, f"no post could be read ({reasons})"
    missing = [f for f in REQUIRED if not all(_has(p.item.get(f)) for p in read)]
    if missing:
        return exitcodes.LAYOUT_BROKEN, f"posts read without {', '.join(missing)}"
    return exitcodes.OK, "newsbot reads this board"


def report_lines(result: ProbeResult) -> list[str]:
    lines = [f"probe {result.url}"]
    listing = result.listing
    if result.list_refused:
        lines.append(f"  list refused ({result.list_refused}): {result.message or ''}".rstrip())
    elif result.list_error:
        lines.append(f"  list failed ({result.list_error})")
    elif listing is not None:
        lines.append(
            f"list page: {len(listing.rows)} rows, board {listing.bo_table!r} "
            f"({listing.board_title or '-'}), skin {listing.skin}, rows from "
            f"{listing.cues.get('rows', '-')}, last page {listing.last_page or '-'}"
            + (", empty-board message" if listing.shows_empty else "")
        )
        for row in listing.rows[:10]:
            lines.append(
                f"  {'공지 ' if row.is_notice else ''}#{row.post_id} {_short(row.title, 40)} | "
                f"author {row.author or '-'} | date {row.date_text or '-'} | views "
                f"{row.views or '-'} | comments {row.comments or '-'} | category "
                f"{row.category or '-'}"
            )
        if len(listing.rows) > 10:
            lines.append(f"  … {len(listing.rows) - 10} more rows")
        if listing.rows:
            cues = ", ".join(f"{k} ← {v}" for k, v in listing.rows[0].cues.items())
            lines.append(f"  row cues: {cues}")
    for number, probed in enumerate(result.posts, 1):
        lines.append("")
        lines.extend(_post_lines(number, len(result.posts), probed))
    read = [p for p in result.posts if p.item]
    if read:
        lines.append("")
        always = [f for f in SHOWN_FIELDS if all(_has(p.item.get(f)) for p in read)]
        never = [f for f in SHOWN_FIELDS if not any(_has(p.item.get(f)) for p in read)]
        lines.append(f"read on all {len(read)} posts: {', '.join(always) or '-'}")
        lines.append(f"read on none: {', '.join(never) or '-'}")
    code, why = verdict(result)
    lines.append(f"verdict: {why} (exit {code})")
    return lines


def _post_lines(number: int, total: int, probed: ProbedPost) -> list[str]:
    head = f"post {number}/{total}: {probed.url}"
    if probed.refused:
        return [f"{head}  refused ({probed.refused})"]
    if probed.error or probed.raw is None:
        return [f"{head}  failed ({probed.error})"]
    lines = [f"{head}  (skin {probed.raw.skin})"]
    row_cues = probed.row.cues if probed.row else {}
    for name in SHOWN_FIELDS:
        value = probed.item.get(name)
        if not _has(value) and name in ("reporter", "publisher"):
            continue
        cue = _cue(name, probed, row_cues)
        lines.append(f"  {name:<13} {_short(_shown(value), VALUE_WIDTH)}  ← {cue}")
    return lines


def _cue(name: str, probed: ProbedPost, row_cues: dict[str, str]) -> str:
    raw = probed.raw
    assert raw is not None
    value = probed.item.get(name)
    if not _has(value):
        return "(not found)"
    if name in raw.cues and _has(getattr(raw, RAW_FIELD.get(name, name), None)):
        return raw.cues[name]
    if name in ("board", "post_id", "url"):
        return "URL"
    if name == "board_title":
        return "container title or <title> pattern"
    row_name = "date_text" if name == "published_at" else name
    if probed.row is not None and _has(getattr(probed.row, row_name, None)):
        return f"list row ({row_cues.get(row_name, 'row')})"
    if name in ("image_urls", "attachments", "links"):
        return "core /data/file, download.php, link.php"
    return raw.cues.get(name, "skin table")


def _has(value: Any) -> bool:
    return value not in (None, "", [], {})


def _shown(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split()) if value is not None else "-"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
