"""VOI.id (voi.id): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="voi",
    domains=("voi.id",),
    site_names=("VOI.id",),
    index_pages=("https://voi.id/artikel/indeks",),
    search=(
        Search(
            "https://voi.id/artikel/cari?q={query}&page={page}",
            links=(".section-item-title a",),
            note="SITE_FACTS #75",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"voi\.id/(?!artikel/|en/|index|indeks|search)[a-z-]+/\d+",
    notes="site search (facts)",
)
