"""Tests for :mod:`newsbot.normalize`: one case per documented row, plus Hypothesis properties."""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbot.normalize import (
    CLOCK_SKEW,
    KST,
    BoardDateTime,
    DatePrecision,
    clean_multiline_text,
    clean_text,
    clean_title,
    clean_url,
    parse_author,
    parse_board_datetime,
    parse_count,
)

NOW = datetime(2026, 3, 15, 10, 0, tzinfo=KST)
"""The crawl time of the date table unless a case says otherwise."""

P = DatePrecision


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=KST)


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

DATE_CASES = [
    # (raw, expected ISO string, precision)
    pytest.param("23-09-05 14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="view-yy-mm-dd-H:i"),
    pytest.param(
        "2023-09-05 14:10:33", "2023-09-05T14:10:33+09:00", P.SECOND, id="raw-wr_datetime"
    ),
    pytest.param(
        "작성일 : 2023.09.05 14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="label-dotted-minute"
    ),
    pytest.param("2023/09/05", "2023-09-05T00:00:00+09:00", P.DAY, id="slashed-day"),
    pytest.param("23.09.05", "2023-09-05T00:00:00+09:00", P.DAY, id="yy.mm.dd-day"),
    pytest.param("2023.09.05", "2023-09-05T00:00:00+09:00", P.DAY, id="nariya-Y.m.d"),
    pytest.param("2023-9-5", "2023-09-05T00:00:00+09:00", P.DAY, id="unpadded-day"),
    pytest.param("2023.09.05(화) 14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="weekday-paren"),
    pytest.param(
        "2023. 9. 5. 오후 2:10:33", "2023-09-05T14:10:33+09:00", P.SECOND, id="locale-ko-spaced"
    ),
    pytest.param(
        "2023년 9월 5일 (화) 오후 2:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="korean-pm"
    ),
    pytest.param("2023년 9월 5일 오전 9:05", "2023-09-05T09:05:00+09:00", P.MINUTE, id="korean-am"),
    pytest.param(
        "2023년 9월 5일 오후 12:30",
        "2023-09-05T12:30:00+09:00",
        P.MINUTE,
        id="korean-pm-12-is-noon",
    ),
    pytest.param(
        "2023년 9월 5일 오전 12:30",
        "2023-09-05T00:30:00+09:00",
        P.MINUTE,
        id="korean-am-12-is-midnight",
    ),
    pytest.param("2023년 9월 5일", "2023-09-05T00:00:00+09:00", P.DAY, id="korean-day"),
    pytest.param(
        "2023년 9월 5일 화요일 14시 10분", "2023-09-05T14:10:00+09:00", P.MINUTE, id="korean-si-bun"
    ),
    pytest.param("2023년 9월 5일 14시", "2023-09-05T14:00:00+09:00", P.DAY, id="korean-hour-only"),
    pytest.param("23년 9월 5일", "2023-09-05T00:00:00+09:00", P.DAY, id="korean-two-digit-year"),
    pytest.param("09-05", "2025-09-05T00:00:00+09:00", P.YEARLESS, id="list-m-d-last-year"),
    pytest.param("9.5", "2025-09-05T00:00:00+09:00", P.YEARLESS, id="list-m.d-unpadded"),
    pytest.param("03.01", "2026-03-01T00:00:00+09:00", P.YEARLESS, id="list-m.d-this-year"),
    pytest.param("03-15", "2026-03-15T00:00:00+09:00", P.YEARLESS, id="list-same-day-not-after"),
    pytest.param("03-16", "2025-03-16T00:00:00+09:00", P.YEARLESS, id="list-tomorrow-is-last-year"),
    pytest.param("02-29", "2024-02-29T00:00:00+09:00", P.YEARLESS, id="list-leap-day-back-to-2024"),
    pytest.param("9월 5일", "2025-09-05T00:00:00+09:00", P.YEARLESS, id="korean-yearless"),
    pytest.param("03-14 23:59", "2026-03-14T23:59:00+09:00", P.YEARLESS, id="list-m-d-with-time"),
    pytest.param("14:10", "2026-03-14T14:10:00+09:00", P.TIME_ONLY, id="list-time-future-is-yday"),
    pytest.param("09:30", "2026-03-15T09:30:00+09:00", P.TIME_ONLY, id="list-time-earlier-today"),
    pytest.param("오후 2:10", "2026-03-14T14:10:00+09:00", P.TIME_ONLY, id="list-time-korean-pm"),
    pytest.param("방금", "2026-03-15T10:00:00+09:00", P.RELATIVE, id="just-now"),
    pytest.param("방금 전", "2026-03-15T10:00:00+09:00", P.RELATIVE, id="just-now-jeon"),
    pytest.param("30초 전", "2026-03-15T09:59:30+09:00", P.RELATIVE, id="seconds-ago"),
    pytest.param("3분 전", "2026-03-15T09:57:00+09:00", P.RELATIVE, id="minutes-ago"),
    pytest.param("3분전", "2026-03-15T09:57:00+09:00", P.RELATIVE, id="minutes-ago-eyoom-glued"),
    pytest.param("2시간 전", "2026-03-15T08:00:00+09:00", P.RELATIVE, id="hours-ago"),
    pytest.param("1시간 30분 전", "2026-03-15T08:30:00+09:00", P.RELATIVE, id="hours-minutes-ago"),
    pytest.param("1시간 30분전", "2026-03-15T08:30:00+09:00", P.RELATIVE, id="hours-minutes-glued"),
    pytest.param("3일 전", "2026-03-12T10:00:00+09:00", P.RELATIVE, id="days-ago-keeps-clock"),
    pytest.param("2주 전", "2026-03-01T10:00:00+09:00", P.RELATIVE, id="weeks-ago"),
    pytest.param("어제 14:10", "2026-03-14T14:10:00+09:00", P.RELATIVE, id="yesterday-with-time"),
    pytest.param("어제", "2026-03-14T00:00:00+09:00", P.RELATIVE, id="yesterday-midnight"),
    pytest.param("그제", "2026-03-13T00:00:00+09:00", P.RELATIVE, id="day-before-yesterday"),
    pytest.param("그저께 09:00", "2026-03-13T09:00:00+09:00", P.RELATIVE, id="geujeokke-time"),
    pytest.param("오늘 08:15", "2026-03-15T08:15:00+09:00", P.RELATIVE, id="today-with-time"),
    pytest.param(
        "2023-09-05T05:10:00Z", "2023-09-05T14:10:00+09:00", P.SECOND, id="iso-utc-z-to-kst"
    ),
    pytest.param(
        "2023-09-05T14:10:00+09:00", "2023-09-05T14:10:00+09:00", P.SECOND, id="iso-kst-offset"
    ),
    pytest.param("2023-09-05T14:10:00", "2023-09-05T14:10:00+09:00", P.SECOND, id="iso-naive-kst"),
    pytest.param(
        "2023-09-05T01:10:00-04:00", "2023-09-05T14:10:00+09:00", P.SECOND, id="iso-other-offset"
    ),
    pytest.param("2023-09-05T14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="iso-minutes"),
    pytest.param(
        "Tue, 05 Sep 2023 14:10:00 +0900", "2023-09-05T14:10:00+09:00", P.SECOND, id="rss-pubdate"
    ),
    pytest.param("등록일 2023-09-05", "2023-09-05T00:00:00+09:00", P.DAY, id="label-deungrokil"),
    pytest.param("날짜 : 23-09-05 14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="label-nalja"),
    pytest.param("Date: 2023-09-05 14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="label-date"),
    pytest.param(
        "DATE : 2024-05-06 12:34:56", "2024-05-06T12:34:56+09:00", P.SECOND, id="label-file-date"
    ),
    pytest.param("작성일23-09-05 14:10", "2023-09-05T14:10:00+09:00", P.MINUTE, id="label-glued"),
    pytest.param(
        "\xa0작성일\xa0\n 23-09-05\u00a014:10 ",
        "2023-09-05T14:10:00+09:00",
        P.MINUTE,
        id="nbsp-and-newlines",
    ),
    pytest.param("２０２３－０９－０５", "2023-09-05T00:00:00+09:00", P.DAY, id="fullwidth-digits"),
]


@pytest.mark.parametrize(("raw", "expected", "precision"), DATE_CASES)
def test_parse_board_datetime(raw: str, expected: str, precision: DatePrecision) -> None:
    parsed = parse_board_datetime(raw, NOW)
    assert parsed is not None
    assert parsed.isoformat() == expected
    assert parsed.precision is precision
    assert parsed.value.tzinfo is KST


@pytest.mark.parametrize(
    ("raw", "now", "expected"),
    [
        pytest.param(
            "12-31", kst(2026, 1, 1, 0, 0), "2025-12-31T00:00:00+09:00", id="dec31-on-jan1"
        ),
        pytest.param(
            "01-01", kst(2025, 12, 31, 23, 58), "2026-01-01T00:00:00+09:00", id="server-clock-ahead"
        ),
        pytest.param(
            "23:50", kst(2026, 3, 15, 0, 5), "2026-03-14T23:50:00+09:00", id="time-after-midnight"
        ),
        pytest.param("10:03", NOW, "2026-03-15T10:03:00+09:00", id="time-within-clock-skew"),
        pytest.param("10:06", NOW, "2026-03-14T10:06:00+09:00", id="time-beyond-clock-skew"),
        pytest.param(
            "14:10",
            datetime(2026, 3, 15, 1, 0, tzinfo=UTC),
            "2026-03-14T14:10:00+09:00",
            id="utc-now",
        ),
        pytest.param(
            "14:10",
            datetime(2026, 3, 15, 10, 0),
            "2026-03-14T14:10:00+09:00",
            id="naive-now-is-kst",
        ),
        pytest.param(
            "어제",
            datetime(2026, 3, 14, 16, 0, tzinfo=UTC),
            "2026-03-14T00:00:00+09:00",
            id="utc-day",
        ),
        pytest.param("02-29", kst(2024, 2, 28), "2020-02-29T00:00:00+09:00", id="leap-day-before"),
    ],
)
def test_parse_board_datetime_relative_to_now(raw: str, now: datetime, expected: str) -> None:
    parsed = parse_board_datetime(raw, now)
    assert parsed is not None
    assert parsed.isoformat() == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("0000-00-00 00:00:00", id="zero-datetime"),
        pytest.param("0000-00-00", id="zero-date"),
        pytest.param("-", id="dash"),
        pytest.param("", id="empty"),
        pytest.param("   \xa0 ", id="blank"),
        pytest.param(None, id="none"),
        pytest.param("garbage", id="garbage"),
        pytest.param("작성일", id="label-only"),
        pytest.param("2023-13-45", id="month-13"),
        pytest.param("2023-02-30", id="feb-30"),
        pytest.param("02-30", id="yearless-feb-30"),
        pytest.param("13-01", id="yearless-month-13"),
        pytest.param("24:00", id="hour-24"),
        pytest.param("12:60", id="minute-60"),
        pytest.param("2023-09-05 25:10", id="date-hour-25"),
        pytest.param("오후 13:10", id="pm-hour-13"),
        pytest.param("1850-01-01", id="year-out-of-range"),
        pytest.param("2023-09", id="year-month-only"),
        pytest.param("3개월 전", id="months-ago-too-coarse"),
        pytest.param("1년 전", id="years-ago-too-coarse"),
        pytest.param("9999999주 전", id="overflowing-relative"),
        pytest.param("٢٠٢٣-٠٩-٠٥", id="arabic-indic-digits"),
        pytest.param("abc 23-09-05 14:10", id="leading-junk"),
        pytest.param("23-09-05 14:10 xyz", id="trailing-junk"),
    ],
)
def test_parse_board_datetime_rejects(raw: str | None) -> None:
    assert parse_board_datetime(raw, NOW) is None


def test_board_datetime_normalizes_to_kst() -> None:
    aware = BoardDateTime(datetime(2023, 9, 5, 5, 10, tzinfo=UTC), P.SECOND)
    naive = BoardDateTime(datetime(2023, 9, 5, 14, 10), P.MINUTE)
    assert aware.isoformat() == naive.isoformat() == "2023-09-05T14:10:00+09:00"
    assert aware.value.tzinfo is KST
    assert naive.value.tzinfo is KST


def test_precision_order() -> None:
    assert P.RELATIVE < P.YEARLESS < P.TIME_ONLY < P.DAY < P.MINUTE < P.SECOND


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("조회 56회", 56, id="johoe-hoe"),
        pytest.param("조회수 : 56", 56, id="johoesu-colon"),
        pytest.param("Hit 56", 56, id="hit"),
        pytest.param("Hits: 56", 56, id="hits-colon"),
        pytest.param("56", 56, id="bare"),
        pytest.param("조회 56", 56, id="johoe"),
        pytest.param(" 56\xa0", 56, id="nbsp-padded"),
        pytest.param("1,234", 1234, id="thousands"),
        pytest.param("1,234회", 1234, id="thousands-hoe"),
        pytest.param("1,234,567", 1234567, id="millions"),
        pytest.param("1.2만", 12000, id="decimal-man"),
        pytest.param("3만", 30000, id="man"),
        pytest.param("1만 2천", 12000, id="man-cheon"),
        pytest.param("1만2345", 12345, id="man-rest"),
        pytest.param("1.5k", 1500, id="k-lower"),
        pytest.param("2K", 2000, id="k-upper"),
        pytest.param("1.2M", 1200000, id="m-upper"),
        pytest.param("댓글 0건", 0, id="comments-zero-geon"),
        pytest.param("[3]", 3, id="brackets"),
        pytest.param("(3)", 3, id="parens"),
        pytest.param("+3", 3, id="plus"),
        pytest.param("+ 3", 3, id="plus-space"),
        pytest.param("3개", 3, id="gae"),
        pytest.param("추천 5", 5, id="chucheon"),
        pytest.param("비추천 : 2", 2, id="bichucheon"),
        pytest.param("좋아요 1,000", 1000, id="joayo"),
        pytest.param("싫어요 0", 0, id="sireoyo"),
        pytest.param("Total 1,234건", 1234, id="list-total"),
        pytest.param("전체 15건", 15, id="list-total-mobile"),
        pytest.param("5회 다운로드", 5, id="file-downloads"),
        pytest.param("３", 3, id="fullwidth"),
    ],
)
def test_parse_count(raw: str, expected: int) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("-", id="dash"),
        pytest.param("", id="empty"),
        pytest.param(None, id="none"),
        pytest.param("abc", id="garbage"),
        pytest.param("조회", id="label-only"),
        pytest.param("-3", id="negative"),
        pytest.param("−3", id="negative-minus-sign"),
        pytest.param("1.5", id="fraction"),
        pytest.param("1,23", id="bad-grouping"),
        pytest.param("3 / 10", id="ratio"),
        pytest.param("٣", id="arabic-indic-digit"),
    ],
)
def test_parse_count_rejects(raw: str | None) -> None:
    assert parse_count(raw) is None


