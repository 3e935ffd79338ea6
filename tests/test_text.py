"""The text walks (``block_text``, ``inline_text``) keep the text that follows a comment or a
processing instruction: a body pasted from a word processor wraps its text in
``<!--StartFragment-->`` … ``<!--EndFragment-->``, and that text is the post."""

from __future__ import annotations

import pytest
from lxml import etree

from newsbot.skins.text import MENU_CLASSES, block_text, inline_text


def _element(html: str) -> etree._Element:
    root = etree.fromstring(f"<html><body><div>{html}</div></body></html>", etree.HTMLParser())
    return root.find("body/div")


@pytest.mark.parametrize(
    ("html", "block", "inline"),
    [
        # pasted from HWP or Word: the whole paragraph is a comment's tail
        (
            "<p><!--StartFragment-->기사 본문<!--EndFragment--></p>",
            "\n\n기사 본문\n\n",
            "기사 본문",
        ),
        # a comment between words joins them, as the browser shows them
        ("<p>앞<!-- 주석 -->뒤</p>", "\n\n앞뒤\n\n", "앞뒤"),
        # a source line break after a comment is a space, as any other
        ("<p>앞<!-- 주석 -->\n뒤</p>", "\n\n앞 뒤\n\n", "앞 뒤"),
        # inside <pre> it stays a line break
        ("<pre>a<!-- c -->\nb</pre>", "\n\na\nb\n\n", "a b"),
        # a processing instruction (PHP left in a template) likewise
        ("<p>x<?php echo 1; ?>y</p>", "\n\nxy\n\n", "xy"),
        # a comment as the element's first child: its text is the comment's tail
        (
            "<!-- 게시물 시작 -->본문 <b>굵게</b><!-- 끝 -->꼬리",
            "\n본문 굵게꼬리\n",
            "본문 굵게꼬리",
        ),
        # a comment inside a skipped menu stays skipped with it
        ('<p>이름<span class="sv">메뉴<!--c-->숨김</span>다음</p>', "\n\n이름다음\n\n", "이름다음"),
    ],
)
def test_text_after_a_comment_is_kept(html: str, block: str, inline: str) -> None:
    element = _element(html)
    assert block_text(element, MENU_CLASSES) == block
    assert inline_text(element, MENU_CLASSES) == inline
    assert inline == " ".join(block.split())


def test_a_walk_stops_at_a_comment_it_is_told_to_stop_at() -> None:
    element = _element("<p>머리<!-- 본문 -->본문</p>")
    comment = next(node for node in element.iter() if node.tag is etree.Comment)
    assert block_text(element, stop_at=comment) == "\n\n머리"
    assert inline_text(element, stop_at=comment) == "머리"
