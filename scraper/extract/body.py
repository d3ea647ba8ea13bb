"""Which reading of a page becomes the article's body, and what ``extractor`` says about it.

In order:

1. the story the site embeds in a script or its structured data, where the profile
   declares one and it holds more than the container (``site:NAME``, :mod:`scraper.extract.embedded`);
   else the profile's container (``site:NAME``), with the later pages of a multi-page story;
2. the container missing (a redesign renamed it): the container that holds the text the
   structured data (JSON-LD ``articleBody``) or the generic extraction read, found by
   :mod:`scraper.extract.locate_story` and read with the profile's own rules, later pages alike
   (``site:NAME+fallback``: the layout change stays visible, the crawl counts it);
3. else the generic extraction (``generic``); on a page of an unknown site, the traced
   container's paragraphs that trafilatura also read replace its text when they carry
   most of it: the same story, split as the DOM splits it (list items, sub-headings and
   table rows apart, where trafilatura runs them together or prefixes them); a page of
   an unknown site whose visible body is tiny reads the longest story field its payloads
   embed instead;
4. still next to nothing (a script-built page): the document that holds the story is
   named for the fetch loop (``Body.alternate``): the site's ``_payload.json``, else the
   AMP version (a profile with ``amp=True``, or any article page of an unknown site).
   Once it is at hand, the page is read again with it (AMP: ``site:NAME+amp``).

Every path ends in the same Indonesian boilerplate filter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from scraper.article import count_words
from scraper.errors import InputError
from scraper.extract.boilerplate import clean_paragraphs
from scraper.extract.classify import url_kind
from scraper.extract.density import DensityReading, coherent
from scraper.extract.embedded import STORY_WORDS, Found, declared_story, discovered_story
from scraper.extract.generic import container_reading, cut_teasers, generic_paragraphs, generic_readings, tidy_paragraphs
from scraper.extract.htmlinput import decode_page, parse_html
from scraper.extract.locate_story import story_node
from scraper.extract.page_meta import PageMeta
from scraper.extract.profile_fields import container_paragraphs, profile_body
from scraper.extract.template import Template
from scraper.extract.template import apply as apply_template
from scraper.fetch.page import PageReading
from scraper.sites.base import SiteProfile

__all__ = ["MAX_PAGES", "MIN_PROFILE_WORDS", "Body", "LaterPages", "PageChain", "Readings", "next_page_url",
           "read_body", "read_later_page"]

MAX_PAGES = 20
#: A profile body shorter than this is treated as "container not found" (layout changed).
MIN_PROFILE_WORDS = 15
#: A page with fewer words than this holds no story of its own (script-built): its
#: embedded payload, then its AMP version, are read instead.
TINY_WORDS = 50
#: A declared embedded story replaces the container's reading when it is this much longer
#: (the container shows one page of a paged story, or a teaser).
EMBEDDED_MORE = 1.1
#: A JSON-LD articleBody shorter than this is a teaser, too little to trace a container by.
MIN_REFERENCE_WORDS = 50
#: A located container's reading (profile rules) against the text it was traced from: it
#: may be much shorter (the site's rules drop what trafilatura kept: captions, related
#: links), not much longer (then the trace took in neighbours: a sidebar, comments).
FALLBACK_SHARE = (0.35, 1.35)
#: On an unknown site the traced container's paragraphs (only those trafilatura read too)
#: replace its text when they carry at least this share of its words (what they leave
#: out is mostly trafilatura's reads outside the container: captions, teasers). Measured
#: with profiles off on the gold corpus and on the English benchmark: body F1 0.927 ->
#: 0.932 and 0.963 -> 0.965, exact bodies 55% -> 66% and 29% -> 35%, leaking pages 5 -> 2
#: and 0 -> 0; every lower bound tried (0.7-0.95) gained on both.
GENERIC_SHARE = (0.8, 1.0)
#: trafilatura's reading of a page holding a coherent story (:mod:`scraper.extract.density`)
#: that has fewer than this share of the densest block's words missed the story (a page
#: with no news markup): the block is read instead.
RESCUE_SHARE = 0.5
#: ... and only when most of what trafilatura read lies inside that block.
INSIDE_SHARE = 0.8

#: Later pages of a multi-page article already at hand: URL -> page text.
LaterPages = Mapping[str, str]
#: Later pages already read while the fetch loop followed the story (:class:`PageChain`): URL -> reading.
Readings = Mapping[str, PageReading]
#: Reads one page of a story: (page, its URL) -> paragraphs, or None when it finds no story.
PageReader = Callable[[LexborHTMLParser, str | None], "list[str] | None"]


@dataclass
class Body:
    """The body read from a page, which path read it, and what is still missing."""

    paragraphs: list[str]
    extractor: str
    pages: int = 1
    #: A later page the reading needs but was not given (for the fetch loop).
    next_page: str | None = None
    #: Another document that may hold the story (AMP page, _payload.json), not given.
    alternate: str | None = None
    #: What an embedded story object says about itself (title, date, authors).
    meta: PageMeta | None = None
    #: The page holds a long run of prose (:func:`scraper.extract.density.coherent`): whatever its
    #: URL or its links suggest, it is a story (the not-article decision hears it).
    coherent: bool = False
    #: What the host's learned template did: "used", "fallback" (its reading disagreed
    #: badly with the generic one, which stands), "miss" (its container is gone), or None.
    template: str | None = None

    @property
    def words(self) -> int:
        return count_words(" ".join(self.paragraphs))


def read_body(
    tree: LexborHTMLParser, url: str | None, profile: SiteProfile | None, later_pages: LaterPages,
    ld_body: str | None = None, template: Template | None = None, readings: Readings | None = None,
) -> Body:
    """The body of the page (see the module docstring); ``ld_body`` is the page's JSON-LD
    articleBody, one paragraph per line; ``later_pages`` holds the later pages and the
    alternate documents already fetched, by URL; ``readings`` the later pages already read
    (not parsed again); ``template`` is the host's learned template
    (:mod:`scraper.extract.template`), used on the generic path only: a profile wins."""
    body = _read_page(tree, url, profile, later_pages, ld_body, readings or {})
    if profile is None and template is not None and not body.next_page:
        _templated(tree, body, template)
    if body.next_page or body.words >= TINY_WORDS:  # the usual page: nothing more to ask
        return body
    if not _may_ask(url, profile):
        body.alternate = None
        return body
    if body.alternate:  # the payload first
        return body
    amp = _amp_url(tree, url, profile)
    if amp is None:
        return body
    if amp not in later_pages:
        body.alternate = amp
        return body
    try:
        amp_tree = parse_html(decode_page(later_pages[amp]))
    except InputError:
        return body
    amp_body = _read_page(amp_tree, amp, profile, {}, None, {})
    if amp_body.words <= body.words:
        return body
    amp_body.extractor = f"site:{profile.name}+amp" if profile is not None else amp_body.extractor
    amp_body.next_page = amp_body.alternate = None  # the AMP page is read on its own: the last resort
    return amp_body


def _read_page(
    tree: LexborHTMLParser, url: str | None, profile: SiteProfile | None, later_pages: LaterPages,
    ld_body: str | None, readings: Readings,
) -> Body:
    if profile is None:
        return _generic(tree, url, later_pages, ld_body)
    found = profile_body(tree, profile)
    dom_words = count_words(" ".join(found)) if found is not None else 0
    embedded = declared_story(tree, url, profile, ld_body, later_pages) if profile.embedded else Found()
    story = embedded.story
    if story is not None and story.words >= MIN_PROFILE_WORDS and story.words > EMBEDDED_MORE * dom_words:
        return Body(story.paragraphs, f"site:{profile.name}", meta=story.meta)
    if found is not None and dom_words >= MIN_PROFILE_WORDS:
        return _stitched(tree, url, profile, found, later_pages, readings, f"site:{profile.name}")
    reference = generic_paragraphs(tree, url)
    located = _fallback(tree, profile, ld_body, reference)
    if located is not None:
        return _stitched(tree, url, profile, located, later_pages, readings, f"site:{profile.name}+fallback")
    body = Body(clean_paragraphs(reference), "generic")
    if body.words < TINY_WORDS:
        body.alternate = embedded.wanted
    return body


def _generic(tree: LexborHTMLParser, url: str | None, later_pages: LaterPages, ld_body: str | None) -> Body:
    """An unknown site's page: trafilatura, re-split by the traced container (with the
    list items and sub-headings it dropped inside the story); the densest block when
    trafilatura missed most of a long coherent story; the longest embedded story when
    the page shows next to nothing."""
    reference, density = generic_readings(tree, url)
    body = Body(clean_paragraphs(reference), "generic", coherent=coherent(density))
    node = story_node(tree, reference)
    while node is not None and node.tag in _QUOTING and node.parent is not None:
        node = node.parent  # a quoted letter is part of a story: the story holds the quote
    if node is not None:
        marked = container_reading(node, reference)
        read = clean_paragraphs([para for para, was_read in marked if was_read])
        if _agrees(read, body.paragraphs, GENERIC_SHARE):
            # An unread paragraph the filter would drop, or that would end the story (a
            # "Related news" heading), is not story: only the read ones may end it.
            body.paragraphs = clean_paragraphs([para for para, was_read in marked
                                                if was_read or clean_paragraphs([para]) == [para]])
    if density is not None and body.coherent and _missed(body.paragraphs, density):
        body.paragraphs = _rescued(density)
    body.paragraphs = cut_teasers(tidy_paragraphs(body.paragraphs), tree)
    if body.words >= TINY_WORDS:
        return body
    found = discovered_story(tree, url, ld_body, later_pages)
    if found.story is not None and found.story.words >= STORY_WORDS:
        return Body(found.story.paragraphs, "generic", meta=found.story.meta)
    body.alternate = found.wanted
    return body


def _missed(paragraphs: list[str], density: DensityReading) -> bool:
    """trafilatura missed a coherent story: it read next to nothing, or less than
    :data:`RESCUE_SHARE` of the densest block and mostly text of that block (a reading
    outside it, beside a long comment thread, is a different story: the short one)."""
    words = count_words(" ".join(paragraphs))
    if words < MIN_PROFILE_WORDS:
        return True
    if words >= RESCUE_SHARE * density.words:
        return False
    inside = f" {' '.join(density.paragraphs)} "
    held = sum(count_words(p) for p in paragraphs if p in inside)
    return held >= INSIDE_SHARE * words


#: A template may cut at most this share of the generic reading's words: more, and the
#: page is not framed like the pages it was learned from (the generic reading stands).
TEMPLATE_CUTS = 0.5


def _templated(tree: LexborHTMLParser, body: Body, template: Template) -> None:
    """Cut the host's repeating paragraphs (its furniture: standing boxes, credits, promo
    lines) out of the generic reading; keep the generic reading when the page lacks the
    template's container ("miss") or the cut would take much of the story ("fallback")."""
    if not body.paragraphs:
        return
    kept = apply_template(tree, template, body.paragraphs)
    if kept is None:
        body.template = "miss"
        return
    if count_words(" ".join(kept)) < (1 - TEMPLATE_CUTS) * body.words:
        body.template = "fallback"
        return
    if kept != body.paragraphs:
        body.paragraphs, body.extractor = kept, "generic+template"
    body.template = "used"


