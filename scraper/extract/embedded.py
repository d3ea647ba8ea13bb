"""The story a script-built page embeds when its HTML body is empty or partial.

Two ways to find it, both ending in the paragraph reading every other path uses:

- declared by the site (``SiteProfile.embedded``: "SOURCE:PATH" strings, tried in order).
  SOURCE is ``jsonld`` (the JSON-LD articleBody), a payload of :mod:`scraper.extract.payloads`
  (``next_data``, ``next_f``, ``nuxt_data``, ``nuxt``) or ``payload_json`` (a second
  document, fetched by :func:`scraper.extract.article_documents.fetch_whole_article`). PATH leads to the
  story's HTML or text, or to the story object, whose conventional keys (content/body,
  title/headline, published_at/datePublished, authors/author) give the body and the
  metadata; an empty PATH means "the longest story field in it";
- on a page of an unknown site: the longest HTML or prose field of any payload on the
  page (or the articleBody), when it is clearly a story (:data:`STORY_WORDS`).

An HTML story is read with the profile's drop selectors and paragraph rules (the generic
node rules on unknown sites), a text story line by line with the paragraph rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.article import count_words
from scraper.extract.boilerplate import clean_paragraphs
from scraper.extract.generic import fragment_paragraphs
from scraper.extract.page_meta import PageMeta
from scraper.extract.paragraphs import normalize_space
from scraper.extract.payloads import READERS, find, parse_payload_json, strings
from scraper.extract.people import story_object_people
from scraper.extract.profile_fields import container_paragraphs, text_paragraphs
from scraper.sites.base import SiteProfile

__all__ = ["STORY_WORDS", "Found", "Story", "declared_story", "discovered_story", "payload_url"]

#: An undeclared field is a story only from this many words on (teasers and
#: descriptions are shorter).
STORY_WORDS = 80
#: Keys of a story object, in order of preference.
BODY_KEYS = ("content", "body", "articleBody", "article_body", "content_html", "contentHtml", "body_html",
             "bodyHtml", "html", "text", "isi")
TITLE_KEYS = ("headline", "title", "name", "judul")
DATE_KEYS = ("datePublished", "published_at", "publishedAt", "publish_date", "publishDate", "date_published",
             "published", "created_at", "createdAt", "date")
_HTML = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|table)\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?(?:\s|$)")

#: Reads a story's markup or lines into paragraphs (a site's rules, or the generic ones).
ReadNode = Callable[[LexborNode], list[str]]
ReadLines = Callable[[list[str]], list[str]]


@dataclass
class Story:
    paragraphs: list[str]
    #: What the story object says about itself (lowest precedence: after the page's own).
    meta: PageMeta = field(default_factory=PageMeta)

    @property
    def words(self) -> int:
        return count_words(" ".join(self.paragraphs))


@dataclass
class Found:
    """The embedded story, if found; else the second document it may be in, if any."""

    story: Story | None = None
    wanted: str | None = None


def declared_story(
    tree: LexborHTMLParser, url: str | None, profile: SiteProfile, ld_body: str | None, later: Mapping[str, str],
) -> Found:
    """The story where the profile says the site embeds it."""
    node_reader: ReadNode = lambda node: container_paragraphs(node, profile)  # noqa: E731
    line_reader: ReadLines = lambda lines: text_paragraphs(lines, profile)  # noqa: E731
    wanted = None
    for spec in profile.embedded:
        source, _, path = spec.partition(":")
        if source == "jsonld":
            story = _text_story(ld_body, line_reader) if ld_body else None
        elif source == "payload_json":
            address = payload_url(tree, url, guess=True)
            if address is None or address not in later:
                wanted = wanted or address
                continue
            story = _story_at(parse_payload_json(later[address]), path, {}, node_reader, line_reader)
        else:
            data, refs = _payload(tree, source)
            story = _story_at(data, path, refs, node_reader, line_reader)
        if story is not None and story.paragraphs:
            return Found(story)
    return Found(None, wanted)


def discovered_story(
    tree: LexborHTMLParser, url: str | None, ld_body: str | None, later: Mapping[str, str],
) -> Found:
    """The longest story field of the page's payloads (an unknown site's page)."""
    node_reader: ReadNode = lambda node: clean_paragraphs(fragment_paragraphs(node))  # noqa: E731
    line_reader: ReadLines = clean_paragraphs
    best: tuple[int, Story | None] = (0, None)
    if ld_body and count_words(ld_body) >= STORY_WORDS:
        best = (count_words(ld_body), _text_story(ld_body, line_reader))
    for source in READERS:
        data, refs = _payload(tree, source)
        best = max(best, _longest(data, refs, node_reader, line_reader), key=lambda pair: pair[0])
    wanted = payload_url(tree, url, guess=False)
    if wanted is not None and wanted in later:
        best = max(best, _longest(parse_payload_json(later[wanted]), {}, node_reader, line_reader),
                   key=lambda pair: pair[0])
        wanted = None
    return Found(best[1], wanted if best[1] is None else None)


def payload_url(tree: LexborHTMLParser, url: str | None, *, guess: bool) -> str | None:
    """The page's Nuxt ``_payload.json``: named by the ``__NUXT_DATA__`` script or a
    preload link, else (``guess``, for a site known to use one) the page's path plus
    ``/_payload.json``, the address Nuxt itself derives."""
    node = tree.css_first("script#__NUXT_DATA__[data-src]") or tree.css_first("link[href*='_payload.json']")
    href = node.attributes.get("data-src") or node.attributes.get("href") if node is not None else None
    if href:
        return urljoin(url or "", href)
    if not guess or not url:
        return None
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/_payload.json", query="", fragment=""))


def _payload(tree: LexborHTMLParser, source: str) -> tuple[Any, dict[str, Any]]:
    """The payload's data and, for flight rows, the rows its references point to."""
    reader = READERS.get(source)
    data = reader(tree) if reader is not None else None
    if source == "next_f" and isinstance(data, dict):
        return {key: value for key, value in data.items() if not isinstance(value, str)}, data
    return data, {}


