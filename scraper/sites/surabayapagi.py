"""Surabaya Pagi (surabayapagi.com): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="surabayapagi",
    domains=("surabayapagi.com",),
    site_names=("Surabaya Pagi",),
    feeds=("https://surabayapagi.com/feed",),
    index_pages=("https://surabayapagi.com/",),
    search=(
        Search(
            "https://surabayapagi.com/search/{query}/{page}",
            first_url="https://surabayapagi.com/search/{query}",
            links=(".category-text-wrap h2 a",),
            note="SITE_FACTS #66",
        ),
    ),
    region="East Java",
    extraction="generic",
    article_url=r"surabayapagi\.com/news-\d+-[^/?#]+",
    notes="site search (facts)",
)
