"""Kabar Papua (kabarpapua.co): a source-only profile (Papua; WordPress assumed (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://kabarpapua.co"

PROFILE = SiteProfile(
    name="kabarpapua",
    domains=("kabarpapua.co",),
    site_names=("Kabar Papua",),
    feeds=("https://kabarpapua.co/feed/",),
    index_pages=("https://kabarpapua.co/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="Papua",
    extraction="generic",
    article_url=r"kabarpapua\.co/[a-z0-9-]{8,}/?$",
    notes="Papua; WordPress assumed (unverified)",
)
