"""Which of a site's layouts serves a page (versioned selectors, as Fundus versions parsers).

A profile that declares :class:`~scraper.sites.base.Layout` versions reads each page with
one of them, so a 2016 archive and a 2025 page each get their own selectors:

1. the layouts whose body container is on the page; when several are (a class name kept
   across a redesign), the one whose years cover the page's published year;
2. no layout's container on the page (a redesign renamed it): the layout of the page's
   year, else the newest, so the fallback reading (:mod:`scraper.extract.locate_story`) still applies
   that era's drop rules.

The year comes from the structured data or the meta tags, else from a date in the URL
(``/read/2016/02/23/``); never from the profile's own selectors, which depend on the layout.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.dates import parse_date
from scraper.extract.page_meta import PageMeta
from scraper.sites.base import Layout, SiteProfile

__all__ = ["choose_layout", "page_year"]

#: A /YYYY/MM/DD/ date in an article URL (kompas, okezone, tribun, detik 2015).
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01])(?:/|$)")


def page_year(url: str | None, *metas: PageMeta) -> int | None:
    """The year the page was published, from its metadata, else from its URL."""
    for meta in metas:
        parsed = parse_date(meta.published) if meta.published else None
        if parsed is not None:
            return parsed.value.year
    match = _URL_DATE.search(url or "")
    return int(match.group(1)) if match else None


def choose_layout(profile: SiteProfile, tree: LexborHTMLParser, year: int | None) -> SiteProfile:
    """The profile to read this page with: ``profile`` itself when it declares no
    versions, else the chosen layout's profile (see the module docstring)."""
    versions = profile.versions
    if not versions:
        return profile
    present = [(layout, p) for layout, p in versions if _container_on_page(tree, p)]
    dated = [(layout, p) for layout, p in (present or versions) if year is not None and layout.covers(year)]
    if dated:
        return dated[0][1]
    if present:
        return present[0][1]
    return max(versions, key=lambda version: _newness(version[0]))[1]


def _container_on_page(tree: LexborHTMLParser, profile: SiteProfile) -> bool:
    return any(tree.css_first(selector) is not None for selector in profile.body)


def _newness(layout: Layout) -> tuple[int, int]:
    """Sort key: open-ended and later layouts are newer."""
    return (layout.until or 10_000, layout.since or 0)
