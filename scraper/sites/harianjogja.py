"""Harian Jogja (harianjogja.com): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="harianjogja",
    domains=("harianjogja.com",),
    site_names=("Harian Jogja",),
    index_pages=("https://www.harianjogja.com/",),
    search=(
        Search(
            "https://www.harianjogja.com/search?q={query}&page={page}",
            note="SITE_FACTS #23",
        ),
    ),
    region="Yogyakarta",
    extraction="generic",
    article_url=r"harianjogja\.com/r-\d+/",
    notes="site search (facts)",
)
