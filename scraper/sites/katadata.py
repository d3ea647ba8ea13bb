"""Katadata (katadata.co.id): a source-only profile (search is a POST JSON API (facts #40): not
walked).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="katadata",
    domains=("katadata.co.id",),
    site_names=("Katadata",),
    index_pages=("https://katadata.co.id/indeks",),
    region="",
    extraction="generic",
    article_url=r"katadata\.co\.id/[a-z0-9-]+/[a-z0-9-]+/[0-9a-f]{10,}/",
    notes="search is a POST JSON API (facts #40): not walked",
)