# --------------------------------------------------------------------------------------------
# Authors
# --------------------------------------------------------------------------------------------

SIDEVIEW_MENU = (
    "쪽지보내기 메일보내기 홈페이지 자기소개 아이디로 검색 전체게시물 회원정보변경 포인트내역"
)


@pytest.mark.parametrize(
    ("raw", "name", "ip"),
    [
        pytest.param("작성자 수집기", "수집기", None, id="label-jakseongja"),
        pytest.param("글쓴이 : 수집기", "수집기", None, id="label-geulsseuni-colon"),
        pytest.param("작성자: 수집기", "수집기", None, id="label-tight-colon"),
        pytest.param("수집기", "수집기", None, id="sv_member-text"),
        pytest.param("홍길동 (123.♡.45.67)", "홍길동", "123.♡.45.67", id="guest-masked-ip"),
        pytest.param("홍길동\xa0(123.♡.45.67)", "홍길동", "123.♡.45.67", id="nbsp-before-ip"),
        pytest.param("홍길동 (123.45.67.89)", "홍길동", "123.45.67.89", id="admin-sees-full-ip"),
        pytest.param("홍길동 (123.♡.45.♡)", "홍길동", "123.♡.45.♡", id="custom-mask"),
        pytest.param(" 홍길동 ", "홍길동", None, id="spaces"),
        pytest.param("\xa0홍길동\u3000", "홍길동", None, id="nbsp-ideographic-space"),
        pytest.param(
            "수집기 자기소개 아이디로 검색 전체게시물", "수집기", None, id="sideview-short"
        ),
        pytest.param(
            "수집기 쪽지보내기 메일보내기 자기소개 아이디로 검색 전체게시물",
            "수집기",
            None,
            id="sideview-full",
        ),
        pytest.param(
            f"수집기 {SIDEVIEW_MENU} {SIDEVIEW_MENU}", "수집기", None, id="sideview+noscript"
        ),
        pytest.param(
            "수집기\n쪽지보내기메일보내기자기소개", "수집기", None, id="sideview-glued-menu"
        ),
        pytest.param(
            "홍길동 이름으로 검색 (123.♡.45.67)", "홍길동", "123.♡.45.67", id="guest-sideview-ip"
        ),
        pytest.param(
            "수집기 쪽지보내기 자기소개 아이피 (1.♡.2.3)",
            "수집기",
            "1.♡.2.3",
            id="comment-ip-label",
        ),
        pytest.param("수집기 자기소개", "수집기", None, id="title-attr-member"),
        pytest.param("손님 이름으로 검색", "손님", None, id="title-attr-guest"),
        pytest.param("[비회원]홍길동", "홍길동", None, id="g4-title-guest"),
        pytest.param("수집기님의 댓글", "수집기", None, id="comment-heading"),
        pytest.param("수집기님의 댓글의 댓글", "수집기", None, id="reply-heading"),
        pytest.param("수집기 님", "수집기", None, id="spaced-nim"),
        pytest.param("하느님님의 댓글", "하느님", None, id="heading-of-nim-nickname"),
        pytest.param("하느님", "하느님", None, id="glued-nim-is-part-of-nickname"),
        pytest.param("테슬라 (TSLA)", "테슬라 (TSLA)", None, id="parens-in-name-kept"),
        pytest.param("러브(♡)", "러브(♡)", None, id="heart-without-digits-kept"),
        pytest.param("홍길동…", "홍길동…", None, id="cut-name-kept"),
        pytest.param("O&#039;Neil", "O'Neil", None, id="entity-decoded"),
        pytest.param("(123.♡.45.67)", None, "123.♡.45.67", id="ip-only"),
        pytest.param("118.♡.41.7", None, "118.♡.41.7", id="bare-masked-ip"),
        pytest.param("", None, None, id="empty"),
        pytest.param("-", None, None, id="dash"),
        pytest.param(None, None, None, id="none"),
        pytest.param("작성자", None, None, id="label-only"),
    ],
)
def test_parse_author(raw: str | None, name: str | None, ip: str | None) -> None:
    assert parse_author(raw) == (name, ip)


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("머니투데이 &amp;amp; mt.co.kr", "머니투데이 & mt.co.kr", id="double-escaped"),
        pytest.param("머니투데이 &amp; mt.co.kr", "머니투데이 & mt.co.kr", id="escaped"),
        pytest.param("a &#038;amp; b", "a & b", id="html_symbol-escape"),
        pytest.param("&lt;b&gt;", "<b>", id="angle-entities"),
        pytest.param("a\x00b\x07c\x9fd", "abcd", id="c0-c1-controls"),
        pytest.param("a\u200bb\u200cc\u2060d\ufeffe", "abcde", id="zero-width"),
        pytest.param("a\u202eb\u202ac\u2066d\u2069e\u200ef\u200fg", "abcdefg", id="bidi"),
        pytest.param("a\xa0b\u3000c\td\ne\r\nf", "a b c d e f", id="all-whitespace"),
        pytest.param("  a    b  ", "a b", id="collapse-strip"),
        pytest.param("a&nbsp;&nbsp;b", "a b", id="nbsp-entity"),
        pytest.param("&amp;quot;인용&amp;quot;", '"인용"', id="escaped-twice"),
        pytest.param("원문 https://ex.kr/a?x=1&copy=2&not=3", None, id="bare-names-kept"),
        pytest.param("R&amp;D &not 1", "R&D &not 1", id="bare-name-after-decoding"),
        pytest.param("https://ex.kr/a?x=1&amp=3&#38=4", None, id="bare-amp-kept"),
        pytest.param("a\u200db", "ab", id="stray-zwj"),
        pytest.param("👨\u200d👩\u200d👧 가족", "👨\u200d👩\u200d👧 가족", id="emoji-zwj-kept"),
        pytest.param("❤️\u200d🔥", "❤️\u200d🔥", id="emoji-vs16-zwj-kept"),
        pytest.param("日·中 정상회담… 😀", "日·中 정상회담… 😀", id="hanja-ellipsis-emoji"),
        pytest.param("\u3164", "", id="hangul-filler-blank"),
        pytest.param("", "", id="empty"),
        pytest.param(None, "", id="none"),
    ],
)
def test_clean_text(raw: str | None, expected: str | None) -> None:
    assert clean_text(raw) == (raw if expected is None else expected)


