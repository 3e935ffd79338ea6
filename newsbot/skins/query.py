"""CSS queries that stay fast on a whole page, and on the parts of it the skins look into.

Three costs dominate a naive ``selector.css(query)`` on a 20–30 KB gnuboard page:

- cssselect turns ``#bo_v`` into ``descendant-or-self::*[@id = 'bo_v']``, a walk over every
  element in scope (about 100 µs on a whole page, still 50–300 µs inside ``#bo_v``). XPath
  ``id('bo_v')`` answers from libxml2's id table in a few µs, from any context node; inside a
  scope, a predicate keeps only an element that lies in that scope (``$scope``).
- parsel resolves namespaces and looks its compiled XPath up on every call; here each CSS query
  is translated and compiled once (``etree.XPath``) and run straight on the lxml element.
  Compiled without EXSLT's ``re:`` functions, which lxml registers in Python on every call.
- Scrapy's ``Selector`` subclass costs ≈ 7 µs per result it wraps (parsel's own ≈ 0.5 µs): the
  results here are plain ``parsel.Selector`` objects, which behave the same for extraction.
- A class query walks its whole scope even when the page has no element of that class (skin
  probes for other themes, optional cells in every list row): the page's class attributes are
  read once, and a query needing a class name found in none of them answers empty at once.
- libxml2 evaluates a predicate on every element a step visits (``//*[@class and …]``: a new
  context and node-set objects per element, ≈ 4× the bare walk), but walks the attribute axis
  cheaply: a step whose only predicate tests one attribute is asked as that attribute's own
  step, ``*[@class and contains(@class, 'x') and …]`` as ``*/@class[contains(., 'x') and …]/..``,
  ``div[@id = 'x']`` as ``div/@id[. = 'x']/..`` (the same elements, in document order).
- A query of the shape ``tag[attribute*='text']`` (files, links, other skins' probes) is
  answered by lxml's walk of that tag, which costs about half of libxml2's XPath step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import cssselect
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import css2xpath

ID_STEP_RE = re.compile(r"^descendant-or-self::\*\[@id = '([^']+)'\]")
#: The id element must lie inside the element the query runs on (``$scope``).
IN_SCOPE = "[count(ancestor-or-self::* | $scope) = count(ancestor-or-self::*)]"


_LITERAL = r"""(?:'[^']*'|"[^"]*")"""
#: A step's one predicate testing one attribute, as cssselect writes ``.x`` (``[@class and
#: contains(@class, 'x') and contains(concat(' ', normalize-space(@class), ' '), ' x ')]``),
#: ``[a*=x]`` and ``[a^=x]``; the step's node test before it, and after it the end of the path,
#: of a union part or of a function argument (never another predicate, which could count
#: positions).
ATTRIBUTE_PREDICATE_RE = re.compile(
    r"(?<=[\w*])\[@(?P<name>[\w-]+) and (?P<tests>"
    rf"(?:contains|starts-with)\(@(?P=name), {_LITERAL}\)"
    r"(?: and contains\(concat\(' ', normalize-space\(@(?P=name)\), ' '\), "
    rf"{_LITERAL}\))?"
    r")\](?=[/ )]|$)"
)
#: A step's one predicate testing one attribute's value, as cssselect writes a step's ``#x``
#: (``div[@id = 'x']``, when it is not the leading step that :data:`ID_STEP_RE` turns into
#: ``id()``) and ``[a=x]``; the same context as :data:`ATTRIBUTE_PREDICATE_RE`.
ATTRIBUTE_EQUALS_RE = re.compile(
    rf"(?<=[\w*])\[@(?P<name>[\w-]+) = (?P<value>{_LITERAL})\](?=[/ )]|$)"
)


def _attribute_step(match: re.Match[str]) -> str:
    name = match.group("name")
    tests = match.group("tests").replace(f"@{name}", ".")
    return f"/@{name}[{tests}]/.."


def attribute_steps(xpath: str) -> str:
    """``xpath`` with each one-attribute predicate asked on the attribute axis (same result)."""
    xpath = ATTRIBUTE_PREDICATE_RE.sub(_attribute_step, xpath)
    return ATTRIBUTE_EQUALS_RE.sub(r"/@\g<name>[. = \g<value>]/..", xpath)


@lru_cache(maxsize=1024)
def root_xpath(css: str) -> str:
    """The XPath for ``css`` run on the document root, with leading ``#id`` steps as ``id()``."""
    parts = css2xpath(css).split(" | ")
    return " | ".join(attribute_steps(ID_STEP_RE.sub(r"id('\1')", part)) for part in parts)


