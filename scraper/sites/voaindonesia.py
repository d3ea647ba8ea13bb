"""VOA Indonesia (voaindonesia.com): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="voaindonesia",
    domains=("voaindonesia.com",),
    site_names=("VOA Indonesia",),
    index_pages=("https://www.voaindonesia.com/z",),
    search=(
        Search(
            "https://www.voaindonesia.com/s?k={query}&page={page}",
            links=("#search-results a",),
            note="SITE_FACTS #74",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"voaindonesia\.com/a/.+\.html$",
    notes="site search (facts)",
)
