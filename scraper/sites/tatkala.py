"""Tatkala (tatkala.co): a source-only profile (Bali; WordPress assumed (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://tatkala.co"

PROFILE = SiteProfile(
    name="tatkala",
    domains=("tatkala.co",),
    site_names=("Tatkala",),
    feeds=("https://tatkala.co/feed/",),
    index_pages=("https://tatkala.co/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="Bali",
    extraction="generic",
    article_url=r"tatkala\.co/\d{4}/\d\d/\d\d/[a-z0-9-]+",
    notes="Bali; WordPress assumed (unverified)",
)