@lru_cache(maxsize=1024)
def scoped_xpath(css: str) -> str:
    """The XPath for ``css`` run on an element: leading ``#id`` steps as ``id()`` in ``$scope``."""
    parts = css2xpath(css).split(" | ")
    return " | ".join(
        attribute_steps(ID_STEP_RE.sub(rf"id('\1'){IN_SCOPE}", part)) for part in parts
    )


@lru_cache(maxsize=2048)
def _compiled(xpath: str) -> etree.XPath:
    return compile_xpath(xpath)


def compile_xpath(xpath: str, namespaces: dict[str, str] | None = None) -> etree.XPath:
    """``etree.XPath`` as the readers need it: plain strings back (no smart strings), and
    without EXSLT's regular expressions (``re:``), which lxml implements in Python and
    registers in the XPath context on every call: ≈ 2.8k instructions of a call's ≈ 8.5k
    (an ``id('x')`` lookup on a bench view page). EXSLT's ``str:``, ``set:`` and ``math:``
    are libexslt's own and stay."""
    return etree.XPath(xpath, namespaces=namespaces, smart_strings=False, regexp=False)


#: Every class attribute below an element, joined: a class name in none of them matches
#: nothing. EXSLT's ``str:concat`` joins them inside libxml2 (one Python string, not one per
#: attribute); with no separator, a name may seem present across two values, which only costs
#: its query. ``descendant::*`` visits elements only (``//@class`` is every node's, text and
#: comments included: ≈ 70k instructions more on a bench view page).
CLASS_VALUES = compile_xpath(
    "str:concat(descendant::*/@class)", namespaces={"str": "http://exslt.org/strings"}
)


@lru_cache(maxsize=1024)
def required_classes(css: str) -> tuple[str, ...] | None:
    """Class names an element must carry for ``css`` (one selector, no group) to match anywhere
    in the page; None when the selector has a part this does not follow (``:not()``…)."""
    try:
        parsed = cssselect.parse(css)
    except cssselect.SelectorError:
        return None
    found: list[str] = []
    if len(parsed) != 1 or not _collect_classes(parsed[0].parsed_tree, found):
        return None
    return tuple(found)


def _collect_classes(node: object, found: list[str]) -> bool:
    if isinstance(node, cssselect.parser.Element):
        return True
    if isinstance(node, cssselect.parser.Class):
        found.append(node.class_name)
        return _collect_classes(node.selector, found)
    if isinstance(
        node,
        (
            cssselect.parser.Hash,
            cssselect.parser.Attrib,
            cssselect.parser.Pseudo,
            cssselect.parser.Function,
        ),
    ):
        return _collect_classes(node.selector, found)
    if isinstance(node, cssselect.parser.CombinedSelector):
        # descendant, child and sibling combinators all need both sides on the page
        return _collect_classes(node.selector, found) and _collect_classes(node.subselector, found)
    return False


#: The last page's blob, with its root. A plain ``lxml.etree`` element (see
#: :mod:`newsbot.skins.page`) takes no weak reference, so this holds the last page's tree until
#: the next page is read, as the page globals' cache in :mod:`newsbot.skins.gnuboard` does: one
#: tree at most, and being held, it cannot be freed and its address reused by another page.
_last_blob: tuple[etree._Element, str] | None = None


def _class_blob(element: etree._Element) -> str:
    global _last_blob
    document = element.getroottree().getroot()
    if _last_blob is not None and _last_blob[0] is document:
        return _last_blob[1]
    blob = (document.get("class") or "") + CLASS_VALUES(document)
    _last_blob = (document, blob)
    return blob


def forget_class_blob() -> None:
    """Let go of the last page's blob and with it the last page's tree (see
    :func:`newsbot.skins.gnuboard.forget_page`)."""
    global _last_blob
    _last_blob = None


def _absent_class(root: etree._Element, query: str) -> bool:
    needed = required_classes(query)
    if not needed:
        return False
    blob = _class_blob(root)
    return any(name not in blob for name in needed)


def _wrap(results: object) -> list[Selector]:
    if not isinstance(results, list):
        results = [results]
    return [Selector(root=found, type="html") for found in results]


def select_nodes(root: etree._Element, query: str) -> list:
    """``query`` (CSS) run on one lxml element: the raw lxml results (elements or strings)."""
    shape = attribute_contains(query)
    if shape is not None:
        return nodes_with_attribute(root, *shape)
    return xpath_nodes(root, query)