#: Elements that hold a quotation, not a story of their own.
_QUOTING = frozenset({"blockquote", "q"})


def _rescued(density: DensityReading) -> list[str]:
    """The densest block's paragraphs, through the same filter as every reading."""
    return clean_paragraphs(density.paragraphs)


def _may_ask(url: str | None, profile: SiteProfile | None) -> bool:
    """A second document is asked for an article page only: never for a home, section or
    listing page, nor a URL the profile knows is not an article (they link AMP versions
    and payloads too, and their reading is not a story anyway)."""
    if url_kind(url) in ("home", "section", "listing"):
        return False
    return not (profile is not None and profile.not_article_url_re and profile.not_article_url_re.search(url or ""))


def _amp_url(tree: LexborHTMLParser, url: str | None, profile: SiteProfile | None) -> str | None:
    """The page's AMP version, when the profile reads AMP pages (any unknown site may)."""
    if profile is not None and not profile.amp:
        return None
    node = tree.css_first("link[rel=amphtml][href]")
    href = (node.attributes.get("href") or "").strip() if node is not None else ""
    amp = urljoin(url or "", href) if href else None
    return amp if amp and amp != url and amp.startswith(("http://", "https://")) else None


def _fallback(tree: LexborHTMLParser, profile: SiteProfile, ld_body: str | None, reference: list[str]) -> list[str] | None:
    """The profile's reading of the container traced from the structured data's text,
    else from the generic extraction's; None when neither trace holds up."""
    references = [reference]
    if ld_body and count_words(ld_body) >= MIN_REFERENCE_WORDS:
        references.insert(0, ld_body.split("\n"))
    for lines in references:
        node = story_node(tree, lines)
        if node is None:
            continue
        located = container_paragraphs(node, profile)
        if _agrees(located, clean_paragraphs(lines), FALLBACK_SHARE):
            return located
    return None


