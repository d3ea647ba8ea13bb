"""The generic path: pages of sites without a profile (or whose profile no longer matches).

trafilatura finds the main text; we first remove nodes that are Indonesian boilerplate by
their class or id (related-link boxes, popular lists, captions, share bars) because
trafilatura keeps many of them, and afterwards the shared boilerplate filter runs on its
paragraphs like on every other path.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.density import DensityReading, densest_block
from scraper.extract.paragraphs import normalize_space, paragraphs_of, remove_nodes

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
    tokens = [t for t in (node.attributes.get("class") or "").split() + [node.attributes.get("id") or ""] if t]
    named = [t for t in tokens if _BOILERPLATE_TOKEN.search(t)]
    if not named or _holds_story(node):
        return False
    return not (all(_CAPTION_TOKEN.search(t) for t in named) and _long_text(node, _CAPTION_MAX_WORDS))


#: A caption is a line or two: one of this many words is a story that broken markup
#: nested into the caption's element (an unclosed caption <p> swallows what follows).
_CAPTION_MAX_WORDS = 100
_CAPTION_TOKEN = re.compile(r"(^|[-_])(pic_)?caption($|[-_\d])", re.IGNORECASE)


def _long_text(node: LexborNode, words: int) -> bool:
    return len((node.text(separator=" ") or "").split()) >= words


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
    return generic_readings(page, url, density=False)[0]


def generic_readings(
    page: LexborHTMLParser, url: str | None, *, density: bool = True,
) -> tuple[list[str], DensityReading | None]:
    """trafilatura's paragraphs of an unknown page and, with ``density``, the densest
    block's reading (:mod:`scraper.extract.density`) of the same cleaned copy: two opinions for
    :mod:`scraper.extract.body` to weigh. Before the shared boilerplate filter."""
    import trafilatura  # noqa: PLC0415 - 0.2 s of imports that a page read by its site profile never needs

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
    lines = [line for line in (text or "").split("\n") if line.strip()]
    return lines, densest_block(tree) if density else None


def container_paragraphs(node: LexborNode, read: list[str]) -> list[str]:
    """The paragraphs of a story container traced on a page of an unknown site
    (:mod:`scraper.extract.locate_story`), split as its DOM splits them (list items, sub-headings and
    table rows apart), keeping only those whose text trafilatura also ``read``: its
    judgement of what is story stands (captions, "Scroll down", buttons stay out), the
    DOM only re-draws the paragraph breaks. Before the shared boilerplate filter."""
    return [para for para, was_read in container_reading(node, read) if was_read]


def container_reading(node: LexborNode, read: list[str]) -> list[tuple[str, bool]]:
    """The traced container's paragraphs, each with whether trafilatura ``read`` it;
    of those it did not read, only the ones *between* read paragraphs that are a list
    item, a sub-heading, a table row or a sentence of their own, and not link text: what
    trafilatura drops from inside a story. What lies before the first or after the last
    read paragraph is the container's furniture (bylines, teasers, share lines), and a
    line in another element (an image's caption, a label) is not story."""
    text = f" {_words(' '.join(read))} "
    container = node.clone()
    _strip_boilerplate_nodes(container)
    marked = [(para, f" {_words(para)} " in text) for para in paragraphs_of(container)]
    read_at = [i for i, (_, was_read) in enumerate(marked) if was_read]
    if not read_at:
        return []
    first, last = read_at[0], read_at[-1]
    if last - first + 1 == len(read_at):  # nothing unread inside the story
        return [(para, True) for para in (p for p, was_read in marked if was_read)]
    links = {normalize_space(a.text(separator=" ") or "") for a in container.css("a")} - {""}
    fillers = _filler_texts(container)
    return [(para, was_read) for i, (para, was_read) in enumerate(marked)
            if was_read or (first < i < last and para in fillers and len(para.split()) >= _FILLER_WORDS
                            and not _is_link_text(para, links))]


#: Elements whose whole text is one paragraph of a story even when it is short.
_FILLER_ELEMENTS = "h2, h3, h4, h5, h6, li, dt, dd, tr, p"
#: A <p> counts only as a sentence (a caption or a label in a <p> has no full stop).
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")


def _filler_texts(container: LexborNode) -> set[str]:
    """Texts of the container's elements that may hold a short paragraph of the story."""
    found = set()
    for element in container.css(_FILLER_ELEMENTS):
        value = " ".join(paragraphs_of(element))
        if value and (element.tag != "p" or _SENTENCE_END.search(value)):
            found.add(value)
    return found


def _is_link_text(para: str, links: set[str]) -> bool:
    """A paragraph that is mostly the text of links (an inline teaser, a tag row)."""
    if para in links:
        return True
    linked = sum(len(link) for link in links if link in para)
    return linked >= _LINKED_SHARE * len(para)


#: An unread paragraph of fewer words is a button or a label ("Close", "Advertisement").
_FILLER_WORDS = 2
#: A paragraph with this share of its characters in links is a link row, not story.
_LINKED_SHARE = 0.6


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


#: Raw values of a page's metadata printed as text (a keywords line carrying an ISO
#: timestamp, an image URL): never a sentence of the story.
_RAW_VALUE = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|https?://\S+\.(?:jpe?g|png|gif|webp)\b", re.IGNORECASE)
#: A sentence of prose this long said twice is a copy: prose is not repeated, while a
#: recipe's or a schedule's lines ("Salad (1 cup lettuce, ½ cup tomatoes, ...)") are.
_REPEAT_WORDS = 30
_PROSE_END = re.compile(r"[.!?][\"”’]?$")


def tidy_paragraphs(paragraphs: list[str]) -> list[str]:
    """The generic reading without what a story never holds: a copy of what it already
    said (a page that prints its article two or three times: a copy starts with a long
    sentence of prose said before, and runs while what follows was said before too),
    and a line of raw metadata values (keywords, an ISO date, an image URL)."""
    seen: set[str] = set()
    kept, copying = [], False
    for para in paragraphs:
        if _RAW_VALUE.search(para):
            continue
        copying = para in seen and (copying or (len(para.split()) >= _REPEAT_WORDS
                                                and bool(_PROSE_END.search(para))))
        seen.add(para)
        if not copying:
            kept.append(para)
    return kept


#: Teasers closing a story: at least this many paragraphs that are headline links (of at
#: least :data:`_TEASER_WORDS` words), making up at least half of the story's tail.
_TEASERS, _TEASER_WORDS = 3, 4


def cut_teasers(paragraphs: list[str], page: LexborHTMLParser) -> list[str]:
    """``paragraphs`` without a closing run of related-item teasers: the tail, from the
    first of them, where most paragraphs are the text of a link to another story (with
    a short story, trafilatura reads the "more stories" block under it as story)."""
    body = page.body
    if body is None or len(paragraphs) < _TEASERS:
        return paragraphs
    links = {text for a in body.css("a") if len((text := normalize_space(a.text(separator=" ") or "")).split())
             >= _TEASER_WORDS}
    if not links:
        return paragraphs
    cut, linked = len(paragraphs), 0
    for i in range(len(paragraphs) - 1, -1, -1):
        if paragraphs[i] in links:
            linked += 1
            if linked >= _TEASERS and 2 * linked >= len(paragraphs) - i:
                cut = i
    return paragraphs[:cut]
