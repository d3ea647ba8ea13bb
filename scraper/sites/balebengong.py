"""BaleBengong (balebengong.id): a source-only profile (Bali citizen journalism; WordPress assumed
(unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://balebengong.id"

PROFILE = SiteProfile(
    name="balebengong",
    domains=("balebengong.id",),
    site_names=("BaleBengong",),
    feeds=("https://balebengong.id/feed/",),
    index_pages=("https://balebengong.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="Bali",
    extraction="generic",
    article_url=r"balebengong\.id/[a-z0-9-]{8,}/?$",
    notes="Bali citizen journalism; WordPress assumed (unverified)",
)
