"""Infobanknews (infobanknews.com): a source-only profile (WordPress REST (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

BASE = "https://infobanknews.com"

PROFILE = SiteProfile(
    name="infobanknews",
    domains=("infobanknews.com",),
    site_names=("Infobanknews",),
    index_pages=("https://infobanknews.com/",),
    archives=(wp_archive(BASE),),
    search=(wp_search(BASE, note="SITE_FACTS #32: WordPress REST"),),
    region="",
    extraction="generic",
    article_url=r"infobanknews\.com/(?!wp-|category/|tag/|author/|feed)[a-z0-9][a-z0-9-]*/?$",
    notes="WordPress REST (facts)",
)
