"""Kaltim Today (kaltimtoday.co): a source-only profile (Samarinda; WordPress assumed (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://kaltimtoday.co"

PROFILE = SiteProfile(
    name="kaltimtoday",
    domains=("kaltimtoday.co",),
    site_names=("Kaltim Today",),
    feeds=("https://kaltimtoday.co/feed/",),
    index_pages=("https://kaltimtoday.co/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="East Kalimantan",
    extraction="generic",
    article_url=r"kaltimtoday\.co/[a-z0-9-]{8,}/?$",
    notes="Samarinda; WordPress assumed (unverified)",
)