def _agrees(located: list[str], reference: list[str], share: tuple[float, float]) -> bool:
    """True when the located reading's length is within ``share`` of the reference's."""
    ref_words = count_words(" ".join(reference))
    if not ref_words:
        return False
    ratio = count_words(" ".join(located)) / ref_words
    return share[0] <= ratio <= share[1] and count_words(" ".join(located)) >= MIN_PROFILE_WORDS


def _reader(profile: SiteProfile, extractor: str) -> PageReader:
    """The rules that read a later page for the path that read the first: the profile's
    container, or (a redesigned site, "+fallback") its container if there, else the traced one."""
    if not extractor.endswith("+fallback"):
        return lambda page, _url: profile_body(page, profile)

    def read(page: LexborHTMLParser, page_url: str | None) -> list[str] | None:
        found = profile_body(page, profile)
        if found is not None:
            return found
        return _fallback(page, profile, None, generic_paragraphs(page, page_url))

    return read


def _stitched(
    tree: LexborHTMLParser, url: str | None, profile: SiteProfile, first: list[str], later_pages: LaterPages,
    readings: Readings, extractor: str,
) -> Body:
    """Stitch the next pages of a multi-page article, in order, without repeats; the
    first page neither read already (``readings``, by the same rules) nor in ``later_pages``
    is named as missing."""
    next_url = next_page_url(tree, profile, url)
    paragraphs, seen_urls, pages = list(first), {url}, 1
    seen_paras = set(paragraphs)
    while next_url and next_url not in seen_urls and pages < MAX_PAGES:
        reading = readings.get(next_url)
        if reading is None or reading.reader != extractor:
            if next_url not in later_pages:
                return Body(paragraphs, extractor, pages, next_url)
            reading = read_later_page(later_pages[next_url], next_url, profile, extractor)
        seen_urls.add(next_url)
        if reading is None:  # an empty or broken later page keeps the pages we have
            break
        paragraphs.extend(p for p in reading.paragraphs if p not in seen_paras)
        seen_paras.update(reading.paragraphs)
        pages += 1
        next_url = reading.next_url
    return Body(paragraphs, extractor, pages)


