"""List and view values confirm each other; a misread column shows as a disagreement."""

from __future__ import annotations

from datetime import datetime

from newsbot.crosscheck import disagreements
from newsbot.normalize import KST
from newsbot.skins.base import ListRow, RawPost

NOW = datetime(2026, 11, 28, 11, 5, tzinfo=KST)


def _post(**values) -> RawPost:
    defaults = {
        "skin": "generic",
        "title": "동네 도서관 야간 개방, 이번 주부터 시작",
        "views": "56",
        "comments": "2",
        "date_texts": ["2026-11-28 10:42"],
    }
    return RawPost(**{**defaults, **values})


def _row(**values) -> ListRow:
    defaults = {
        "post_id": 9,
        "url": "u",
        "title": "동네 도서관 야간 개방, 이번 …",
        "views": "55",
        "comments": "2",
        "date_text": "10:42",
    }
    return ListRow(**{**defaults, **values})


def test_a_row_and_its_post_that_agree() -> None:
    assert disagreements(_row(), _post(), NOW) == {}


def test_a_comment_written_in_between_is_no_disagreement() -> None:
    assert disagreements(_row(comments="1"), _post(), NOW) == {}


def test_a_likes_column_taken_for_views() -> None:
    """The list's number can't be above the post's own count: views only grow."""
    assert disagreements(_row(views="4,120"), _post(), NOW) == {"views": ("4,120", "56")}


def test_other_fields_that_disagree() -> None:
    found = disagreements(_row(title="다른 글", comments="9", date_text="11-02"), _post(), NOW)
    assert set(found) == {"title", "comments", "published_at"}


def test_a_yearless_list_date_of_an_old_post() -> None:
    """``12-04`` on the list of a post from 2019: the year is the list's guess, not a misread."""
    assert disagreements(_row(date_text="12-04"), _post(date_texts=["19-12-04 08:10"]), NOW) == {}
