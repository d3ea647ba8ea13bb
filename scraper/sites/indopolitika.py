"""Indopolitika (indopolitika.com): a source-only profile (WordPress (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://indopolitika.com"

PROFILE = SiteProfile(
    name="indopolitika",
    domains=("indopolitika.com",),
    site_names=("Indopolitika",),
    index_pages=("https://indopolitika.com/indeks-berita/",),
    archives=(wp_archive(BASE),),
    search=(
        wp_html_search(BASE, links=("h2.media-title a.media-link",), note="SITE_FACTS #30: WordPress ?s=, title filter"),
    ),
    region="",
    extraction="generic",
    article_url=r"indopolitika\.com/(?!about|author|category|feed|indeks-berita|page|search|sitemap|tag|wp-)[a-z0-9-]{8,}/?$",
    notes="WordPress (facts)",
)
