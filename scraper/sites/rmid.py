"""RM.ID (rm.id): a source-only profile (WordPress (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://rm.id"

PROFILE = SiteProfile(
    name="rmid",
    domains=("rm.id",),
    site_names=("RM.ID",),
    index_pages=("https://rm.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_html_search(BASE, links=('a[href*="/baca-berita/"]',), note="SITE_FACTS #60: WordPress ?s=, 5 pages"),),
    region="",
    extraction="generic",
    article_url=r"rm\.id/baca-berita/",
    notes="WordPress (facts)",
)
