"""Is this page an article? Home, section, index, tag and search pages are not.

Generic extractors return an "article" for every page; a crawl that stores home pages as
articles pollutes the database. The decision combines the URL's shape with what the page
says about itself and how its text is built: listing pages are mostly links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.paragraphs import normalize_space

#: Paths of listing pages on Indonesian news sites.
_LISTING_PATH = re.compile(
    r"^/(?:indeks|index|index\.php|index_generator|tag|tags|topik|topic|search|cari|pencarian|kategori|"
    r"category|kanal|channel|author|penulis|reporter|arsip|archive|terpopuler|terkini|terbaru|rss|"
    r"sitemap|engine)(?:[/._-].*)?$",
    re.IGNORECASE,
)
#: A single one-word path segment is a section front ("/inggris", "/news/"); a slug with
#: hyphens ("/about-bugs/") is left undecided.
_SECTION_PATH = re.compile(r"^/[a-z]+/?$", re.IGNORECASE)
_ARTICLE_HINT = r"\d{4,}|/read/|/berita/|/news/\d|\.html?$|-[a-z0-9]+-[a-z0-9]+-[a-z0-9]+"
_ARTICLE_PATH_HINT = re.compile(_ARTICLE_HINT)
#: The same hint as a full-URL regex (searched after the host), for sites with no profile.
ARTICLE_URL_HINT = rf"^https?://[^/?#]+/[^?#]*?(?:{_ARTICLE_HINT})"

MIN_ARTICLE_WORDS = 40
MAX_LINK_DENSITY = 0.45


@dataclass(frozen=True)
class PageSignals:
    """What the classifier looked at (kept for debugging and tests)."""

    url_kind: str  # "home", "listing", "section", "article", "unknown"
    declared_article: bool  # JSON-LD article type or og:type=article
    link_density: float  # share of the <body> text inside links
    body_words: int  # words of the extracted story
    coherent_text: bool = False  # the page holds a long run of prose (scraper.extract.density)


def url_kind(url: str | None) -> str:
    """Classify a URL by its path alone."""
    if not url:
        return "unknown"
    parts = urlsplit(url)
    path = parts.path or "/"
    if path in ("/", "") and not parts.query:
        return "home"
    if _LISTING_PATH.match(path):
        return "listing"
    if _ARTICLE_PATH_HINT.search(path):
        return "article"
    if _SECTION_PATH.match(path):
        return "section"
    return "unknown"


def link_density(tree: LexborHTMLParser) -> float:
    """Share of the body's visible text that sits inside <a> elements."""
    body = tree.body
    if body is None:
        return 0.0
    total = len(normalize_space(body.text(separator=" ")))
    if not total:
        return 1.0
    linked = sum(len(normalize_space(a.text(separator=" "))) for a in body.css("a"))
    return min(1.0, linked / total)


def is_article(signals: PageSignals) -> bool:
    """The decision, in one place. A long coherent run of prose is a story on a URL of
    any shape but a home page or a listing path, however many links surround it (a
    blog post, a fiction chapter: no news markup, a menu of hundreds of links)."""
    if signals.body_words < MIN_ARTICLE_WORDS // 4:
        return False
    if signals.url_kind == "home":
        return False
    if signals.coherent_text and signals.url_kind != "listing":
        return True
    if signals.url_kind in ("listing", "section") and not signals.declared_article:
        return False
    if signals.url_kind == "article" or signals.declared_article:
        return signals.body_words >= MIN_ARTICLE_WORDS // 4
    return signals.body_words >= MIN_ARTICLE_WORDS and signals.link_density <= MAX_LINK_DENSITY
