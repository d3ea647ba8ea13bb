"""Poskota (poskota.co.id): a source-only profile (tag pages as search (facts); dates in the URL).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="poskota",
    domains=("poskota.co.id",),
    site_names=("Poskota",),
    index_pages=("https://www.poskota.co.id/",),
    search=(
        Search(
            "https://www.poskota.co.id/tag/{slug}?page={page}",
            first_url="https://www.poskota.co.id/tag/{slug}",
            newest_first=True,
            note="SITE_FACTS #57: tag pages, URL-date stop",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"poskota\.co\.id/\d{4}/\d\d/\d\d/",
    notes="tag pages as search (facts); dates in the URL",
)