def read_later_page(text: str, url: str, profile: SiteProfile, extractor: str) -> PageReading | None:
    """One later page of a story, parsed once: its paragraphs by the rules of ``extractor``'s
    path and the next page it links to; None for an empty or broken page (the story ends there)."""
    try:
        page = parse_html(decode_page(text))
    except InputError:
        return None
    following = next_page_url(page, profile, url)
    return PageReading(extractor, tuple(_reader(profile, extractor)(page, url) or ()), following)


class PageChain:
    """The later pages of a multi-page story, read one at a time as the fetch loop gets them.

    Why: the fetch loop used to extract the whole article again after each later page to
    learn the next one (n pages: n extractions, n(n+1)/2 parses). It asks this instead:
    each fetched page is parsed once (:func:`read_later_page`), with the rules of
    :func:`_stitched` (the same selectors and reader, no page twice, at most
    :data:`MAX_PAGES`), so the pages fetched are the ones the extractor will stitch; the
    reading travels with the page (:attr:`PageRecord.reading`) and the final extraction
    stitches it instead of parsing the page again: n pages cost n + 2 parses.
    """

    def __init__(self, profile: SiteProfile, first_url: str | None, extractor: str) -> None:
        self.profile = profile
        #: The path that read the first page ("site:NAME" or "site:NAME+fallback"): its rules read the rest.
        self.extractor = extractor
        self.seen: set[str | None] = {first_url}
        self.pages = 1

    def read(self, url: str, text: str) -> tuple[PageReading | None, str | None]:
        """The reading of the later page ``url`` (its text just fetched; None when it is
        broken) and the page to fetch after it (None where the story ends)."""
        self.seen.add(url)
        self.pages += 1
        reading = read_later_page(text, url, self.profile, self.extractor)
        if reading is None or self.pages >= MAX_PAGES or reading.next_url in self.seen:
            return reading, None
        return reading, reading.next_url


def next_page_url(tree: LexborHTMLParser, profile: SiteProfile, base: str | None) -> str | None:
    """The next page a page of a multi-page story links to, by the profile's selectors."""
    for selector in profile.next_page:
        node = tree.css_first(selector)
        href = node.attributes.get("href") if node is not None else None
        if href and not href.startswith(("#", "javascript:")):
            return urljoin(base or "", href)
    return None