def first_node(root: etree._Element, css: str) -> object | None:
    """The first result of the first alternative of ``css`` that finds anything (a priority
    list: a skin table's field), or None."""
    for alternative in alternatives(css):
        nodes = select_nodes(root, alternative)
        if not isinstance(nodes, list):  # as css() wraps a non-node-set answer
            nodes = [nodes]
        if nodes:
            return nodes[0]
    return None


#: A compound selector of class names, with or without a tag: ``.bo_v_cate``, ``span.a.b``.
CLASS_COMPOUND_RE = re.compile(r"^([a-z][a-z0-9]*)?((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)$")
#: How many elements :func:`first_class_node` walks before it asks the query instead (the
#: category is the third element of a g5 post; 64 cost the real pages without a category more
#: than the query saved).
NEAR_START = 16
#: What XPath's ``normalize-space`` (cssselect's class test) takes for whitespace.
_XML_SPACE = str.maketrans("\t\r\n", "   ")


def has_class(element: etree._Element, name: str) -> bool:
    """cssselect's ``.name`` test: ``name`` is one of the class attribute's words, the words
    split on XML whitespace only (space, tab, CR, LF: ``normalize-space``), not ``str.split``'s."""
    classes = element.get("class")
    return bool(classes) and name in classes and name in classes.translate(_XML_SPACE).split(" ")


@lru_cache(maxsize=64)
def class_compound(css: str) -> tuple[str | None, tuple[str, ...]] | None:
    """``(tag or None, class names)`` for a :data:`CLASS_COMPOUND_RE` query, else None."""
    match = CLASS_COMPOUND_RE.match(css)
    if match is None:
        return None
    return match.group(1), tuple(match.group(2)[1:].split("."))


def first_class_node(root: etree._Element, css: str) -> object | None:
    """:func:`first_node` for a class query whose first match lies near the scope's start (the
    view's category: in the heading, the post's first lines), by lxml's walk in document order,
    stopping at the match; past :data:`NEAR_START` elements, the query. The XPath walked the
    whole post (≈ 28 µs a view page) for an element three elements in, and again in the
    heading."""
    shape = class_compound(css)
    if shape is None:
        return first_node(root, css)
    tag, names = shape
    for index, element in enumerate(root.iter(tag or etree.Element)):
        if index == NEAR_START:
            return first_node(root, css)
        for name in names:
            if not has_class(element, name):
                break
        else:
            return element
    return None


def xpath_nodes(root: etree._Element, query: str) -> list:
    """:func:`select_nodes` by the XPath alone (the class check, ``id()`` steps, no walk)."""
    if _absent_class(root, query):
        return []
    if root.getparent() is None:
        return _compiled(root_xpath(query))(root)
    xpath = scoped_xpath(query)
    if "$scope" in xpath:
        return _compiled(xpath)(root, scope=root)
    return _compiled(xpath)(root)


def scoped_query(page: etree._Element, query: str) -> Callable[[etree._Element], list] | None:
    """:func:`select_nodes` for ``query``, made once for many elements of one page that are not
    its root (a list page's rows: the same queries on every row). None when the page has no
    element of a class the query needs (it matches nothing there); else a function of the
    element, whose result is what ``select_nodes(element, query)`` returns."""
    shape = attribute_contains(query)
    if shape is not None:
        return lambda element: nodes_with_attribute(element, *shape)
    if _absent_class(page, query):
        return None
    xpath = scoped_xpath(query)
    compiled = _compiled(xpath)
    if "$scope" in xpath:
        return lambda element: compiled(element, scope=element)
    return compiled


#: One alternative of the shape ``tag[attribute*='text']`` (the skins' file and link queries,
#: the Nariya probes ``link[href*=…]`` and ``script[src*=…]``).
ATTRIBUTE_CONTAINS_RE = re.compile(
    r"""^([a-z][a-z0-9]*)\[([a-z][a-z0-9_-]*)\*=(?:'([^'\\]+)'|"([^"\\]+)")\]$"""
)


@lru_cache(maxsize=256)
def attribute_contains(css: str) -> tuple[str, str, tuple[str, ...]] | None:
    """``(tag, attribute, texts)`` when every alternative of ``css`` is ``tag[attribute*='t']``
    with the same tag and attribute; None for any other query."""
    shape: tuple[str, str] | None = None
    texts: list[str] = []
    for alternative in alternatives(css):
        match = ATTRIBUTE_CONTAINS_RE.match(alternative)
        if match is None or (shape is not None and shape != match.group(1, 2)):
            return None
        shape = match.group(1, 2)
        texts.append(match.group(3) or match.group(4))
    return (*shape, tuple(texts)) if shape is not None else None


