"""Pure text -> value normalizers for gnuboard pages (no Scrapy here).

Every function takes the raw text a selector produced (or ``None``) and never raises: a value that
cannot be read comes back as ``None`` (parsers) or ``""`` (cleaners), so the caller can count it.

Facts these rules rely on (see GNUBOARD.md): every gnuboard time is KST; view pages print
``yy-mm-dd H:i``; list pages print ``H:i`` for today's posts and ``m-d`` otherwise (no year);
themes print ``Y.m.d``, ``m.d`` or relative ``N분전``; counts use ``number_format`` plus
``회``/``건``; author cells may carry the sideview pop-up menu and a masked IP
``(123.♡.45.67)``; names and titles pass through ``get_text``/``html_symbol`` and so may arrive
entity-escaped twice.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "KST",
    "BoardDateTime",
    "DatePrecision",
    "clean_multiline_text",
    "clean_text",
    "clean_title",
    "clean_url",
    "decode_references",
    "parse_author",
    "parse_board_datetime",
    "parse_count",
]

KST = ZoneInfo("Asia/Seoul")


class DatePrecision(IntEnum):
    """How much of a parsed date was actually printed; higher = more trustworthy / precise."""

    RELATIVE = 1  # '3분 전', '방금', '어제 14:10', '그제', '3일 전'
    YEARLESS = 2  # '09-05' / '9.5' list date: year inferred
    TIME_ONLY = 3  # '14:10' list time: day inferred (today, or yesterday if in the future)
    DAY = 4  # full date, no time: '2023/09/05', '23.09.05'
    MINUTE = 5  # '23-09-05 14:10'
    SECOND = 6  # '2023-09-05 14:10:33', ISO strings with seconds


@dataclass(frozen=True)
class BoardDateTime:
    """A board timestamp: always KST-aware, plus how precisely the page printed it."""

    value: datetime
    precision: DatePrecision

    def __post_init__(self) -> None:
        # A naive value is taken as KST, an aware one is converted, so ``value`` is always KST.
        value = self.value
        value = value.replace(tzinfo=KST) if value.tzinfo is None else value.astimezone(KST)
        object.__setattr__(self, "value", value)

    def isoformat(self) -> str:
        """ISO 8601 with the +09:00 offset, e.g. ``2023-09-05T14:10:00+09:00``."""
        return self.value.isoformat()


# --------------------------------------------------------------------------------------------
# Text cleaning
# --------------------------------------------------------------------------------------------

INVISIBLE_RE = re.compile(
    "["
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # C0/C1 controls that are not whitespace
    "\u00ad"  # soft hyphen: invisible, breaks equality of otherwise identical titles
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi controls (U+202E spoofs text order)
    "\u200b\u200c\u2060-\u2064\ufeff"  # zero-width characters and BOM
    "]"
)
"""Controls and invisible format characters: they only ever hide or reorder text."""

_EMOJI_LEFT = "\u2190-\u2bff\ufe0f\U0001f000-\U0001faff"
_EMOJI_RIGHT = "\u2190-\u2bff\U0001f000-\U0001faff"
STRAY_ZWJ_RE = re.compile(f"(?<![{_EMOJI_LEFT}])\u200d|\u200d(?![{_EMOJI_RIGHT}])")
"""U+200D is dropped like the other zero-width characters, except inside an emoji sequence
(``👨‍👩‍👧``), where it is what keeps the emoji whole."""

AMPERSAND_RUN_RE = re.compile(r"&(?:(?:amp|AMP);|#0*38;|#[xX]0*26;)+")
"""``&amp;amp;amp;…`` / ``&#38;#38;…`` (``html_symbol`` escapes again on every save): all levels
at once, since a pass decodes one level and deep nesting would be quadratic. Complete
references only, as :func:`decode_references` (a bare ``&amp=3`` is a query field)."""

WHITESPACE_RE = re.compile(r"[\s\u3164\uffa0]+")
"""Any run of whitespace (nbsp, ideographic space, tabs, newlines...) becomes one space.
The Hangul fillers U+3164/U+FFA0 render as blanks and are used for "invisible" names/titles."""


MAX_FIELD_CHARS = 500
"""Authors, counts and dates are short. Longer text is a selector that grabbed a whole block: it
is not read (``None``), which also bounds the cost of the regexes below."""


#: Anything :func:`_one_line` would change: an invisible or zero-width character, a Hangul
#: filler, whitespace other than a single space, or a space at either end.
_LINE_NEEDS_CLEANING = f"{INVISIBLE_RE.pattern}|[\u200d\u3164\uffa0]|[^\\S ]|  |^ | $"
#: Anything :func:`_clean_once` would change: the above, or an ``&`` (a reference).
NEEDS_CLEANING_RE = re.compile(f"{_LINE_NEEDS_CLEANING}|&")
#: Anything :func:`clean_url` would change (it decodes nothing).
URL_NEEDS_CLEANING_RE = re.compile(_LINE_NEEDS_CLEANING)


def _as_text(text: Any) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else str(text)


#: A complete character reference, ended by ``;``: a name, a decimal or a hexadecimal number.
TERMINATED_REFERENCE_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def _decoded(reference: re.Match[str]) -> str:
    return html.unescape(reference.group(0))


def decode_references(text: str) -> str:
    """``text`` (already decoded once, by the HTML parser) with its complete references decoded
    again: gnuboard escapes on save (``html_symbol``), so a skin that escapes again prints
    ``&amp;quot;``, which reads ``&quot;`` once parsed. Only references ended by ``;`` are: a
    bare ``&copy=3`` or ``&not`` left after parsing was written as text (a URL's query, a
    code sample), and the page shows it as it is; :func:`html.unescape` of the whole text
    made it ``©=3``, ``¬``."""
    if "&" not in text or ";" not in text:
        return text
    return TERMINATED_REFERENCE_RE.sub(_decoded, text)


def _one_line(text: str) -> str:
    """Invisible characters dropped (a joiner kept inside an emoji), whitespace collapsed."""
    text = INVISIBLE_RE.sub("", text)
    if "\u200d" in text:
        text = STRAY_ZWJ_RE.sub("", text)
    return WHITESPACE_RE.sub(" ", text).strip()


def _clean_once(text: str) -> str:
    if "&" in text:
        text = decode_references(AMPERSAND_RUN_RE.sub("&", text))
    return _one_line(text)


def clean_text(text: str | None) -> str:
    """One clean line: entities decoded until stable, invisible characters dropped, whitespace
    collapsed. Idempotent, because it repeats until nothing changes (``&amp;amp;`` -> ``&``, and a
    removed control character cannot leave a new entity behind)."""
    current = _as_text(text)
    if NEEDS_CLEANING_RE.search(current) is None:
        return current  # most names, dates and lines are clean already: one search, no rewrite
    if "&" not in current:
        # Without entities one pass is final: dropping invisible characters and collapsing
        # whitespace cannot leave anything a second pass would change.
        return _clean_once(current)
    while True:
        cleaned = _clean_once(current)
        if cleaned == current:
            return cleaned
        current = cleaned


def clean_url(url: str | None) -> str:
    """A URL on one clean line: :func:`clean_text` without decoding references. A URL field
    holds an href (decoded by the parser, and a second level by
    :func:`~newsbot.urls.unescape_href`), a URL read off cleaned text, or one built here:
    nothing is left to decode, and decoding again read a query like ``&copy=3`` as ``©=3``
    (HTML's legacy entities need no ``;``)."""
    current = _as_text(url)
    if URL_NEEDS_CLEANING_RE.search(current) is None:
        return current
    return _one_line(current)


#: What makes :func:`_clean_once` more than dropping invisible characters and collapsing
#: ``\\s`` runs: a zero-width joiner, a Hangul filler, or an ``&`` that may start an entity.
#: No reference starts at an ``&`` that a tab, newline, form feed, space, ``<``, ``&`` or ``;``
#: follows (or nothing): "ⓒ 머니투데이 & mt.co.kr" in most news bodies. (A wider test than
#: :func:`decode_references` needs, which also wants the ``;``: it only sends a line the long way.)
ONE_PASS_BLOCKERS_RE = re.compile("&[^\t\n\f <&;]|[\u200d\u3164\uffa0]")
#: What may follow an ``&`` that :data:`ONE_PASS_BLOCKERS_RE` lets pass.
_INERT_AFTER_AMPERSAND = "\t\n\f <&;"


def _blocks_one_pass(text: str) -> bool:
    """``ONE_PASS_BLOCKERS_RE.search(text) is not None``, by ``str`` searches: the regex tries
    both branches at every character of a post body (≈ 20 µs on 1,700 characters of Hangul),
    while a body has a few ``&`` at most (≈ 1 µs)."""
    if "\u200d" in text or "\u3164" in text or "\uffa0" in text:
        return True
    find = text.find
    at = find("&")
    while at != -1:
        after = text[at + 1 : at + 2]
        if after and after not in _INERT_AFTER_AMPERSAND:
            return True
        at = find("&", at + 1)
    return False


#: The last text known to be collapsed lines (:func:`remember_collapsed_lines`): the news reader
#: asks :func:`is_collapsed_lines` of the loaded post body again, the loader of the article text
#: the news reader made of its lines, and ``isprintable()`` over ≈ 1,700 characters of Hangul
#: is most of the check.
_last_collapsed: str | None = None


def is_collapsed_lines(text: str) -> bool:
    """Is ``text`` already ``"\\n".join(" ".join(line.split()) for line in text.splitlines())``
    without empty lines? Lines separated by single ``\\n`` with single spaces inside and none at
    either end, and no other whitespace: every other whitespace character, line breaks
    included, is outside ``str.isprintable()``. A few ``str`` searches, where splitting and
    joining every line costs ≈ 1 µs a line (article text, already clean, is cleaned again)."""
    if text is _last_collapsed:
        return True
    return (
        bool(text)
        and text[0] not in " \n"
        and text[-1] not in " \n"
        and "  " not in text
        and "\n\n" not in text
        and " \n" not in text
        and "\n " not in text
        and text.replace("\n", "").isprintable()
    )


def remember_collapsed_lines(text: str) -> str:
    """``text``, which the caller knows to be collapsed lines or empty, remembered for
    :func:`is_collapsed_lines`: an empty text is never collapsed lines (and every ``""`` is the
    same object)."""
    global _last_collapsed
    if text:
        _last_collapsed = text
    return text


def _collapse_spaced_lines(text: str) -> str:
    """``"\\n".join`` of the non-empty ``" ".join(line.split())`` of ``text.splitlines()``, for
    text whose only whitespace is ``" "`` and ``"\\n"`` (every other whitespace character is
    outside ``str.isprintable()``): a line without a double space only loses a space at either
    end. Splitting a post body's lines into words and joining them back was ≈ 30 µs a body."""
    lines: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split()) if "  " in line else line.strip(" ")
        if line:
            lines.append(line)
    return "\n".join(lines)


