"""Fajar (fajar.co.id): a source-only profile (WordPress, Makassar (facts); dates in the URL).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://fajar.co.id"

PROFILE = SiteProfile(
    name="fajar",
    domains=("fajar.co.id",),
    site_names=("Fajar",),
    index_pages=("https://fajar.co.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_html_search(BASE, note="SITE_FACTS #18: WordPress ?s="),),
    region="South Sulawesi",
    extraction="generic",
    article_url=r"fajar\.co\.id/\d{4}/\d\d/\d\d/[a-z0-9-]+",
    notes="WordPress, Makassar (facts); dates in the URL",
)
