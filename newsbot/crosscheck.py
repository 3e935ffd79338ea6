"""List and view cross-check: what a list row says about a post must agree with its view page.

A list cell's meaning comes from a skin table, a column header or an icon; the view page prints the
same post's stats with its own labels and icons. When both were read, they confirm each other —
or show that one of them was misread (a likes column taken for views, a list date that is another
date). Pure: raw values in, the names of the fields that disagree out.

- ``views``: the list was fetched before the post, and views only grow, so a list count above
  the post's own (beyond a small margin for a count read from a cached list) is a misread;
- ``comments``: the same count on both pages (a comment may land in between: one off is fine);
- ``title``: the row's subject (possibly cut with ``…``) starts the post's subject;
- ``published_at``: the same day.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsbot.normalize import clean_text, parse_board_datetime, parse_count
from newsbot.skins.base import ListRow, RawPost
from newsbot.skins.gnuboard import CUT_MARKS

YEARLESS_RE = re.compile(r"^\d{1,2}[-./]\d{1,2}\.?$")
#: A list can be served from a cache a little older than the post page.
VIEWS_MARGIN = 0.1


def disagreements(row: ListRow, post: RawPost, now: datetime) -> dict[str, tuple[str, str]]:
    """Field → ``(list value, post value)`` for each field the two pages read differently."""
    found: dict[str, tuple[str, str]] = {}
    listed, viewed = parse_count(row.views), parse_count(post.views)
    if listed is not None and viewed is not None and listed > viewed * (1 + VIEWS_MARGIN) + 1:
        found["views"] = (str(row.views), str(post.views))
    listed, viewed = parse_count(row.comments), parse_count(post.comments)
    if listed is not None and viewed is not None and abs(listed - viewed) > 1:
        found["comments"] = (str(row.comments), str(post.comments))
    row_title, post_title = clean_text(row.title), clean_text(post.title)
    stem = row_title.rstrip("".join(CUT_MARKS)).rstrip()
    if stem and post_title and not post_title.startswith(stem) and stem not in post_title:
        found["title"] = (row_title, post_title)
    listed_at = parse_board_datetime(row.date_text, now) if row.date_text else None
    posted_at = None
    for text in post.date_texts:
        posted_at = parse_board_datetime(text, now)
        if posted_at is not None:
            break
    if listed_at and posted_at:
        # a yearless list date (``m-d``) only says the month and day; its year is a guess
        yearless = YEARLESS_RE.match(clean_text(row.date_text))
        listed_day, posted_day = listed_at.value.date(), posted_at.value.date()
        if yearless:
            listed_day, posted_day = listed_day.replace(year=2000), posted_day.replace(year=2000)
        if listed_day != posted_day:
            found["published_at"] = (str(row.date_text), post.date_texts[0])
    return found
