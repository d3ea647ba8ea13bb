"""Jubi (Papua) (jubi.id): a source-only profile (Papua; WordPress assumed (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://jubi.id"

PROFILE = SiteProfile(
    name="jubi",
    domains=("jubi.id",),
    site_names=("Jubi (Papua)",),
    feeds=("https://jubi.id/feed/",),
    index_pages=("https://jubi.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="Papua",
    extraction="generic",
    article_url=r"jubi\.id/[a-z0-9-]+/\d{4}/[a-z0-9-]+",
    notes="Papua; WordPress assumed (unverified)",
)
