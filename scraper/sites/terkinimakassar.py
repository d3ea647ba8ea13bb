"""Terkini.id Makassar (makassar.terkini.id): a source-only profile (Makassar; WordPress assumed
(unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://makassar.terkini.id"

PROFILE = SiteProfile(
    name="terkinimakassar",
    domains=("makassar.terkini.id",),
    site_names=("Terkini.id Makassar",),
    feeds=("https://makassar.terkini.id/feed/",),
    index_pages=("https://makassar.terkini.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="South Sulawesi",
    extraction="generic",
    article_url=r"makassar\.terkini\.id/[a-z0-9-]{8,}/?$",
    notes="Makassar; WordPress assumed (unverified)",
)
