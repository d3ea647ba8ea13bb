"""Banten News (bantennews.co.id): a source-only profile (WordPress (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import WP_LINKS, wp_archive, wp_html_search, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://www.bantennews.co.id"

PROFILE = SiteProfile(
    name="bantennews",
    domains=("bantennews.co.id",),
    site_names=("Banten News",),
    index_pages=("https://www.bantennews.co.id/",),
    archives=(wp_archive(BASE),),
    search=(
        wp_html_search(BASE, links=(".entry-title.td-module-title a", *WP_LINKS), note="SITE_FACTS #4: WordPress ?s="),
        wp_search(BASE),
    ),
    region="Banten",
    extraction="generic",
    article_url=r"bantennews\.co\.id/[a-z0-9][a-z0-9-]{8,}/?$",
    notes="WordPress (facts)",
)
