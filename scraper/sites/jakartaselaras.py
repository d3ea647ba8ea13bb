"""Jakarta Selaras (jakarta.selaras.co.id): a source-only profile (RSS only (facts #36)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="jakartaselaras",
    domains=("jakarta.selaras.co.id",),
    site_names=("Jakarta Selaras",),
    feeds=("https://jakarta.selaras.co.id/rss",),
    index_pages=("https://jakarta.selaras.co.id/",),
    region="Jakarta",
    extraction="generic",
    article_url=r"jakarta\.selaras\.co\.id/detail/\d+/[a-z0-9-]+",
    notes="RSS only (facts #36)",
)
