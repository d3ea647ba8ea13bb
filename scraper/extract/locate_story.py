"""Where the story sits in the page, found from a reading of its text.

A 2024-25 redesign renames the story container: the profile's selector finds nothing,
while the generic extraction (trafilatura) or the JSON-LD ``articleBody`` still hold the
text, flattened: list items run together, sub-headings lose their place, the site's
boilerplate rules never see it. Tracing that text back to the DOM gives the container the
profile would have named, and the profile's own reading runs on it
(:func:`scraper.extract.profile_fields.container_paragraphs`). The generic path uses the same
trace for pages of unknown sites (:func:`scraper.extract.generic.container_paragraphs`).
"""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.paragraphs import SKIP_TAGS, normalize_space

__all__ = ["story_node"]

#: Text nodes shorter than this are not traced: "Jakarta" or "Foto:" occur anywhere.
MIN_TRACED_CHARS = 25
#: The container is the deepest node holding at least this share of the traced words: the
#: story's own paragraphs, without the stray matches (a headline repeated in a sidebar).
CONTAINER_SHARE = 0.8


def story_node(tree: LexborHTMLParser, reference: Iterable[str]) -> LexborNode | None:
    """The deepest element holding most of ``reference`` (paragraphs read from this page),
    or None when none of its text is found in the page's DOM."""
    text = normalize_space(" ".join(reference))
    body = tree.body
    if not text or body is None:
        return None
    weight, total = _traced_words(body, text)
    if not total:
        return None
    node, need = body, CONTAINER_SHARE * total
    while True:
        child = next((c for c in node.iter() if weight.get(c.mem_id, 0) >= need), None)
        if child is None:
            return node
        node = child


def _traced_words(body: LexborNode, text: str) -> tuple[dict[int, int], int]:
    """Words of the page's text nodes found in ``text``, summed on every ancestor. A text
    found twice on the page (the lead repeated as a sidebar teaser) says nothing about
    where the story is and is not counted."""
    found: dict[str, list[LexborNode]] = {}
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        value = normalize_space(node.text(deep=False) or "")
        if len(value) < MIN_TRACED_CHARS or value not in text:
            continue
        parent = node.parent
        if parent is not None and parent.tag not in SKIP_TAGS:
            found.setdefault(value, []).append(parent)
    weight: dict[int, int] = {}
    total = 0
    for value, parents in found.items():
        if len(parents) > 1:
            continue
        words = len(value.split())
        total += words
        ancestor: LexborNode | None = parents[0]
        while ancestor is not None:
            weight[ancestor.mem_id] = weight.get(ancestor.mem_id, 0) + words
            ancestor = ancestor.parent
    return weight, total