URL = "http://ex.com/bbs/board.php?bo_table=free&wr_id=3"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(URL, URL, id="clean"),
        # parameters named like HTML's legacy entities, which need no ";"
        pytest.param(
            f"{URL}&notice=1&section=2&copy=3&reg_date=4&para=5&times=6", None, id="entity-names"
        ),
        pytest.param(f"{URL}&lt=1&gt=2&amp=3&not", None, id="short-entity-names"),
        pytest.param("http://ex.com/a?x=1&amp;y=2", None, id="nothing-decoded"),
        pytest.param(f"  {URL}\u200b\n", URL, id="ends-and-invisible"),
        pytest.param("", "", id="empty"),
        pytest.param(None, "", id="none"),
    ],
)
def test_clean_url(raw: str | None, expected: str | None) -> None:
    """A URL's ``&`` never starts a reference: nothing in a URL field is decoded again."""
    assert clean_url(raw) == (raw if expected is None else expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "  첫 줄 \n\n 둘째\xa0 줄 \r\n\u3000\n 셋째", "첫 줄\n둘째 줄\n셋째", id="lines"
        ),
        pytest.param("a\u2028b\u2029c", "a\nb\nc", id="unicode-line-separators"),
        pytest.param("a &amp;amp; b\n\u200b\nc", "a & b\nc", id="entities-invisible-line"),
        pytest.param("\n\n", "", id="only-breaks"),
        pytest.param(None, "", id="none"),
    ],
)
def test_clean_multiline_text(raw: str | None, expected: str) -> None:
    assert clean_multiline_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("제목 [3]", "제목", id="count-brackets"),
        pytest.param("제목[3]", "제목", id="count-brackets-glued"),
        pytest.param("제목 (3)", "제목", id="count-parens-g4"),
        pytest.param("제목 +3", "제목", id="count-plus-nariya"),
        pytest.param("제목 + 3", "제목", id="count-plus-space-g5.3"),
        pytest.param("제목 댓글 3개", "제목", id="count-sound_only"),
        pytest.param("제목 댓글3", "제목", id="count-daetgeul-glued"),
        pytest.param("제목 N새글", "제목", id="new-icon"),
        pytest.param("제목 N새글 댓글3개", "제목", id="new-icon-and-count"),
        pytest.param("제목 새글", "제목", id="new-alt"),
        pytest.param("제목 인기글 첨부파일 관련링크", "제목", id="icon-alts"),
        pytest.param("제목 비밀글", "제목", id="secret-alt"),
        pytest.param("제목 답변글", "제목", id="reply-alt"),
        pytest.param("제목 HOT", "제목", id="hot-badge"),
        pytest.param("제목 NEW [12]", "제목", id="new-badge-count"),
        pytest.param("제목 &amp;amp; 부제 [3]", "제목 & 부제", id="entities-then-count"),
        pytest.param("[공지] 정기 점검 안내", "[공지] 정기 점검 안내", id="notice-prefix-kept"),
        pytest.param("테슬라 (TSLA) 실적", "테슬라 (TSLA) 실적", id="ticker-parens-kept"),
        pytest.param("[종합] AI 반도체", "[종합] AI 반도체", id="bracket-prefix-kept"),
        pytest.param("3·1절 [사진]", "3·1절 [사진]", id="bracket-word-suffix-kept"),
        pytest.param("전역 D+3", "전역 D+3", id="d-plus-kept"),
        pytest.param("1+1 행사", "1+1 행사", id="one-plus-one-kept"),
        pytest.param("영화 결산 (2023)", "영화 결산 (2023)", id="year-in-parens-kept"),
        pytest.param("결산 [2024]", "결산 [2024]", id="year-in-brackets-kept"),
        pytest.param("Plan N", "Plan N", id="bare-n-kept"),
        pytest.param("오늘의새글", "오늘의새글", id="glued-icon-word-kept"),
        pytest.param("[3]", "[3]", id="never-empties"),
        pytest.param("새글", "새글", id="icon-word-alone-kept"),
        pytest.param("긴 제목이 잘렸습니다…", "긴 제목이 잘렸습니다…", id="ellipsis-kept"),
        pytest.param(None, "", id="none"),
    ],
)
def test_clean_title(raw: str | None, expected: str) -> None:
    assert clean_title(raw) == expected


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

