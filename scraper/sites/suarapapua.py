"""Suara Papua (suarapapua.com): a source-only profile (Papua; WordPress assumed from its
/YYYY/MM/DD/ URLs (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://suarapapua.com"

PROFILE = SiteProfile(
    name="suarapapua",
    domains=("suarapapua.com",),
    site_names=("Suara Papua",),
    feeds=("https://suarapapua.com/feed/",),
    index_pages=("https://suarapapua.com/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="Papua",
    extraction="generic",
    article_url=r"suarapapua\.com/\d{4}/\d\d/\d\d/[a-z0-9-]+",
    notes="Papua; WordPress assumed from its /YYYY/MM/DD/ URLs (unverified)",
)
