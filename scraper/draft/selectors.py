"""Find the DOM nodes that hold given text, and name them with stable CSS selectors.

For drafting a site profile (:mod:`scraper.draft.profile`): the story text, title, date
and byline are known from the generic extraction and the page's metadata; here they are
located in the page and turned into selectors a profile can keep using. A selector is
built from the node's tag plus attributes that name what the node *is* (``itemprop``, an
id, class tokens) and never from what varies per page (``post-123``, ``category-daerah``
is caught later, by requiring the selector to work on every sample) or from generated
names (``css-1x2y3z``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.paragraphs import SKIP_TAGS

__all__ = ["container_of", "find_text_nodes", "is_stable", "match_key", "node_selectors", "squash", "stable_tokens"]

#: Class/id tokens that are CSS identifiers we can write without escaping.
_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
#: Generated or per-page names: long digit runs (post-1234), CSS-in-JS prefixes (css-1x2y3z,
#: jsx-8231), a short prefix and a hash (sc-bdVaJa), a word with digits mixed in (e7f9a2).
_UNSTABLE = re.compile(
    r"\d{3,}|^(?:css|jsx|sc|svelte|emotion|astro)-|^[a-z]{1,3}-(?=[A-Za-z0-9]*[A-Z0-9])[A-Za-z0-9]{5,}$"
    r"|^(?=(?:[^\d]*\d){2})[A-Za-z0-9_]{5,}$"
)
#: Words that say "the story is here" in class names and ids.
_CONTENT_WORD = re.compile(r"content|body|article|detail|read|post|entry|text|story|isi|berita|artikel|news",
                           re.IGNORECASE)
_NOT_WORD = re.compile(r"\W+")
#: Tags that name what they hold, fit for a selector on their own (a bare ``p`` or ``div``
#: would match the first of many, on every layout of the site).
_SEMANTIC = frozenset({"article", "main", "h1", "time", "address"})


def squash(text: str) -> str:
    """Text reduced to its word characters, lower case: what a node's text and an extracted
    paragraph have in common whatever the spacing and punctuation around inline tags."""
    return _NOT_WORD.sub("", text).casefold()


def match_key(text: str, length: int = 48) -> str:
    """The start of ``text`` that locates it in a page ('' when too short to be telling)."""
    key = squash(text)[:length]
    return key if len(key) >= 16 else ""


def stable_tokens(node: LexborNode) -> list[str]:
    """The node's class tokens fit for a selector, story-ish names first."""
    tokens = [t for t in (node.attributes.get("class") or "").split() if is_stable(t)]
    return sorted(dict.fromkeys(tokens), key=lambda t: (not _CONTENT_WORD.search(t), len(t)))


def is_stable(token: str) -> bool:
    """A class or id token fit for a selector: a plain CSS identifier, not generated."""
    return bool(_IDENT.fullmatch(token)) and not _UNSTABLE.search(token) and len(token) <= 40


def node_selectors(node: LexborNode, tree: LexborHTMLParser) -> list[str]:
    """Selectors whose first match in ``tree`` is ``node``, most robust first: itemprop,
    id, one class, two classes, the tag under a selectable parent, the bare tag (only a
    tag that says what it holds: ``article``, ``h1``...)."""
    tag = node.tag or ""
    found: list[str] = []
    itemprop = node.attributes.get("itemprop")
    if itemprop and _IDENT.fullmatch(itemprop):
        found.append(f"{tag}[itemprop={itemprop}]")
    ident = node.attributes.get("id")
    if ident and is_stable(ident):
        found.append(f"{tag}#{ident}")
    tokens = stable_tokens(node)
    found.extend(f"{tag}.{t}" for t in tokens)
    found.extend(f"{tag}.{a}.{b}" for i, a in enumerate(tokens[:4]) for b in tokens[i + 1 : 4])
    parent = node.parent
    if parent is not None and parent.tag not in (None, "html", "body"):
        found.extend(f"{above} > {tag}" for above in _own_selectors(parent)[:3])
    if tag in _SEMANTIC:
        found.append(tag)
    return [s for s in dict.fromkeys(found) if _first_is(tree, s, node)]


def _own_selectors(node: LexborNode) -> list[str]:
    tag = node.tag or ""
    own = [f"{tag}#{i}" for i in [node.attributes.get("id")] if i and is_stable(i)]
    return own + [f"{tag}.{t}" for t in stable_tokens(node)]


def _first_is(tree: LexborHTMLParser, selector: str, node: LexborNode) -> bool:
    try:
        first = tree.css_first(selector)
    except ValueError:
        return False
    return first is not None and first.mem_id == node.mem_id


def _elements(root: LexborNode) -> Iterator[LexborNode]:
    for node in root.traverse(include_text=False):
        if node.tag and not node.tag.startswith("-") and node.tag not in SKIP_TAGS:
            yield node


def find_text_nodes(root: LexborNode, keys: Iterable[str]) -> dict[str, LexborNode]:
    """For each key (:func:`match_key`), the smallest element under ``root`` whose text
    contains it (keys found nowhere are left out)."""
    wanted = [k for k in dict.fromkeys(keys) if k]
    best: dict[str, tuple[int, LexborNode]] = {}
    for node in _elements(root):
        text = squash(node.text(separator=" ") or "")
        if not text:
            continue
        for key in wanted:
            if key in text and (key not in best or len(text) <= best[key][0]):  # equal: the deeper node
                best[key] = (len(text), node)
    return {key: node for key, (_, node) in best.items()}


def _ancestors(node: LexborNode) -> list[LexborNode]:
    """``node`` and its ancestors, innermost first."""
    chain: list[LexborNode] = []
    current: LexborNode | None = node
    while current is not None and current.tag not in (None, "-document"):
        chain.append(current)
        current = current.parent
    return chain


def container_of(nodes: list[LexborNode], share: float = 0.8) -> LexborNode | None:
    """The innermost element holding at least ``share`` of ``nodes`` (the story's
    container when they are its paragraphs; a stray match elsewhere does not widen it)."""
    if not nodes:
        return None
    need = max(1, -(-len(nodes) * share // 1))
    counts: dict[int, int] = {}
    depth: dict[int, tuple[int, LexborNode]] = {}
    for node in nodes:
        chain = _ancestors(node)
        for level, above in enumerate(chain):
            counts[above.mem_id] = counts.get(above.mem_id, 0) + 1
            depth[above.mem_id] = (len(chain) - level, above)
    fits = [depth[key] for key, count in counts.items() if count >= need]
    return max(fits, key=lambda item: item[0])[1] if fits else None
