"""Bloomberg Technoz (bloombergtechnoz.com): a source-only profile (site search (facts); article URL
shape unverified).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="bloombergtechnoz",
    domains=("bloombergtechnoz.com",),
    site_names=("Bloomberg Technoz",),
    index_pages=("https://www.bloombergtechnoz.com/",),
    search=(
        Search(
            "https://www.bloombergtechnoz.com/search?query={query}&pagenum={page}",
            links=("div.card-box.ft150.margin-bottom-xl a",),
            note="SITE_FACTS #9",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"bloombergtechnoz\.com/detail-news/\d+/",
    notes="site search (facts); article URL shape unverified",
)
