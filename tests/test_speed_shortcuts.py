"""The shortcuts of issue 17 give exactly what the plain code gives.

``clean_text``: the plain loop is ``_clean_once`` until nothing changes; the shortcuts return text
that needs no cleaning as is, and give text without ``&`` one pass. ``parse_caption``: a pattern
is skipped when the line lacks a character it cannot match without.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbot import news
from newsbot.normalize import NEEDS_CLEANING_RE, _clean_once, clean_text


def clean_text_by_loop(text: str) -> str:
    current = text
    while True:
        cleaned = _clean_once(current)
        if cleaned == current:
            return cleaned
        current = cleaned


#: The characters the cleaning cares about, mixed with ordinary text.
TRICKY = st.sampled_from(
    [
        *" \t\n\r\x0b\x0c\xa0\u3000\u3164\uffa0\u200b\u200c\u200d\u202e\ufeff\x00\x85\xad&;#",
        *["&amp;", "&amp;amp;", "&#38;", "&lt;", "&nbsp;", "👨", "👩", "가", "a", "1"],
    ]
)
TEXTS = st.one_of(st.text(), st.lists(TRICKY, max_size=30).map("".join))


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_clean_text_equals_the_loop(text):
    assert clean_text(text) == clean_text_by_loop(text)


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_text_the_check_calls_clean_is_left_alone_by_a_pass(text):
    if NEEDS_CLEANING_RE.search(text) is None:
        assert _clean_once(text) == text


NEWS_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
CAPTION_BITS = st.sampled_from(
    [
        "/",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "ⓒ",
        "©",
        "=",
        "사진",
        "제공",
        "기자",
        "뉴스1",
        "연합뉴스",
        "DB",
        "재판매 및 DB 금지",
        ". ",
        "다.",
        " ",
        "홍길동",
        "2023.9.5",
        "a@b.kr",
        "자료사진",
    ]
)


def _caption_without_shortcut(line: str, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patched:
        patched.setattr(news, "CAPTION_NEEDS", {})
        return news.parse_caption(line)


def test_caption_shortcut_on_every_news_fixture_line(monkeypatch):
    lines = [
        line.strip()
        for path in sorted(NEWS_FIXTURES.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 100
    for line in lines:
        assert news.parse_caption(line) == _caption_without_shortcut(line, monkeypatch), line


@settings(max_examples=1500, deadline=None)
@given(st.lists(CAPTION_BITS, max_size=14).map("".join))
def test_caption_shortcut_on_caption_like_text(text):
    with pytest.MonkeyPatch.context() as patched:
        fast = news.parse_caption(text)
        patched.setattr(news, "CAPTION_NEEDS", {})
        assert fast == news.parse_caption(text)
