"""A profile for a site given on the command line: ``crawl --sitemap/--feed/--start URL``.

A site we have no profile file for can still be crawled with the same politeness,
robots.txt, not-article detection and store: its sources are the URLs given, its
article URLs any in-site link shaped like an article (the classifier's URL hint), and
its pages go through the generic path. A host that a profile owns keeps that profile,
with the given sources instead of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from scraper.extract.classify import ARTICLE_URL_HINT
from scraper.sites import profile_for_url, site_name
from scraper.sites.base import SiteProfile

__all__ = ["ADHOC_NOTE", "adhoc_profiles"]

#: ``SiteProfile.notes`` of a profile made here (the crawl summary suggests `sites new`).
ADHOC_NOTE = "ad hoc: no profile file"


def adhoc_profiles(*, sitemaps: Sequence[str] = (), feeds: Sequence[str] = (),
                   starts: Sequence[str] = ()) -> list[SiteProfile]:
    """One profile per site among the given source URLs (grouped by the site's name)."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for kind, urls in (("sitemaps", sitemaps), ("feeds", feeds), ("index_pages", starts)):
        for url in urls:
            grouped.setdefault(site_name(url) or url, {}).setdefault(kind, []).append(url)
    return [_profile(name, sources) for name, sources in grouped.items()]


def _profile(name: str, sources: dict[str, list[str]]) -> SiteProfile:
    first = next(iter(sources.values()))[0]
    feeds, sitemaps, index_pages = (tuple(sources.get(k, ())) for k in ("feeds", "sitemaps", "index_pages"))
    known = profile_for_url(first)
    if known is not None:
        return replace(known, feeds=feeds, sitemaps=sitemaps, index_pages=index_pages, archives=())
    domain = (urlsplit(first).hostname or "").lower().removeprefix("www.")
    return SiteProfile(name=name, domains=(domain,), feeds=feeds, sitemaps=sitemaps, index_pages=index_pages,
                       article_url=ARTICLE_URL_HINT, notes=ADHOC_NOTE)