FRAGMENTS = [
    "&amp;",
    "&amp;amp;",
    "&#038;",
    "&#10;",
    "&nbsp;",
    "&lt;",
    "&",
    "#",
    ";",
    "amp",
    "\x00",
    "\x1c",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufe0f",
    "\ufeff",
    "\u00ad",
    "\xa0",
    "\u3000",
    "\u3164",
    "\n",
    "\r\n",
    "\t",
    " ",
    "(",
    ")",
    "[",
    "]",
    "+",
    "♡",
    "123.♡.45.67",
    "(1.♡.2.3)",
    "님",
    "님의 댓글",
    "자기소개",
    "쪽지보내기",
    "아이디로 검색",
    "작성자",
    "글쓴이 :",
    "[비회원]",
    "댓글",
    "개",
    "N",
    "새글",
    "HOT",
    "NEW",
    "3",
    "2023",
    ",",
    ".",
    "-",
    ":",
    "23-09-05",
    "14:10",
    "오후",
    "오전",
    "년",
    "월",
    "일",
    "시",
    "분",
    "초",
    "주",
    "전",
    "어제",
    "방금",
    "T",
    "Z",
    "+09:00",
    "(화)",
    "만",
    "천",
    "k",
    "조회",
    "회",
    "건",
    "👨",
    "🔥",
    "日",
    "…",
    "٣",
    "３",
]

