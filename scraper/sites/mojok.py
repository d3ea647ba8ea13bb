"""Mojok (mojok.co): a source-only profile (WordPress (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://mojok.co"

PROFILE = SiteProfile(
    name="mojok",
    domains=("mojok.co",),
    site_names=("Mojok",),
    index_pages=("https://mojok.co/",),
    archives=(wp_archive(BASE),),
    search=(wp_html_search(BASE, note="SITE_FACTS #49: WordPress ?s="),),
    region="Yogyakarta",
    extraction="generic",
    article_url=r"mojok\.co/(?!author/|page/|tag/|feed/|wp-)[a-z0-9-]+/[a-z0-9-]+/.+",
    notes="WordPress (facts)",
)
