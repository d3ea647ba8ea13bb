"""Niaga.Asia (niaga.asia): a source-only profile (WordPress, Samarinda (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://www.niaga.asia"

PROFILE = SiteProfile(
    name="niagaasia",
    domains=("niaga.asia",),
    site_names=("Niaga.Asia",),
    index_pages=("https://www.niaga.asia/",),
    archives=(wp_archive(BASE),),
    search=(wp_html_search(BASE, links=(".archive-list-wrap a",), note="SITE_FACTS #51: WordPress ?s="),),
    region="East Kalimantan",
    extraction="generic",
    article_url=r"niaga\.asia/(?!wp-|search/|tag/|author/|feed/|category/|topik/|page/|redaksi/)[a-z0-9-]{8,}/?$",
    notes="WordPress, Samarinda (facts)",
)
