"""Text out of HTML the way a reader sees it: one line per block, no scripts, no menus."""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote tr table tbody thead tfoot "
    "section article header footer pre figure figcaption hr address center form fieldset".split()
)
#: Table cells: not blocks (a row's cells share one line), but words of two cells never merge.
CELL_TAGS = frozenset({"td", "th"})
#: Subtrees that never hold post text: code, hidden sideview menus, screen-reader-only labels.
SKIP_TAGS = frozenset("script style noscript template textarea select button iframe".split())
#: The sideview pop-up menu ("쪽지보내기 메일보내기 자기소개 …") printed inside author cells: g5
#: ``span.sv``, Eyoom ``ul.sv.dropdown-menu``. Not ``sv_wrap``: that wraps the name itself.
MENU_CLASSES = frozenset(["sv"])
#: Also screen-reader labels ("댓글", "새글", "개") that decorate list titles.
MENU_AND_LABEL_CLASSES = MENU_CLASSES | {"sound_only"}
#: What decorates a subject inside its link: labels, comment-count badges (g5 ``cnt_cmt`` /
#: mobile ``bo_cmt``, Eyoom ``bl-comment``, Nariya ``count``) and the g5 ``N`` new-post icon.
TITLE_DECORATION_CLASSES = MENU_AND_LABEL_CLASSES | {
    "cnt_cmt",
    "bo_cmt",
    "new_icon",
    "bl-comment",
    "count",
}
#: The walks' events: elements start and end; a comment or processing instruction is one event
#: of its own (``iterwalk`` gives them only when asked), whose tail is text of its parent.
WALK_EVENTS = ("start", "end", "comment", "pi")
NODE_EVENTS = frozenset({"comment", "pi"})
#: Source line breaks inside a text node are spaces to a reader (outside ``<pre>``).
_NEWLINES_RE = re.compile(r"[\r\n]+")


def _skipped(el: etree._Element, skip_classes: frozenset[str]) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments, processing instructions
    if tag.lower() in SKIP_TAGS:
        return True
    classes = el.get("class")
    return bool(classes) and not skip_classes.isdisjoint(classes.split())


def _root(selector: Selector | etree._Element | None) -> etree._Element | str | None:
    if selector is None:
        return None
    if isinstance(selector, Selector):
        return selector.root
    if isinstance(selector, etree._Element):
        return selector
    try:  # a SelectorList: its first element
        return selector[0].root if len(selector) else None  # type: ignore[index,arg-type]
    except (TypeError, AttributeError, IndexError):
        return None


def attr(selector: Selector | None, name: str) -> str:
    """One attribute of an element, ``""`` when absent. Reads the lxml element directly: parsel's
    ``.attrib`` copies every attribute and raises on a broken name such as ``{{x}}``."""
    root = _root(selector)
    if not isinstance(root, etree._Element):
        return ""
    try:
        return root.get(name) or ""
    except (KeyError, ValueError, TypeError):
        return ""


