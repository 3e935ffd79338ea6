"""The text walks (``block_text``, ``inline_text``) keep the text that follows a comment or a
processing instruction: a body pasted from a word processor wraps its text in
``<!--StartFragment-->`` … ``<!--EndFragment-->``, and that text is the post."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsbot.skins.text import (
    BLOCK_TAGS,
    CELL_TAGS,
    MENU_AND_LABEL_CLASSES,
    MENU_CLASSES,
    SKIP_TAGS,
    TITLE_DECORATION_CLASSES,
    block_text,
    inline_text,
)
from tests.extraction_snapshot import fixture_pages


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


# -- block_text against a plain recursive reading of what it promises ---------------------------


class _Stop(Exception):
    pass


def reference_block_text(root, skip_classes=MENU_CLASSES, stop_at=None) -> str:
    """``block_text`` as its docstring says it, written the plain way (recursion over every
    node, comments and processing instructions included): a line break around every block and
    at every ``<br>``, a space after a cell, source line breaks as spaces outside ``<pre>``,
    scripts, menus and other skipped subtrees left out but the text after them kept, and the
    walk ended where ``stop_at`` starts."""
    out: list[str] = []
    pre = [0]

    def add(text):
        if text:
            keep = pre[0] or ("\n" not in text and "\r" not in text)
            out.append(text if keep else re.sub(r"[\r\n]+", " ", text))

    def visit(node, is_root):
        if node is stop_at:
            raise _Stop
        if not isinstance(node.tag, str):  # a comment or processing instruction
            add(node.tail)
            return
        tag = node.tag.lower()
        classes = node.get("class")
        skipped = tag in SKIP_TAGS or bool(classes and not skip_classes.isdisjoint(classes.split()))
        if skipped and not is_root:
            add(node.tail)
            return
        if tag == "pre":
            pre[0] += 1
        if tag == "br" or tag in BLOCK_TAGS:
            out.append("\n")
        add(node.text)
        for child in node:
            visit(child, False)
        if tag == "pre":
            pre[0] -= 1
        if tag in BLOCK_TAGS:
            out.append("\n")
        elif tag in CELL_TAGS:
            out.append(" ")
        if not is_root:
            add(node.tail)

    with contextlib.suppress(_Stop):
        visit(root, True)
    return "".join(out)


def test_block_text_reads_every_fixture_element_as_the_plain_reading():
    """Every element of every fixture page, each skip set the readers pass, whole and stopped at
    a node inside it: the walk gives what the plain recursion gives (the recursion is what
    would have kept the text after a comment all along)."""
    skips = (MENU_CLASSES, MENU_AND_LABEL_CLASSES, TITLE_DECORATION_CLASSES)
    compared = 0
    for path in fixture_pages():
        document = etree.fromstring(path.read_bytes(), etree.HTMLParser())
        if document is None:
            continue
        for index, element in enumerate(document.iter(etree.Element)):
            skip = skips[index % len(skips)]
            inside = list(element.iter())
            stop = inside[len(inside) // 2] if len(inside) > 2 else None
            for stop_at in (None, stop):
                got = block_text(element, skip, stop_at)
                assert got == reference_block_text(element, skip, stop_at), (path, element.tag)
                compared += 1
    assert compared > 50_000


#: Pieces of bodies: blocks, cells, line breaks, <pre>, comments, processing instructions,
#: skipped subtrees (a script, a sideview menu) and text with source line breaks.
HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<td>",
        "</td>",
        "<br>",
        "<pre>",
        "</pre>",
        "<span>",
        "</span>",
        "<b>",
        "</b>",
        "<!-- c -->",
        "<!--StartFragment-->",
        "<?x y?>",
        "<script>var a;</script>",
        '<span class="sv">메뉴<a>쪽지</a></span>',
        "텍스트",
        "a",
        " ",
        "\n",
        "\r\n",
        "둘\n째",
        "&nbsp;",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(HTML_PIECES, max_size=30).map("".join))
def test_block_text_on_made_up_bodies_is_the_plain_reading(html):
    element = _element(html)
    assert block_text(element, MENU_CLASSES) == reference_block_text(element, MENU_CLASSES)
    assert inline_text(element, MENU_CLASSES) == " ".join(
        reference_block_text(element, MENU_CLASSES).split()
    )
