"""Pantau.com (pantau.com): a source-only profile (search data is in __NEXT_DATA__ (facts #55): not
walked).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="pantau",
    domains=("pantau.com",),
    site_names=("Pantau.com",),
    index_pages=("https://www.pantau.com/",),
    region="",
    extraction="generic",
    article_url=r"pantau\.com/[a-z-]+/\d+/",
    notes="search data is in __NEXT_DATA__ (facts #55): not walked",
)
