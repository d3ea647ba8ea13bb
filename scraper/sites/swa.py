"""SWA (swa.co.id): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="swa",
    domains=("swa.co.id",),
    site_names=("SWA",),
    index_pages=("https://swa.co.id/latest",),
    search=(
        Search(
            "https://swa.co.id/search?q={query}&page={page}",
            note="SITE_FACTS #67",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"swa\.co\.id/read/\d+/",
    notes="site search (facts)",
)