def _story_at(data: Any, path: str, refs: dict[str, Any], read_node: ReadNode, read_lines: ReadLines) -> Story | None:
    if data is None:
        return None
    if not path:
        return _longest(data, refs, read_node, read_lines, minimum=1)[1]
    for value in find(data, path, refs):
        if isinstance(value, dict):
            story = _object_story(value, read_node, read_lines)
        elif isinstance(value, str) and value.strip():
            story = _string_story(value, read_node, read_lines)
        else:
            continue
        if story is not None:
            return story
    return None


def _longest(
    data: Any, refs: dict[str, Any], read_node: ReadNode, read_lines: ReadLines, minimum: int = STORY_WORDS,
) -> tuple[int, Story | None]:
    """(words, story) of the longest story-like string in ``data``."""
    best: tuple[int, str, Any] | None = None
    for value, holder in strings(data, refs):
        words = _story_words(value)
        if words >= minimum and (best is None or words > best[0]):
            best = (words, value, holder)
    if best is None:
        return 0, None
    story = _string_story(best[1], read_node, read_lines)
    if story is not None and isinstance(best[2], dict):
        story.meta = _object_meta(best[2])
    return best[0], story


def _story_words(value: str) -> int:
    """Words of a string that reads like a story (HTML paragraphs, or sentences), else 0."""
    if _HTML.search(value):
        return count_words(_TAG.sub(" ", value))
    if len(_SENTENCE_END.findall(value)) < 2:
        return 0
    return count_words(value)


def _object_story(obj: dict[str, Any], read_node: ReadNode, read_lines: ReadLines) -> Story | None:
    body = next((obj[key] for key in BODY_KEYS if isinstance(obj.get(key), str) and obj[key].strip()), None)
    story = _string_story(body, read_node, read_lines) if body else None
    if story is not None:
        story.meta = _object_meta(obj)
    return story


def _string_story(value: str, read_node: ReadNode, read_lines: ReadLines) -> Story | None:
    if _HTML.search(value):
        root = LexborHTMLParser(f"<body>{value}</body>").body
        return Story(read_node(root)) if root is not None else None
    return _text_story(value, read_lines)


def _text_story(text: str, read_lines: ReadLines) -> Story:
    return Story(read_lines([line for line in text.split("\n") if line.strip()]))


def _object_meta(obj: dict[str, Any]) -> PageMeta:
    """Title, date, writers and editors of a story object, by its conventional keys."""
    authors, editors = story_object_people(obj)
    return PageMeta(
        title=_first_text(obj, TITLE_KEYS),
        published=_first_text(obj, DATE_KEYS),
        authors=authors,
        editors=editors,
        origin="embedded",
    )


def _first_text(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip() and not _HTML.search(value):
            return normalize_space(value)
    return None