BOARDISH_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=14
).map("".join)
"""Text assembled from the pieces the normalizers treat specially, so the properties reach the
interesting branches far more often than uniform ``st.text()`` does."""

ANY_TEXT = st.one_of(st.text(), BOARDISH_TEXT)

NOWS = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2090, 12, 31),
    timezones=st.sampled_from([None, KST, UTC, timezone(timedelta(hours=-11))]),
)

PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

INVISIBLE_OR_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


@PROPERTY_SETTINGS
@given(text=ANY_TEXT, now=NOWS)
def test_parse_board_datetime_never_raises_and_is_kst(text: str, now: datetime) -> None:
    parsed = parse_board_datetime(text, now)
    if parsed is not None:
        assert parsed.value.tzinfo is KST
        assert parsed.value.utcoffset() == timedelta(hours=9)
        assert isinstance(parsed.precision, DatePrecision)
        assert datetime.fromisoformat(parsed.isoformat()) == parsed.value


DATEISH_TEXT = st.lists(
    st.sampled_from(
        [
            *"0123456789-./: TZ",
            *["+09:00", "오전", "오후", "년", "월", "일", "시", "분", "초", "전", "주", "시간"],
            *["어제", "그제", "(화)", "작성일 :"],
        ]
    ),
    max_size=20,
).map("".join)


