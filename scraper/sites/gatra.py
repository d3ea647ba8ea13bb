"""Gatra (gatra.net): a source-only profile (WordPress; its /?s= ignores the query (facts #20), so
no search).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive
from scraper.sites.base import SiteProfile

BASE = "https://www.gatra.net"

PROFILE = SiteProfile(
    name="gatra",
    domains=("gatra.net",),
    site_names=("Gatra",),
    index_pages=("https://www.gatra.net/",),
    archives=(wp_archive(BASE),),
    region="",
    extraction="generic",
    article_url=r"gatra\.net/news-\d+-",
    notes="WordPress; its /?s= ignores the query (facts #20), so no search",
)
