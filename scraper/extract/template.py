"""A site's template, learned from its own pages: what repeats is furniture, what differs is story.

A site without a profile still prints every article in the same frame: the same menus,
"Baca Juga" and "Terpopuler" boxes, share bars, credits and footers around a story
container whose text changes from page to page. Seen over a few pages of one host, the
paragraphs that recur on several pages are that host's boilerplate, and the container
holding most of each page's *own* text is where its stories sit. This module learns that
(:func:`learn`) and reads a page with it (:func:`apply`); it never touches a database or
the network: the store keeps a :class:`Template` per host (``site_templates``), the callers
decide when to learn and whether the reading is used (:mod:`scraper.extract.body` checks it
against the plain generic reading and falls back when they disagree badly).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.locate_story import story_node
from scraper.extract.paragraphs import paragraphs_of

__all__ = ["MIN_PAGES", "TEMPLATE_VERSION", "Template", "apply", "learn"]

#: Bump when the learning changes what a template means: stored older ones are re-learned.
TEMPLATE_VERSION = 1
#: Pages of one host needed before anything repeating means "template".
MIN_PAGES = 2
#: A paragraph is boilerplate when it appears on at least this share of the pages (and on
#: two at least): a menu, a footer, a standing box.
REPEAT_SHARE = 0.5
#: A sentence of prose must recur on this share of the pages (and three at least): a
#: quote or a stock phrase of the newsroom may recur by chance in two stories, a standing
#: disclaimer is on every page.
PROSE_REPEAT_SHARE = 0.5
_PROSE_WORDS = 10
_PROSE_END = re.compile(r"[.!?][\"”’]?$")
#: The story container must be the same element on at least this share of the pages.
CONTAINER_SHARE = 0.5
#: Paragraphs shorter than this are not remembered: "Home", "Share" say nothing alone.
_MIN_CHARS = 3
#: A class or id usable in a selector, and not a per-page one ("post-759", "article-48210").
_CLASS = re.compile(r"^[A-Za-z_][\w-]*$")
_PER_PAGE = re.compile(r"\d{3,}")


@dataclass(frozen=True)
class Template:
    """One host's learned frame: the story container's selector, the fingerprints of its
    repeating paragraphs (hashes, not text), the pages it was learned from."""

    host: str
    container: str | None
    boilerplate: frozenset[str]
    pages: tuple[str, ...]
    version: int = TEMPLATE_VERSION
    #: How many of the pages the container was found on when learning.
    support: float = field(default=1.0, compare=False)

    def to_json(self) -> str:
        return json.dumps({"host": self.host, "container": self.container, "boilerplate": sorted(self.boilerplate),
                           "pages": list(self.pages), "version": self.version, "support": self.support})

    @classmethod
    def from_json(cls, text: str) -> Template:
        data = json.loads(text)
        return cls(host=data["host"], container=data.get("container"), boilerplate=frozenset(data["boilerplate"]),
                   pages=tuple(data["pages"]), version=int(data.get("version", 0)),
                   support=float(data.get("support", 1.0)))


def fingerprint(paragraph: str) -> str:
    """A short, stable hash of a paragraph's text (case and spacing ignored)."""
    return hashlib.blake2b(" ".join(paragraph.lower().split()).encode(), digest_size=8).hexdigest()


def learn(host: str, pages: Sequence[tuple[str, LexborHTMLParser]]) -> Template | None:
    """The template of ``host`` from its pages (URL, parsed page); None with fewer than
    :data:`MIN_PAGES` pages that have a body."""
    readable = [(url, tree, _page_paragraphs(tree)) for url, tree in pages if tree.body is not None]
    if len(readable) < MIN_PAGES:
        return None
    seen: Counter[str] = Counter()
    prose: set[str] = set()
    for _, _, paras in readable:
        seen.update({fingerprint(p) for p in paras})
        prose.update(fingerprint(p) for p in paras if _is_prose(p))
    need = max(2, math.ceil(REPEAT_SHARE * len(readable)))
    need_prose = max(3, math.ceil(PROSE_REPEAT_SHARE * len(readable)))
    boilerplate = frozenset(h for h, count in seen.items() if count >= (need_prose if h in prose else need))
    selectors = Counter(_container_of(tree, paras, boilerplate) for _, tree, paras in readable)
    selectors.pop(None, None)
    container, support = None, 0.0
    if selectors:
        best, count = selectors.most_common(1)[0]
        if count >= CONTAINER_SHARE * len(readable):
            container, support = best, count / len(readable)
    if container is not None:  # a sentence of prose inside a story is the story's, however often
        boilerplate -= _story_prose(readable, container)
    return Template(host, container, boilerplate, tuple(url for url, _, _ in readable), support=support)


def _story_prose(readable: list[tuple[str, LexborHTMLParser, list[str]]], container: str) -> frozenset[str]:
    found: set[str] = set()
    for _, tree, _ in readable:
        node = tree.css_first(container)
        if node is not None:
            found.update(fingerprint(p) for p in paragraphs_of(node) if _is_prose(p))
    return frozenset(found)


def apply(tree: LexborHTMLParser, template: Template, paragraphs: list[str]) -> list[str] | None:
    """``paragraphs`` (a reading of the page) without the host's repeating ones; None when
    the page lacks the template's story container (the site changed: learn again).

    The template only takes away: what the reading did not find, it does not add, so a
    page read with it holds a subset of the plain reading (never a different story)."""
    node = tree.css_first(template.container) if template.container is not None else None
    if template.container is not None and node is None:
        return None
    # A sentence of prose in this page's own story container stays: another page of the
    # site may show it as a teaser (a story's lead is its teaser), it is still this story.
    own = {fingerprint(p) for p in paragraphs_of(node) if _is_prose(p)} if node is not None else set()
    return [p for p in paragraphs if fingerprint(p) not in template.boilerplate or fingerprint(p) in own]


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= _PROSE_WORDS and bool(_PROSE_END.search(paragraph))


def _page_paragraphs(tree: LexborHTMLParser) -> list[str]:
    return [p for p in paragraphs_of(tree.body) if len(p) >= _MIN_CHARS] if tree.body is not None else []


def _container_of(tree: LexborHTMLParser, paragraphs: list[str], boilerplate: frozenset[str]) -> str | None:
    """The selector of the deepest element holding most of the page's own text."""
    own = [p for p in paragraphs if fingerprint(p) not in boilerplate]
    node = story_node(tree, own)
    while node is not None and node.tag not in ("body", "html"):
        selector = _selector(node)
        if selector is not None and len(tree.css(selector)) == 1:
            return selector
        node = node.parent
    return None


def _selector(node: LexborNode) -> str | None:
    """``tag#id.class...`` of a node, when its id or classes name it (a bare <div> does not)."""
    tag = node.tag or ""
    ident = (node.attributes.get("id") or "").strip()
    classes = sorted(c for c in (node.attributes.get("class") or "").split()
                     if _CLASS.match(c) and not _PER_PAGE.search(c))
    if ident and _CLASS.match(ident) and not _PER_PAGE.search(ident):
        return f"{tag}#{ident}"
    if classes:
        return tag + "".join(f".{c}" for c in classes)
    if tag in ("article", "main"):
        return tag
    return None