def clean_multiline_text(text: str | None) -> str:
    """Like :func:`clean_text` per line; lines joined by ``\\n``, empty lines dropped."""
    text = _as_text(text)
    if not _blocks_one_pass(text):
        # Without entities, joiners and Hangul fillers, clean_text of a line is one pass of
        # dropping invisible characters (none is a line break) and collapsing whitespace
        # (``\\s`` = what str.split splits on): done on the whole text at once.
        # Every invisible character is a control or format character, outside
        # ``isprintable()``: text printable but for its line feeds needs no INVISIBLE_RE scan
        # (≈ 1,600 characters in a post body; the article text, already clean, comes again).
        # Both returns are collapsed lines when not empty (the second: only spaces and line
        # feeds to collapse in printable text), remembered for is_collapsed_lines.
        if is_collapsed_lines(text):
            return remember_collapsed_lines(text)
        if text.replace("\n", "").isprintable():
            return remember_collapsed_lines(_collapse_spaced_lines(text))
        visible = INVISIBLE_RE.sub("", text)
        if len(visible) < len(text):  # without its invisible characters it may be either
            text = visible
            if is_collapsed_lines(text):
                return remember_collapsed_lines(text)
            if text.replace("\n", "").isprintable():
                return remember_collapsed_lines(_collapse_spaced_lines(text))
        lines = (" ".join(line.split()) for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    lines = (clean_text(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------

_COMMENT_NUMBER = r"\d{1,6}"
_YEAR_LIKE = r"(?:19|20)\d\d"

COMMENT_COUNT_SUFFIX_RE = re.compile(
    r"(?:"
    rf"\s*\[\s*\+?\s*(?!{_YEAR_LIKE}\s*\])(?:{_COMMENT_NUMBER})\s*\]"  # [3] (Portal), [+3]
    rf"|\s*\(\s*\+?\s*(?!{_YEAR_LIKE}\s*\))(?:{_COMMENT_NUMBER})\s*\)"  # (3) (g4)
    rf"|\s+\+\s*{_COMMENT_NUMBER}"  # ' +3' (Nariya)
    rf"|\s*\+\s+{_COMMENT_NUMBER}"  # '+ 3' (g5 5.3)
    rf"|\s*댓글\s*[\[(]?\s*\+?\s*{_COMMENT_NUMBER}\s*[\])]?\s*개?"  # sound_only '댓글 3개'
    r")$"
)
"""A comment count glued to the end of a list title. ``D+3`` stays (a '+' needs a space on one
side), ``(2023)``/``[2024]`` stay (years, not counts)."""

ICON_TEXT_SUFFIX_RE = re.compile(
    r"(?:\s*N\s*새글|\s+(?:새글|인기글|비밀글|첨부파일|관련링크|답변글|HOT|NEW))$"
)
"""Icon alt / sound_only texts at the end of a list title, as separate words (``N`` only as the
g5 new-icon ``N새글``: a bare trailing ``N`` may be a real word, e.g. ``Plan N``)."""


DECORATION_WINDOW = 64
"""Every decoration is far shorter than this, so suffixes are looked for in the last 64 chars
only: a long run of decorations is then stripped in linear, not quadratic, time."""

_TITLE_SUFFIXES = (COMMENT_COUNT_SUFFIX_RE, ICON_TEXT_SUFFIX_RE)


def _strip_decorations(text: str) -> str:
    """Remove trailing decorations from clean text, never leaving it empty."""
    end = len(text)
    changed = True
    while changed:
        changed = False
        for pattern in _TITLE_SUFFIXES:
            start = max(0, end - DECORATION_WINDOW)
            match = pattern.search(text, start, end)
            # Clean text starts with a non-space, so anything before the window is non-empty.
            if match and (start > 0 or text[: match.start()].strip()):
                end = match.start()
                changed = True
    return text[:end]


def clean_title(text: str | None) -> str:
    """:func:`clean_text`, then drop trailing list decorations (comment counts, icon texts).

    Prefixes such as ``[공지]``/``[종합]`` are part of the title and stay; a decoration is only
    removed when something is left. Idempotent (stripping repeats until nothing changes).
    """
    current = clean_text(text)
    while True:
        stripped = clean_text(_strip_decorations(current))
        if stripped == current:
            return current
        current = stripped


# --------------------------------------------------------------------------------------------
# Authors
# --------------------------------------------------------------------------------------------

AUTHOR_LABEL_RE = re.compile(
    r"^(?:(?:작성자|글쓴이|글쓴\s이)(?:\s*[:：]\s*|\s+)"
    r"|(?:이름|닉네임|작성|name|writer|author|by)\s*[:：]\s*)",
    re.IGNORECASE,
)
"""A visible or sound_only label before the name. Words that could start a real nickname
(``이름``, ``by``...) only count as a label with a colon."""

AUTHOR_LABEL_ONLY_RE = re.compile(r"^(?:작성자|글쓴이|글쓴\s이)\s*[:：]?$")
"""A label with no name after it (an empty ``sv_member``)."""

GUEST_MARK_RE = re.compile(r"^[\[(]비회원[\])]\s*")
"""g4 sideview ``title="[비회원]Name"``."""

_MASKED_OCTET = r"[0-9♡*xX]{1,3}"
IP_GROUP_RE = re.compile(
    r"\s*(?:(?:아이피|IP)\s*[:：]?\s*)?[(（]\s*(?P<ip>"
    rf"{_MASKED_OCTET}(?:\s*\.\s*{_MASKED_OCTET}){{3}}"  # 123.♡.45.67 / 1.2.3.4 (admins)
    r"|(?=[^()（）]*\d)[0-9♡*xX.:]*♡[0-9♡*xX.:]*"  # any other G5_IP_DISPLAY mask
    r"|(?=[^)]*[0-9A-Fa-f])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"  # IPv6 is not masked
    r")\s*[)）]$"
)
"""The IP printed after a name: ``NAME&nbsp;(123.♡.45.67)``; g5 comments add a sound_only
``아이피`` label. Only at the end, so a ``(…)`` inside a nickname stays."""

BARE_MASKED_IP_RE = re.compile(rf"^{_MASKED_OCTET}(?:\.{_MASKED_OCTET}){{3}}$")
"""A masked IP on its own (e.g. a Nariya ``title="118.♡.41.7"``): never a name."""

SIDEVIEW_MENU_RE = re.compile(
    r"\s+(?:(?:쪽지\s?보내기|메일\s?보내기|홈페이지|자기소개|아이디로\s?검색|이름으로\s?검색"
    r"|전체\s?게시물|회원정보\s?변경|포인트\s?내역)\s*)+$"
)
"""The sideview pop-up menu words that leak into the text of a whole name cell (also the
``title="Nick 자기소개"`` / ``"Name 이름으로 검색"`` attributes)."""

COMMENT_HEADING_RE = re.compile(r"\s*님의\s*(?:댓글의\s*)?댓글$|\s+님$")
"""g5 comment headings ``{name}님의 댓글`` / ``{name}님의 댓글의 댓글``; a bare trailing ``님``
only when spaced off, since 하느님/선생님 are real nicknames."""

NO_NAME_RE = re.compile(r"^[-–—_.·…\s]*$")
"""Placeholders meaning "no author"."""


def parse_author(text: str | None) -> tuple[str | None, str | None]:
    """Read ``(display name, masked ip)`` from an author cell, label, title attribute or comment
    heading. Either part is ``None`` when absent."""
    current = clean_text(text)
    if len(current) > MAX_FIELD_CHARS:
        return None, None
    ip: str | None = None
    while True:
        previous = current
        if AUTHOR_LABEL_ONLY_RE.match(current):
            current = ""
        current = AUTHOR_LABEL_RE.sub("", current, count=1)
        current = GUEST_MARK_RE.sub("", current, count=1)
        match = IP_GROUP_RE.search(current)
        if match:
            if ip is None:
                ip = WHITESPACE_RE.sub("", match["ip"])
            current = current[: match.start()]
        current = SIDEVIEW_MENU_RE.sub("", current, count=1)
        current = COMMENT_HEADING_RE.sub("", current, count=1)
        current = clean_text(current)
        if current == previous:
            break
    if "♡" in current and BARE_MASKED_IP_RE.match(current):
        return None, ip or current
    name = None if NO_NAME_RE.match(current) else current
    return name, ip or None


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------

COUNT_LABEL_RE = re.compile(
    r"^(?:조회\s*수|조회|비추천\s*수|비추천|추천\s*수|추천|좋아요|싫어요|공감|댓글\s*수|댓글|코멘트"
    r"|다운로드|전체|total|hits?|views?|comments?|likes?)\s*[:：]?\s*",
    re.IGNORECASE,
)
"""Labels printed before a number (visible in g4, sound_only in g5). Digits everywhere below
are ASCII only (``re.ASCII``): full-width digits are folded by NFKC first, other scripts' digits
are not counts."""

COUNT_WRAPPER_RE = re.compile(r"^[\[(]\s*(.*?)\s*[\])]$|^\+\s*(.*)$")
"""Comment-count decorations: ``[3]``, ``(3)``, ``+3``, ``+ 3``."""

COUNT_UNIT_SUFFIX_RE = re.compile(r"\s*(?:회|건|개|번|명)?\s*(?:다운로드|연결|조회)?$")
"""Counter words after the number: ``56회``, ``3건``, ``5회 다운로드``, ``2회 연결``."""

PLAIN_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$", re.ASCII)
"""``1234`` or ``1,234`` (number_format; a malformed grouping such as ``1,23`` is rejected)."""

SI_NUMBER_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kKmM])$", re.ASCII)
"""``1.5k``, ``2K``, ``1.2M`` (themes that shorten large counts)."""

KOREAN_NUMBER_RE = re.compile(
    r"^(?=\d)(?:(?P<eok>\d+(?:\.\d+)?)\s*억\s*)?(?:(?P<man>\d+(?:\.\d+)?)\s*만\s*)?"
    r"(?:(?P<cheon>\d+(?:\.\d+)?)\s*천\s*)?(?P<rest>\d{1,3}(?:,\d{3})+|\d+)?$",
    re.ASCII,
)
"""``1.2만``, ``3만``, ``1만 2천``, ``1억 2,345만``: Korean myriad units."""

_SI_FACTORS = {"k": 1000, "m": 1_000_000}


def _decimal_units(*parts: tuple[str | None, int]) -> int | None:
    total = Decimal(0)
    for digits, factor in parts:
        if digits:
            total += Decimal(digits.replace(",", "")) * factor
    return int(total)


def _parse_number(text: str) -> int | None:
    if PLAIN_NUMBER_RE.match(text):
        return int(text.replace(",", ""))
    match = SI_NUMBER_RE.match(text)
    if match:
        return _decimal_units((match.group(1), _SI_FACTORS[match.group(2).lower()]))
    match = KOREAN_NUMBER_RE.match(text)
    if match and (match["eok"] or match["man"] or match["cheon"]):
        return _decimal_units(
            (match["eok"], 100_000_000),
            (match["man"], 10_000),
            (match["cheon"], 1_000),
            (match["rest"], 1),
        )
    return None


def parse_count(text: str | None) -> int | None:
    """Read a hit / vote / comment count; ``None`` for empty, ``-``, negative or unreadable."""
    if text.__class__ is str and text.isascii() and PLAIN_NUMBER_RE.fullmatch(text):
        # ``1192`` / ``1,192`` as most skins print them: nothing below would change such text
        # (no whitespace, entity, label, wrapper or unit), and NFKC leaves ASCII alone
        return int(text.replace(",", "")) if len(text) <= MAX_FIELD_CHARS else None
    return _parse_count_text(text)


def _parse_count_text(text: str | None) -> int | None:
    """:func:`parse_count` without its shortcut for plain numbers."""
    try:
        current = unicodedata.normalize("NFKC", clean_text(text))
        if len(current) > MAX_FIELD_CHARS:
            return None
        for _ in range(3):  # '조회수 : 56', '댓글 [3]'...
            current = COUNT_LABEL_RE.sub("", current, count=1)
        if match := COUNT_WRAPPER_RE.match(current):
            current = (match[1] if match[1] is not None else match[2]).strip()
        current = COUNT_UNIT_SUFFIX_RE.sub("", current, count=1)
        return _parse_number(current)
    except (ValueError, ArithmeticError):
        return None


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

CLOCK_SKEW = timedelta(minutes=5)
"""How far in the future an inferred list date may lie and still count as "not after the crawl
time": the board server's clock may run a little ahead of ours."""

DATE_LABEL_RE = re.compile(
    r"^(?:작성\s*일시|작성\s*일자|작성\s*일|등록\s*일시|등록\s*일자|등록\s*일|게시\s*일|날짜|일시"
    r"|datetime|date|posted)\s*[:：]?\s*",
    re.IGNORECASE,
)
"""Labels before the value: ``작성일 : …``, ``날짜 :``, ``DATE : …`` (g5 file list)."""

_DATE_FLAGS = re.IGNORECASE | re.ASCII
"""Dates: ASCII digits only (NFKC folds full-width ones first); ``T``/``Z``/``PM`` in any case."""

_WEEKDAY_NAME = r"(?:[월화수목금토일](?:요일)?|mon|tue|wed|thu|fri|sat|sun)"
_WEEKDAY = rf"(?:\s*\(\s*{_WEEKDAY_NAME}\s*\)|\s+{_WEEKDAY_NAME}(?=\s|$))"
_AMPM = r"(?:오전|오후|am|pm|a\.m\.|p\.m\.)"
_TIME = (
    rf"(?:(?P<ampm1>{_AMPM})\s*)?(?P<hour>\d{{1,2}})"
    r"(?:"
    r":(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"|\s*시(?:\s*(?P<kminute>\d{1,2})\s*분(?:\s*(?P<ksecond>\d{1,2})\s*초)?)?"
    r")"
    rf"(?:\s*(?P<ampm2>{_AMPM}))?"
)
_TZ = r"(?:\s*(?P<tz>z|[+-]\d{2}:?\d{2}|kst|utc|gmt))?"
_DATE_TIME_TAIL = rf"{_WEEKDAY}?(?:(?:\s*t\s*|\s+|\s*,\s*){_TIME}{_TZ})?"

NUMERIC_DATE_RE = re.compile(
    r"^(?P<year>\d{4}|\d{2})\s*(?P<sep>[-./])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})"
    rf"\.?{_DATE_TIME_TAIL}$",
    _DATE_FLAGS,
)
"""``23-09-05 14:10`` (g5 view), ``2023-09-05 14:10:33`` (raw), ``2023.09.05`` (Nariya),
``2023/09/05``, ISO ``2023-09-05T05:10:00Z``. A two-digit year is 20yy."""

YEARLESS_DATE_RE = re.compile(
    r"^(?P<month>\d{1,2})\s*(?P<sep>[-./])\s*(?P<day>\d{1,2})\.?"
    rf"{_DATE_TIME_TAIL}$",
    _DATE_FLAGS,
)
"""List dates without a year: ``09-05`` (core ``m-d``), ``9.5`` / ``09.05`` (Nariya ``m.d``)."""

KOREAN_DATE_RE = re.compile(
    r"^(?:(?P<year>\d{4}|\d{2})\s*년\s*)?(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일"
    rf"{_DATE_TIME_TAIL}$",
    _DATE_FLAGS,
)
"""``2023년 9월 5일 (화) 오후 2:10``; without the year it is a yearless date."""

TIME_ONLY_RE = re.compile(rf"^{_TIME}$", _DATE_FLAGS)
"""List time for today's posts: ``14:10`` (also ``오후 2:10``)."""

DAY_WORD_RE = re.compile(
    rf"^(?P<word>오늘|어제|엊그제|그제|그저께)(?:\s*,?\s*{_TIME})?$", _DATE_FLAGS
)
"""``어제 14:10``, ``그제``: a day relative to the crawl date, with an optional time."""

_DAY_WORD_OFFSETS = {"오늘": 0, "어제": 1, "그제": 2, "그저께": 2, "엊그제": 2}

JUST_NOW_RE = re.compile(r"^(?:방금\s*(?:전)?|지금)$")
"""``방금`` / ``방금 전``: the crawl time itself."""

RELATIVE_RE = re.compile(r"^(?P<parts>(?:\d{1,7}\s*(?:초|분|시간|일|주)\s*)+)전$", _DATE_FLAGS)
"""``30초 전``, ``3분전`` (Eyoom), ``1시간 30분 전``, ``3일 전``, ``2주 전``. Months and years are
not accepted: '3개월 전' is too coarse to be worth a date."""

RELATIVE_PART_RE = re.compile(r"(\d+)\s*(초|분|시간|일|주)", _DATE_FLAGS)

_RELATIVE_UNITS = {"초": "seconds", "분": "minutes", "시간": "hours", "일": "days", "주": "weeks"}

RFC2822_RE = re.compile(
    r"^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?P<seconds>:\d{2})?"
    r"(?:\s*(?:[+-]\d{4}|[a-z]{1,5}))?$",
    _DATE_FLAGS,
)
"""RSS ``pubDate``: ``Tue, 05 Sep 2023 14:10:00 +0900``."""

MIN_YEAR, MAX_YEAR = 1970, 2100
"""Years outside this range are junk (``0000-00-00``), not dates."""


def _kst_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(KST)
    return now.replace(tzinfo=KST) if now.tzinfo is None else now.astimezone(KST)


def _year(digits: str) -> int:
    year = int(digits)
    return 2000 + year if len(digits) == 2 else year


def _time_from_match(match: re.Match[str]) -> tuple[time, DatePrecision] | None:
    """The clock time of a match made with ``_TIME``; ``None`` if out of range."""
    hour = int(match["hour"])
    minute_text = match["minute"] or match["kminute"]
    second_text = match["second"] or match["ksecond"]
    ampm = (match["ampm1"] or match["ampm2"] or "").lower()
    if ampm:
        if hour > 12:
            return None
        if ampm in ("오후", "pm", "p.m.") and hour != 12:
            hour += 12
        elif ampm in ("오전", "am", "a.m.") and hour == 12:
            hour = 0
    minute = int(minute_text) if minute_text else 0
    second = int(second_text) if second_text else 0
    fraction = match["fraction"]
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        return None
    if second_text:
        precision = DatePrecision.SECOND
    elif minute_text:
        precision = DatePrecision.MINUTE
    else:  # '14시': no minute printed, so only the day is certain
        precision = DatePrecision.DAY
    return time(hour, minute, second, microsecond), precision


def _tz_offset(tz_text: str | None) -> timezone | ZoneInfo:
    if not tz_text:
        return KST
    tz_text = tz_text.upper()
    if tz_text in ("Z", "UTC", "GMT"):
        return UTC
    if tz_text == "KST":
        return KST
    sign = -1 if tz_text[0] == "-" else 1
    digits = tz_text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _absolute(match: re.Match[str], year: int) -> BoardDateTime | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    day = date(year, int(match["month"]), int(match["day"]))
    if match["hour"] is None:
        return BoardDateTime(datetime.combine(day, time(), KST), DatePrecision.DAY)
    parsed = _time_from_match(match)
    if parsed is None:
        return None
    clock, precision = parsed
    value = datetime.combine(day, clock, _tz_offset(match["tz"]))
    return BoardDateTime(value.astimezone(KST), precision)


def _clock_or_midnight(match: re.Match[str]) -> time | None:
    """The matched time of day, midnight when none was printed, None when it is impossible."""
    if match["hour"] is None:
        return time()
    parsed = _time_from_match(match)
    return parsed[0] if parsed else None


def _yearless(match: re.Match[str], now: datetime) -> BoardDateTime | None:
    """The most recent month-day (and time) that is not after the crawl time."""
    month, day = int(match["month"]), int(match["day"])
    clock = _clock_or_midnight(match)
    if clock is None:
        return None
    latest = now + CLOCK_SKEW
    for year in range(now.year + 1, now.year - 9, -1):  # 02-29 may need up to 8 years back
        try:
            candidate = datetime.combine(date(year, month, day), clock, KST)
        except ValueError:
            continue
        if candidate <= latest:
            return BoardDateTime(candidate, DatePrecision.YEARLESS)
    return None


def _time_only(match: re.Match[str], now: datetime) -> BoardDateTime | None:
    """Today at that time, or yesterday if that is still in the future."""
    parsed = _time_from_match(match)
    if parsed is None:
        return None
    candidate = datetime.combine(now.date(), parsed[0], KST)
    if candidate > now + CLOCK_SKEW:
        candidate = datetime.combine(now.date() - timedelta(days=1), parsed[0], KST)
    return BoardDateTime(candidate, DatePrecision.TIME_ONLY)


def _day_word(match: re.Match[str], now: datetime) -> BoardDateTime | None:
    day = now.date() - timedelta(days=_DAY_WORD_OFFSETS[match["word"]])
    clock = _clock_or_midnight(match)
    if clock is None:
        return None
    return BoardDateTime(datetime.combine(day, clock, KST), DatePrecision.RELATIVE)


def _relative(match: re.Match[str], now: datetime) -> BoardDateTime:
    delta = timedelta()
    for amount, unit in RELATIVE_PART_RE.findall(match["parts"]):
        delta += timedelta(**{_RELATIVE_UNITS[unit]: int(amount)})
    return BoardDateTime(now.replace(microsecond=0) - delta, DatePrecision.RELATIVE)


def _rfc2822(text: str, seconds: bool) -> BoardDateTime | None:
    value = parsedate_to_datetime(text)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    precision = DatePrecision.SECOND if seconds else DatePrecision.MINUTE
    return BoardDateTime(value, precision)  # naive ('-0000') is taken as KST


def _parse_datetime(text: str, now: datetime) -> BoardDateTime | None:
    if match := NUMERIC_DATE_RE.match(text):
        return _absolute(match, _year(match["year"]))
    if match := KOREAN_DATE_RE.match(text):
        if match["year"]:
            return _absolute(match, _year(match["year"]))
        return _yearless(match, now)
    if match := YEARLESS_DATE_RE.match(text):
        return _yearless(match, now)
    if match := TIME_ONLY_RE.match(text):
        return _time_only(match, now)
    if match := DAY_WORD_RE.match(text):
        return _day_word(match, now)
    if JUST_NOW_RE.match(text):
        return BoardDateTime(now.replace(microsecond=0), DatePrecision.RELATIVE)
    if match := RELATIVE_RE.match(text):
        return _relative(match, now)
    if match := RFC2822_RE.match(text):
        return _rfc2822(text, bool(match["seconds"]))
    return None


#: ``(text, now, reading)`` of the last :func:`parse_board_datetime` call. Equal aware datetimes
#: are the same instant, which is all ``_kst_now`` keeps of ``now``; a naive one never equals an
#: aware one.
_last_date_reading: tuple[str, datetime, BoardDateTime | None] | None = None


def parse_board_datetime(text: str | None, now: datetime) -> BoardDateTime | None:
    """Read a board date/time as KST, inferring what the page left out from ``now``.

    ``now`` is the crawl time: any aware datetime (converted to KST); a naive one is taken as KST.
    Returns ``None`` for empty, placeholder (``-``, ``0000-00-00 00:00:00``), impossible
    (``2023-13-45``, ``02-30``) or unreadable text.
    """
    global _last_date_reading
    if text.__class__ is not str or now is None:
        return _parse_board_datetime(text, now)
    # A view page prints its date two or three times in a row (the header, ``<time>``, the info
    # label) and a crawl has one ``now``: the last reading, a frozen value, is given again for
    # the same text and crawl time. Only the last: a benchmark reading the same pages over and
    # over must not find every date of the round before.
    last = _last_date_reading
    if last is not None and last[0] == text and last[1] == now:
        return last[2]
    parsed = _plain_reading(text, now)
    if parsed is _NOT_PLAIN:
        parsed = _parse_board_datetime(text, now)
    _last_date_reading = (text, now, parsed)
    return parsed


#: The dates gnuboard5 prints most: ``26-03-10 08:45`` (view header, comments) and
#: ``2026-03-10T10:03:00+09:00`` (``<time datetime>``), ``2026-03-10``, ``2026-03-10 08:45:12``.
#: ASCII digits, ``-``, ``:`` and one separator: nothing the cleaning, NFKC or the label step
#: would change, and text ``NUMERIC_DATE_RE`` reads with these groups.
PLAIN_DATE_RE = re.compile(
    r"(\d{4}|\d\d)-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?(\+09:00)?)?", re.ASCII
)
_PLUS_NINE = timezone(timedelta(hours=9))
#: A list row's ``03-10`` (``m-d``) and today's ``14:10``: the patterns the full reading
#: would reach after three (two) others failed, without the cleaning, NFKC and label steps.
PLAIN_LIST_DATE_RE = re.compile(r"(\d\d-\d\d)|\d\d:\d\d", re.ASCII)
_NOT_PLAIN: Any = object()


def _plain_reading(text: str, now: datetime) -> BoardDateTime | None:
    """:func:`_parse_board_datetime` of gnuboard5's plain view, comment and list dates under a
    KST crawl time (``now`` as ``_kst_now`` leaves it); ``_NOT_PLAIN`` for any other."""
    if now.__class__ is not datetime or now.tzinfo is not KST:
        return _NOT_PLAIN
    if (match := PLAIN_DATE_RE.fullmatch(text)) is not None:
        return _plain_date(match)
    if (match := PLAIN_LIST_DATE_RE.fullmatch(text)) is None:
        return _NOT_PLAIN
    try:
        if match[1] is not None:
            return _yearless(YEARLESS_DATE_RE.match(text), now)  # type: ignore[arg-type]
        return _time_only(TIME_ONLY_RE.match(text), now)  # type: ignore[arg-type]
    except (ValueError, OverflowError, ArithmeticError, TypeError, IndexError):
        return None


def _plain_date(match: re.Match[str]) -> BoardDateTime | None:
    """:func:`_parse_board_datetime` of a :data:`PLAIN_DATE_RE` text under a KST crawl time
    (which an absolute date does not use): ``_absolute`` without the cleaning, NFKC and label
    steps, the general pattern's 15 groups and the zone look-up. A comment prints two such
    dates and a view page three: the full reading was ≈ 45k instructions each."""
    year_text, month, day, hour, minute, second, zone = match.groups()
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        if hour is None:
            return BoardDateTime(
                datetime(year, int(month), int(day), tzinfo=KST), DatePrecision.DAY
            )
        clock = int(hour), int(minute), int(second) if second else 0
        if clock[0] > 23 or clock[1] > 59 or clock[2] > 59:
            return None
        if zone is None:
            value = datetime(year, int(month), int(day), *clock, tzinfo=KST)
        else:  # the same instant in Seoul's zone (+10:00 in the summers of 1987 and 1988)
            value = datetime(year, int(month), int(day), *clock, tzinfo=_PLUS_NINE).astimezone(KST)
    except (ValueError, OverflowError):
        return None
    return BoardDateTime(value, DatePrecision.SECOND if second else DatePrecision.MINUTE)


def _parse_board_datetime(text: str | None, now: datetime | None) -> BoardDateTime | None:
    """:func:`parse_board_datetime`, read every time."""
    try:
        current = unicodedata.normalize("NFKC", clean_text(text))
        if len(current) > MAX_FIELD_CHARS:
            return None
        for _ in range(2):
            current = DATE_LABEL_RE.sub("", current, count=1)
        return _parse_datetime(current, _kst_now(now))
    except (ValueError, OverflowError, ArithmeticError, TypeError, IndexError):
        return None
