"""Alinea.id (alinea.id): a source-only profile (site search pages (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="alinea",
    domains=("alinea.id",),
    site_names=("Alinea.id",),
    index_pages=("https://www.alinea.id/indeks",),
    search=(
        Search(
            "https://www.alinea.id/search?q={query}&page={page}",
            links=(".hasilcari .box1 a",),
            note="SITE_FACTS #1",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"alinea\.id/(?:peristiwa|politik|bisnis|kolom|gaya-hidup)/[^/?#]+-b[a-z0-9]+",
    notes="site search pages (facts)",
)