@PROPERTY_SETTINGS
@given(text=DATEISH_TEXT, now=NOWS)
def test_inferred_dates_are_not_after_now(text: str, now: datetime) -> None:
    parsed = parse_board_datetime(text, now)
    if parsed is not None:
        assert parsed.value.tzinfo is KST
        if parsed.precision <= P.TIME_ONLY:
            assert parsed.value <= now.replace(tzinfo=now.tzinfo or KST) + CLOCK_SKEW


@PROPERTY_SETTINGS
@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)),
    now=NOWS,
)
def test_view_and_iso_formats_round_trip(moment: datetime, now: datetime) -> None:
    moment = moment.replace(tzinfo=KST, microsecond=0)
    view = parse_board_datetime(moment.strftime("%y-%m-%d %H:%M"), now)
    assert view is not None
    assert view.value == moment.replace(second=0)
    assert view.precision is P.MINUTE
    iso = parse_board_datetime(moment.astimezone(UTC).isoformat(), now)
    assert iso is not None
    assert iso.value == moment
    assert iso.precision is P.SECOND


@PROPERTY_SETTINGS
@given(text=st.one_of(ANY_TEXT, st.from_regex(r"\A[+(\[]?[0-9,. ]{0,9}[만천kK]?[회건개\])]?\Z")))
def test_parse_count_never_raises_and_is_non_negative(text: str) -> None:
    count = parse_count(text)
    if count is not None:
        assert type(count) is int
        assert count >= 0