def nodes_with_attribute(
    root: etree._Element, tag: str, name: str, texts: tuple[str, ...]
) -> list[etree._Element]:
    """The elements an :func:`attribute_contains` query finds, from lxml's walk of that tag
    (the root itself included, as ``descendant-or-self``): ``[a*='t']`` is ``@a and
    contains(@a, 't')``, which ``in`` answers; one walk for the whole group gives each element
    once, in document order, as the XPath union does. lxml walks the tree in C for about half
    the instructions of libxml2's XPath step (a bench view page: ``link[href*=…]`` ≈ 113k →
    56k), and one XPath walk per alternative becomes one walk per group."""
    found: list[etree._Element] = []
    for element in root.iter(tag):
        value = element.get(name)
        if value:
            for text in texts:
                if text in value:
                    found.append(element)
                    break
    return found


@lru_cache(maxsize=512)
def alternatives(css: str) -> tuple[str, ...]:
    """Split a selector group on its top-level commas (not inside ``[..]``, ``(..)``, quotes)."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for i, char in enumerate(css):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(css[start:i].strip())
            start = i + 1
    parts.append(css[start:].strip())
    return tuple(part for part in parts if part)


def matches(scope: Selector, query: str) -> bool:
    """``bool(scope.css(query))``, stopping at the first alternative of the group that matches:
    a page that has ``#bo_v_con`` is not also walked for ``.board-list``."""
    root = scope.root
    if not isinstance(root, etree._Element):
        return bool(scope.css(query))
    return any(select_nodes(root, alternative) for alternative in alternatives(query))


def css(scope: Selector | SelectorList, query: str) -> SelectorList:
    """``scope.css(query)``, as plain parsel selectors, with ``id()`` lookups for ``#id`` steps."""
    if isinstance(scope, Selector):
        root = scope.root
        if not isinstance(root, etree._Element):
            return scope.css(query)
        return SelectorList(_wrap(select_nodes(root, query)))
    found: list[Selector] = []
    for each in scope:
        found.extend(css(each, query))
    return SelectorList(found)


def xpath(scope: Selector | SelectorList, query: str) -> SelectorList:
    """``scope.xpath(query)`` (no variables, no EXSLT ``re:``: :func:`compile_xpath`),
    compiled once, as plain parsel selectors."""
    if isinstance(scope, Selector):
        root = scope.root
        if not isinstance(root, etree._Element):
            return scope.xpath(query)
        return SelectorList(_wrap(_compiled(query)(root)))
    found: list[Selector] = []
    for each in scope:
        found.extend(xpath(each, query))
    return SelectorList(found)


#: One alternative of a group like ``header .sv_member, header .sv_guest``: an optional
#: ancestor selector, then one class.
CLASS_ALTERNATIVE_RE = re.compile(r"^(?:(?P<ancestor>[^,]*\S)\s+)?\.(?P<name>[\w-]+)$")


@lru_cache(maxsize=64)
def group_of_classes_xpath(query: str) -> etree.XPath | None:
    """``query``'s nodes in one walk, when it is a group of classes under one ancestor selector
    (g5's name, Nariya's name and text): one predicate testing every class, where cssselect's
    union walks the comment once per alternative. Same nodes in the same (document) order:
    ``tests/test_comment_shortcuts.py`` compares it with the union on every fixture element.
    None for any other query."""
    parts = [CLASS_ALTERNATIVE_RE.match(part.strip()) for part in query.split(",")]
    if len(parts) < 2 or not all(parts):
        return None
    ancestors = {part.group("ancestor") for part in parts if part}
    if len(ancestors) != 1:
        return None
    ancestor = ancestors.pop()
    steps = css2xpath(f"{ancestor} *") if ancestor else "descendant-or-self::*"
    # each class word test behind a plain ``contains`` of the name: the same answer (a word
    # contains its name), without building a normalized copy of every other class value
    tests = " or ".join(
        f"(contains(., '{name}') and contains(concat(' ', normalize-space(.), ' '), ' {name} '))"
        for name in (part.group("name") for part in parts if part)
    )
    return compile_xpath(f"{steps}/@class[{tests}]/..")
