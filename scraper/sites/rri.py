"""RRI (rri.co.id): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="rri",
    domains=("rri.co.id",),
    site_names=("RRI",),
    index_pages=("https://rri.co.id/",),
    search=(
        Search(
            "https://rri.co.id/search?q={query}&page={page}",
            note="SITE_FACTS #62 (plain HTTP works)",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"rri\.co\.id/[a-z0-9-]+/(?:[a-z0-9-]+/)?\d+/[a-z0-9-]+",
    notes="site search (facts)",
)
