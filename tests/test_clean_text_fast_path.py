"""``clean_text``'s shortcuts (issue 17) give exactly what the plain loop gives.

The loop: ``_clean_once`` until nothing changes. The shortcuts: text that needs no cleaning is
returned as is, and text without ``&`` gets one pass.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
