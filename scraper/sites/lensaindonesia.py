"""LensaIndonesia (lensaindonesia.com): a source-only profile (Surabaya; WordPress assumed from its
/YYYY/MM/DD/ URLs (unverified)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://www.lensaindonesia.com"

PROFILE = SiteProfile(
    name="lensaindonesia",
    domains=("lensaindonesia.com",),
    site_names=("LensaIndonesia",),
    feeds=("https://www.lensaindonesia.com/feed/",),
    index_pages=("https://www.lensaindonesia.com/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="WordPress convention (unverified)"),),
    region="East Java",
    extraction="generic",
    article_url=r"lensaindonesia\.com/\d{4}/\d\d/\d\d/[a-z0-9-]+",
    notes="Surabaya; WordPress assumed from its /YYYY/MM/DD/ URLs (unverified)",
)
