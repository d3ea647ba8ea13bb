"""HTML container -> paragraphs: the one place that decides where a paragraph ends.

News sites mark paragraphs with <p>, with <br><br> inside one <div>, with <h2> subheads,
list items and tables. Every extraction path that reads a DOM container goes through
:func:`paragraphs_of`, so the rule is the same for every site. The walk is iterative:
hostile pages nest tens of thousands of elements deep and must not hit the recursion limit.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Elements that start and end a paragraph.
BLOCK_TAGS = frozenset(
    [
        "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "h1", "h2",
        "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table",
        "thead", "tbody", "tfoot", "tr", "figure", "figcaption", "center", "form", "hr", "address",
        "details", "summary", "fieldset"
    ]
)
#: Elements whose text is never story text.
SKIP_TAGS = frozenset(
    [
        "script", "style", "noscript", "iframe", "svg", "button", "select", "option", "textarea",
        "template", "object", "embed", "video", "audio", "canvas", "input", "label", "head",
        "title", "meta", "link", "ins"
    ]
)
#: Table cells join with a separator instead of breaking the row.
CELL_TAGS = frozenset(("td", "th"))

_SPACE = re.compile(r"\s+")



def normalize_space(text: str) -> str:
    """Collapse whitespace (incl. nbsp and zero-width) to single spaces and trim.

    ``str.split()`` splits on exactly the characters ``\\s`` matches (Unicode whitespace,
    nbsp included) and is several times faster than the regex; the zero-width characters
    are not whitespace and go first. This runs for every text node of every page."""
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())


def _kept_chars(text: str) -> int:
    """How many characters of ``text`` normalize_space keeps whatever surrounds them (all
    but whitespace, which ``str.split`` and the ``\\s`` of its regex agree on, and the
    zero-width characters it removes): a lower bound of the normalised length."""
    return len("".join(text.split())) - text.count("\u200b") - text.count("\ufeff")


class _Full(Exception):
    """The text being collected is already longer than the caller's budget."""


class _Collector:
    """Accumulates inline text and flushes it as a paragraph at block boundaries; with a
    ``budget``, gives up (``_Full``) once more non-space characters than that were seen."""

    def __init__(self, budget: int | None = None) -> None:
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._budget = budget

    def add(self, text: str) -> None:
        self._buf.append(text)
        if self._budget is not None:
            self._budget -= _kept_chars(text)
            if self._budget < 0:
                raise _Full

    def flush(self) -> None:
        if self._buf:
            text = normalize_space("".join(self._buf))
            if text:
                self.paragraphs.append(text)
            self._buf = []


def paragraphs_of(node: LexborNode, skip: frozenset[str] = SKIP_TAGS) -> list[str]:
    """The paragraphs of ``node``'s text, in document order, whitespace-normalised."""
    return _walk(node, skip, _Collector())


def _walk(node: LexborNode, skip: frozenset[str], out: _Collector) -> list[str]:
    # Stack of (node, closing) events: a block element is visited once to open it and
    # once (closing=True) to flush the paragraph it held.
    stack: list[tuple[LexborNode, bool]] = [(child, False) for child in reversed(_children(node))]
    while stack:
        current, closing = stack.pop()
        tag = current.tag or ""
        if closing:
            if tag in CELL_TAGS:
                out.add(" ")
            else:
                out.flush()
            continue
        if tag == "-text":
            out.add(current.text(deep=False) or "")
        elif tag == "br":
            out.flush()
        elif tag in skip or tag.startswith("-"):
            continue
        else:
            is_block = tag in BLOCK_TAGS or tag in CELL_TAGS
            if is_block and tag not in CELL_TAGS:
                out.flush()
            if is_block:
                stack.append((current, True))
            stack.extend((child, False) for child in reversed(_children(current)))
    out.flush()
    return out.paragraphs


def _children(node: LexborNode) -> list[LexborNode]:
    return list(node.iter(include_text=True))


def text_of(node: LexborNode | None) -> str:
    """All text of ``node`` on one line (for titles, bylines, dates)."""
    if node is None:
        return ""
    return normalize_space(" ".join(paragraphs_of(node)) or node.text(separator=" ") or "")


def short_text_of(node: LexborNode, limit: int) -> str | None:
    """``text_of(node)`` when it is at most ``limit`` characters, else None. The walk stops
    as soon as the text is certainly longer: looking for a short line (a date line, a
    byline) next to the story must not read the whole story container."""
    try:
        paragraphs = _walk(node, SKIP_TAGS, _Collector(budget=limit))
    except _Full:
        return None
    text = normalize_space(" ".join(paragraphs) or node.text(separator=" ") or "")
    return text if len(text) <= limit else None


def classed_texts(tree: LexborHTMLParser, words: tuple[str, ...], max_chars: int, limit: int = 40) -> list[str]:
    """Short texts (at most ``max_chars``) of the elements whose class or id holds one of
    ``words`` (any case), in page order, at most ``limit``: where a page marks its date
    line or byline without machine-readable metadata.

    The parser's selector finds them (reading every [class], [id] element here cost a
    millisecond a page); a node with both a class and an id counts twice, as it did then."""
    selector = ", ".join(f'[{attr}*="{word}" i]' for word in words for attr in ("class", "id"))
    texts: list[str] = []
    seen: set[int] = set()
    for node in tree.css(selector):
        if node.mem_id in seen or node.tag in ("html", "body", "script", "style"):
            continue
        seen.add(node.mem_id)
        text = normalize_space(node.text(separator=" ") or "")
        if not text or len(text) > max_chars:
            continue
        for _ in range(("class" in node.attributes) + ("id" in node.attributes)):
            texts.append(text)
            if len(texts) >= limit:
                return texts
    return texts


def remove_nodes(nodes: list[LexborNode]) -> int:
    """Decompose ``nodes``, skipping those inside an already removed one.

    Decomposing a node frees its subtree, so touching a descendant afterwards is unsafe;
    CSS results come in document order, so ancestors are seen before descendants.
    """
    removed: set[int] = set()
    for node in nodes:
        parent = node.parent
        inside = False
        while parent is not None:
            if parent.mem_id in removed:
                inside = True
                break
            parent = parent.parent
        if not inside:
            removed.add(node.mem_id)
    done: set[int] = set()
    for node in nodes:
        key = node.mem_id
        if key in removed and key not in done:
            done.add(key)
            node.decompose()
    return len(done)
