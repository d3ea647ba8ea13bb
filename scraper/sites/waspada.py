"""Waspada (waspada.id): a source-only profile (Medan; WordPress assumed (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://waspada.id"

PROFILE = SiteProfile(
    name="waspada",
    domains=("waspada.id",),
    site_names=("Waspada",),
    feeds=("https://waspada.id/feed/",),
    index_pages=("https://waspada.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="North Sumatra",
    extraction="generic",
    article_url=r"waspada\.id/[a-z0-9-]+/[a-z0-9-]{8,}/?$",
    notes="Medan; WordPress assumed (unverified)",
)
