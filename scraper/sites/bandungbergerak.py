"""BandungBergerak (bandungbergerak.id): a source-only profile (Bandung; latest sources only).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="bandungbergerak",
    domains=("bandungbergerak.id",),
    site_names=("BandungBergerak",),
    feeds=("https://bandungbergerak.id/feed/",),
    index_pages=("https://bandungbergerak.id/",),
    region="West Java",
    extraction="generic",
    article_url=r"bandungbergerak\.id/article/detail/\d+/[a-z0-9-]+",
    notes="Bandung; latest sources only",
)
