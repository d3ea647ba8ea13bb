"""Grid.id (grid.id): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="grid",
    domains=("grid.id",),
    site_names=("Grid.id",),
    index_pages=("https://www.grid.id/",),
    search=(
        Search(
            "https://www.grid.id/search?q={query}&page={page}",
            links=(".news-list__list a",),
            note="SITE_FACTS #22",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"grid\.id/read/\d+/",
    notes="site search (facts)",
)