@PROPERTY_SETTINGS
@given(number=st.integers(min_value=0, max_value=10**12), suffix=st.sampled_from(["", "회", "건"]))
def test_number_format_round_trips(number: int, suffix: str) -> None:
    assert parse_count(f"{number:,}{suffix}") == number
    assert parse_count(f"조회 {number}{suffix}") == number


@PROPERTY_SETTINGS
@given(text=ANY_TEXT)
def test_clean_text_is_one_clean_idempotent_line(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert not any(ch.isspace() and ch != " " for ch in cleaned)
    assert not INVISIBLE_OR_CONTROL.search(cleaned)


@PROPERTY_SETTINGS
@given(text=ANY_TEXT)
def test_clean_multiline_text_is_idempotent(text: str) -> None:
    cleaned = clean_multiline_text(text)
    assert clean_multiline_text(cleaned) == cleaned
    lines = cleaned.split("\n")
    assert cleaned == "" or all(line and clean_text(line) == line for line in lines)


@PROPERTY_SETTINGS
@given(text=ANY_TEXT)
def test_clean_title_is_idempotent(text: str) -> None:
    cleaned = clean_title(text)
    assert clean_title(cleaned) == cleaned
    assert clean_text(cleaned) == cleaned
    assert bool(cleaned) == bool(clean_text(text))  # decorations never empty a title


@PROPERTY_SETTINGS
@given(text=ANY_TEXT)
def test_parse_author_name_is_idempotent(text: str) -> None:
    name, ip = parse_author(text)
    if name is not None:
        assert name
        assert clean_text(name) == name
        assert parse_author(name)[0] == name
    if ip is not None:
        assert ip
        assert "♡" in ip or any(ch.isdigit() or ch == ":" for ch in ip)


@PROPERTY_SETTINGS
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_clean_text_keeps_visible_characters(text: str) -> None:
    """Nothing printable is lost: letters, digits, symbols and emoji all survive cleaning."""
    cleaned = clean_text(text.replace("&", ""))
    for ch in text:
        category = unicodedata.category(ch)
        if category[0] in "LNS" and ch not in "\u3164\uffa0":
            assert ch in cleaned


# --------------------------------------------------------------------------------------------
# Hostile inputs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "raw", "expected"),
    [
        pytest.param(clean_text, "&" + "amp;" * 20_000 + "x", "&x", id="deeply-escaped-amp"),
        pytest.param(clean_text, "&" + "#38;" * 20_000 + "x", "&x", id="deeply-escaped-numeric"),
        pytest.param(clean_title, "제목 " + "[3] " * 20_000, "제목", id="long-decoration-run"),
        pytest.param(clean_title, "제목" + " 새글 HOT" * 20_000, "제목", id="long-icon-run"),
        pytest.param(parse_author, "(1" + "♡" * 50_000, (None, None), id="author-too-long"),
        pytest.param(parse_count, "1" * 50_000, None, id="count-too-long"),
    ],
)
def test_hostile_inputs_are_fast(func, raw: str, expected: object) -> None:
    """Quadratic regex/unescape behaviour would take tens of seconds on these."""
    started = time.perf_counter()
    assert func(raw) == expected
    assert time.perf_counter() - started < 3


def test_long_fields_are_not_read() -> None:
    assert parse_author("수집기 " + "자기소개 " * 200) == (None, None)
    assert parse_board_datetime("작성일 " * 100 + "23-09-05 14:10", NOW) is None
