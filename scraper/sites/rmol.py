"""RMOL (rmol.id): a source-only profile (tag pages as search (facts); dates in the URL).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="rmol",
    domains=("rmol.id",),
    site_names=("RMOL",),
    index_pages=("https://rmol.id/",),
    search=(
        Search(
            "https://rmol.id/tag/{slug}?page={page}",
            first_url="https://rmol.id/tag/{slug}",
            links=(".rubrik-list-title a",),
            newest_first=True,
            note="SITE_FACTS #61: tag pages",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"rmol\.id/(?:[a-z0-9-]+/)?read/\d{4}/\d\d/\d\d/\d+/[a-z0-9][a-z0-9-]*$",
    notes="tag pages as search (facts); dates in the URL",
)
