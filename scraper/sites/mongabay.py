"""Mongabay Indonesia (mongabay.co.id): a source-only profile (WordPress REST (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://mongabay.co.id"

PROFILE = SiteProfile(
    name="mongabay",
    domains=("mongabay.co.id",),
    site_names=("Mongabay Indonesia",),
    index_pages=("https://mongabay.co.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="SITE_FACTS #50: WordPress REST"),),
    region="",
    extraction="generic",
    article_url=r"mongabay\.co\.id/\d{4}/\d\d/\d\d/[a-z0-9-]+",
    notes="WordPress REST (facts)",
)
