"""The generic path: pages of sites without a profile (or whose profile no longer matches).

trafilatura finds the main text; we first remove nodes that are Indonesian boilerplate by
their class or id (related-link boxes, popular lists, captions, share bars) because
trafilatura keeps many of them, and afterwards the shared boilerplate filter runs on its
paragraphs like on every other path.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.blocks import paragraphs_of, remove_nodes

#: class/id tokens of containers that never hold story text on Indonesian news pages.
_BOILERPLATE_TOKEN = re.compile(
    r"(^|[-_])(baca-?juga|bacajuga|related|terkait|populer|popular|terpopuler|recommend\w*|rekomendasi|"
    r"caption|pic_caption|share\w*|sosmed|social\w*|advert\w*|iklan|ads?|adsbygoogle|banner|newsletter|"
    r"komentar|comments?|breadcrumbs?|tags?|topik|trending|terkini|latest|pilihan|sidebar|footer|"
    r"nav|navbar|menu|promo|subscribe|whatsapp|google-?news)($|[-_\d])",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
#: Only containers are removed: inline links inside the story often carry class names
#: like "tag" or "inner-link", and removing them would cut words out of sentences.
_CONTAINER_TAGS = frozenset({"div", "section", "aside", "ul", "ol", "li", "table", "figure", "dl", "header",
                             "footer", "nav", "form", "iframe", "p", "span"})


def is_boilerplate_token(token: str) -> bool:
    """A class or id token that names a block of boilerplate ("baca-juga", "related-posts")."""
    return bool(_BOILERPLATE_TOKEN.search(token))


def _is_boilerplate_node(node: LexborNode) -> bool:
    if node.tag not in _CONTAINER_TAGS:
        return False
    tokens = (node.attributes.get("class") or "").split() + [node.attributes.get("id") or ""]
    return any(_BOILERPLATE_TOKEN.search(t) for t in tokens if t) and not _holds_story(node)


#: Class names lie ("article-ad", "content_with-ads" wrap whole stories): a node holding
#: several long paragraphs is story, whatever it is called.
_STORY_PARAGRAPHS, _LONG_PARAGRAPH_WORDS = 3, 20
#: Below this many words the generic result is double-checked against the untouched page.
_SHORT_WORDS = 150


def _holds_story(node: LexborNode) -> bool:
    long_paragraphs = 0
    for para in node.css("p"):
        if len((para.text(separator=" ") or "").split()) >= _LONG_PARAGRAPH_WORDS:
            long_paragraphs += 1
            if long_paragraphs >= _STORY_PARAGRAPHS:
                return True
    return False


def _strip_boilerplate_nodes(tree: LexborHTMLParser | LexborNode) -> None:
    doomed = [n for n in tree.css("[class], [id], figcaption, figure, aside, nav, footer")
              if n.tag in {"figcaption", "figure", "aside", "nav", "footer"} or _is_boilerplate_node(n)]
    remove_nodes(doomed)


def generic_paragraphs(page: LexborHTMLParser, url: str | None) -> list[str]:
    """Story paragraphs of an unknown page (before the shared boilerplate filter).

    ``page`` is the caller's parsed page; the boilerplate nodes are removed from a copy,
    so the caller's tree stays whole."""
    import trafilatura  # 0.2 s of imports that a page read by its site profile never needs

    html = page.html or ""
    tree = page.clone()
    _strip_boilerplate_nodes(tree)
    cleaned = tree.html or html
    text = trafilatura.extract(
        cleaned, url=url, output_format="txt", include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False, favor_precision=False,
    )
    if len((text or "").split()) < _SHORT_WORDS:
        # Class names misled the stripping (or the page is short): compare with the
        # untouched page and keep the longer reading.
        plain = trafilatura.extract(html, url=url, output_format="txt", include_comments=False,
                                    include_tables=True, deduplicate=False)
        if len((plain or "").split()) > 2 * len((text or "").split()):
            text = plain
    return [line for line in (text or "").split("\n") if line.strip()]


def container_paragraphs(node: LexborNode, read: list[str]) -> list[str]:
    """The paragraphs of a story container traced on a page of an unknown site
    (:mod:`scraper.locate`), split as its DOM splits them (list items, sub-headings and
    table rows apart), keeping only those whose text trafilatura also ``read``: its
    judgement of what is story stands (captions, "Scroll down", buttons stay out), the
    DOM only re-draws the paragraph breaks. Before the shared boilerplate filter."""
    text = f" {_words(' '.join(read))} "
    return [para for para in fragment_paragraphs(node) if f" {_words(para)} " in text]


def fragment_paragraphs(node: LexborNode) -> list[str]:
    """The paragraphs of a story's own markup (an embedded HTML story, a traced
    container), its boilerplate nodes removed from a copy. Before the shared filter."""
    container = node.clone()
    _strip_boilerplate_nodes(container)
    return paragraphs_of(container)


def _words(text: str) -> str:
    """The words of ``text``, lower-case, one space apart: trafilatura's "- item" and
    "| cell | cell |" lines compare equal to the DOM's item and row."""
    return " ".join(_WORD.findall(text.lower()))
