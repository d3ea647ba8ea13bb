"""PageMeta: what one source says about a page (a site profile's selectors, JSON-LD, meta
tags, an embedded story object, the page text), and :func:`merge`, the field precedence
(site rule > JSON-LD > OpenGraph/meta > generic) in one place.

A plain record with no reading of its own, so every reader (scraper.extract.metadata,
profile_fields, embedded, page_text), every consumer (people, section, tags, layouts) and
a site's hook type (scraper.sites.base) can import it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class PageMeta:
    """Metadata one source gives; ``None``/empty means the source did not say."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    #: The sub-rubric a source names apart from ``section`` (meta ``content_subcategory``).
    subsection: str | None = None
    #: A JSON-LD BreadcrumbList's item names, in order (home link and headline included).
    breadcrumb: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: Keyword lists that may hold the tags, most specific first (``news_keywords``,
    #: ``keywords``); scraper.extract.tags picks among them and ``tags``.
    keyword_lists: list[list[str]] = field(default_factory=list)
    description: str | None = None
    image: str | None = None
    language: str | None = None
    body: str | None = None  # JSON-LD articleBody, a fallback body: one paragraph per line
    page_type: str | None = None  # "article", "website", "video", ...
    #: People credited as editor (JSON-LD ``editor``, ``content_editor`` meta, itemprop=editor).
    editors: list[str] = field(default_factory=list)
    #: Which source this is ("jsonld", "meta", "text"; "" for a site profile's selectors) and,
    #: after :func:`merge`, which source gave each field: some sites' JSON-LD ``author`` is
    #: the editor, so the byline rules (scraper.extract.people) must know where the authors came from.
    origin: str = ""
    origins: dict[str, str] = field(default_factory=dict)


_PROVENANCE = ("origin", "origins")


def merge(*sources: PageMeta) -> PageMeta:
    """First non-empty value per field, sources given in precedence order."""
    out = PageMeta()
    for f in fields(PageMeta):
        if f.name in _PROVENANCE:
            continue
        for src in sources:
            value = getattr(src, f.name)
            if value:
                setattr(out, f.name, value)
                out.origins[f.name] = src.origins.get(f.name) or src.origin or "site"
                break
    return out
