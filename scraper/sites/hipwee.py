"""Hipwee (hipwee.com): a source-only profile (WordPress (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://www.hipwee.com"

PROFILE = SiteProfile(
    name="hipwee",
    domains=("hipwee.com",),
    site_names=("Hipwee",),
    index_pages=("https://www.hipwee.com/",),
    archives=(wp_archive(BASE),),
    search=(wp_html_search(BASE, note="SITE_FACTS #24: WordPress ?s="),),
    region="",
    extraction="generic",
    article_url=r"hipwee\.com/(?!tag/|author/|category/|feed/)[a-z0-9-]+/[^/]+/?$",
    notes="WordPress (facts)",
)