def block_text(
    selector: Selector | etree._Element | None,
    skip_classes: frozenset[str] = MENU_CLASSES,
    stop_at: etree._Element | None = None,
) -> str:
    """Return the text of an element with a line break around every block and at every <br>.

    Newlines in the HTML source are spaces (a reader never sees them), except inside ``<pre>``.
    ``stop_at``: stop when this descendant starts (the text *before* it, e.g. a post's header).
    Walks iteratively (no recursion), so pages with thousands of nested tags cannot overflow the
    stack. Whitespace inside lines is left for the normalizers to clean.
    """
    root = _root(selector)
    if root is None:
        return ""
    if not isinstance(root, etree._Element):
        return str(root or "")
    chunks: list[str] = []
    append = chunks.append
    newlines_sub = _NEWLINES_RE.sub
    pre_depth = 0
    # The per-element steps are written out in the loop (no helper calls): this walk reads every
    # element of a post body, and the calls were half its cost.
    walker = etree.iterwalk(root, events=WALK_EVENTS)
    skipping: etree._Element | None = None
    for event, el in walker:
        if skipping is not None:
            # a skipped subtree (never the root): only the text after it counts, at its end
            if event != "end" or el is not skipping:
                continue
            skipping = None
            text = el.tail
        elif event in NODE_EVENTS:
            # a comment or processing instruction: no text of its own, but the text after it
            # (its tail) is its parent's (<p><!--StartFragment-->본문</p>)
            if el is stop_at:
                break
            text = el.tail
        else:
            tag = el.tag
            # None: an entity reference (its tag is a function)
            tag = tag.lower() if isinstance(tag, str) else None
            if event == "start":
                if el is stop_at:
                    break
                if el is not root:
                    if tag is None or tag in SKIP_TAGS:
                        skipping = el
                        walker.skip_subtree()
                        continue
                    classes = el.get("class")
                    if classes and not skip_classes.isdisjoint(classes.split()):
                        skipping = el
                        walker.skip_subtree()
                        continue
                if tag == "pre":
                    pre_depth += 1
                if tag == "br" or tag in BLOCK_TAGS:
                    append("\n")
                text = el.text
            else:
                if tag == "pre":
                    pre_depth -= 1
                if tag in BLOCK_TAGS:
                    append("\n")
                elif tag in CELL_TAGS:
                    append(" ")  # cells of a row share a line, but never run together
                if el is root:
                    continue
                text = el.tail
        if text:
            if pre_depth or ("\n" not in text and "\r" not in text):
                append(text)
            else:
                append(newlines_sub(" ", text))
    return "".join(chunks)


#: Where :func:`block_text` puts a line break (or a cell's space) before an element's text.
_BREAK_BEFORE = BLOCK_TAGS | {"br"}
#: ...and after its subtree.
_BREAK_AFTER = BLOCK_TAGS | CELL_TAGS


def inline_text(
    selector: Selector | None,
    skip_classes: frozenset[str] = MENU_CLASSES,
    stop_at: etree._Element | None = None,
) -> str:
    """All text of an element on one line (whitespace collapsed), without scripts or menus:
    ``" ".join(block_text(selector, skip_classes, stop_at).split())``.

    Walked here without what collapsing makes moot: a line break and a space are the same
    separator once the text is split, so ``<pre>`` and the source line breaks in text need no
    care (the regex per text node was most of :func:`block_text`'s cost on a post header).
    """
    root = _root(selector)
    if not isinstance(root, etree._Element):
        return " ".join(block_text(selector, skip_classes).split())
    if stop_at is root:
        return ""
    if not len(root):
        # A leaf (most names, dates and counts): its own text is all there is; the element
        # itself is never skipped, and the line breaks around a block collapse away anyway.
        return " ".join((root.text or "").split())
    chunks: list[str] = []
    append = chunks.append
    # the open elements' tags: an end event takes its tag from here, not from lxml (reading
    # ``.tag`` makes a new string each time: a third of this walk)
    open_tags: list[str | None] = []
    push, pop = open_tags.append, open_tags.pop
    walker = etree.iterwalk(root, events=WALK_EVENTS)
    skipping: etree._Element | None = None
    for event, el in walker:
        if skipping is not None:
            if event != "end" or el is not skipping:
                continue
            skipping = None
            text = el.tail
        elif event in NODE_EVENTS:
            # a comment or processing instruction: only the text after it (as in block_text)
            if el is stop_at:
                break
            text = el.tail
        elif event == "start":
            tag = el.tag
            # None: an entity reference (its tag is a function)
            tag = tag.lower() if isinstance(tag, str) else None
            if el is not root:
                if el is stop_at:
                    break
                if tag is None or tag in SKIP_TAGS:
                    skipping = el
                    walker.skip_subtree()
                    continue
                classes = el.get("class")
                if classes and not skip_classes.isdisjoint(classes.split()):
                    skipping = el
                    walker.skip_subtree()
                    continue
            push(tag)
            if tag in _BREAK_BEFORE:
                append(" ")
            text = el.text
        else:
            if pop() in _BREAK_AFTER:
                append(" ")
            if el is root:
                continue
            text = el.tail
        if text:
            append(text)
    return " ".join("".join(chunks).split())
