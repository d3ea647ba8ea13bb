"""MetroTV News (metrotvnews.com): a source-only profile (site search (facts); article URL shape
unverified).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="metrotvnews",
    domains=("metrotvnews.com",),
    site_names=("MetroTV News",),
    index_pages=("https://www.metrotvnews.com/",),
    search=(
        Search(
            "https://www.metrotvnews.com/search?query={query}&page={page}",
            links=(".item .text h3 a",),
            note="SITE_FACTS #48",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"metrotvnews\.com/(?:read|play)/[A-Za-z0-9]+-",
    notes="site search (facts); article URL shape unverified",
)
