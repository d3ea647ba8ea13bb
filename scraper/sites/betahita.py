"""Betahita (betahita.id): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="betahita",
    domains=("betahita.id",),
    site_names=("Betahita",),
    index_pages=("https://www.betahita.id/",),
    search=(
        Search(
            "https://www.betahita.id/search?query={query}&pagenum={page}",
            note="SITE_FACTS #7",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"betahita\.id/(?:berita|opini|sorot)/\d+/[a-z0-9][a-z0-9-]*",
    notes="site search (facts)",
)
