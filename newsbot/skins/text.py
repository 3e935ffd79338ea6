"""Text out of HTML the way a reader sees it: one line per block, no scripts, no menus."""

from __future__ import annotations

from lxml import etree
from parsel import Selector

BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote tr table tbody thead tfoot "
    "section article header footer pre figure figcaption hr address center form fieldset".split()
)
#: Subtrees that never hold post text: code, hidden sideview menus, screen-reader-only labels.
SKIP_TAGS = frozenset("script style noscript template textarea select button iframe".split())
#: The sideview pop-up menu ("쪽지보내기 메일보내기 자기소개 …") printed inside author cells.
MENU_CLASSES = frozenset(["sv", "sv_wrap"])
#: Also screen-reader labels ("댓글", "새글", "개") that decorate list titles.
MENU_AND_LABEL_CLASSES = MENU_CLASSES | {"sound_only"}


def _skipped(el: etree._Element, skip_classes: frozenset[str]) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments, processing instructions
    if tag.lower() in SKIP_TAGS:
        return True
    classes = el.get("class")
    return bool(classes) and not skip_classes.isdisjoint(classes.split())


def block_text(
    selector: Selector | etree._Element | None, skip_classes: frozenset[str] = MENU_CLASSES
) -> str:
    """Return the text of an element with a line break around every block and at every <br>.

    Walks iteratively (no recursion), so pages with thousands of nested tags cannot overflow the
    stack. Whitespace inside lines is left for the normalizers to clean.
    """
    if selector is None:
        return ""
    root = selector.root if isinstance(selector, Selector) else selector
    if not isinstance(root, etree._Element):
        return str(root or "")
    chunks: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    skipping: etree._Element | None = None
    for event, el in walker:
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                if el is not root and el.tail:
                    chunks.append(el.tail)
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if el is not root and _skipped(el, skip_classes):
                skipping = el
                walker.skip_subtree()
                continue
            if tag == "br" or tag in BLOCK_TAGS:
                chunks.append("\n")
            if el.text:
                chunks.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                chunks.append("\n")
            if el is not root and el.tail:
                chunks.append(el.tail)
    return "".join(chunks)


def inline_text(selector: Selector | None, skip_classes: frozenset[str] = MENU_CLASSES) -> str:
    """All text of an element on one line (whitespace collapsed), without scripts or menus."""
    return " ".join(block_text(selector, skip_classes).split())
