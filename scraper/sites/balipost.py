"""Bali Post (balipost.com): a source-only profile (WordPress; its /?s= search returns an empty
cached page (facts #3), so no search).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive
from scraper.sites.base import SiteProfile

BASE = "https://www.balipost.com"

PROFILE = SiteProfile(
    name="balipost",
    domains=("balipost.com",),
    site_names=("Bali Post",),
    index_pages=("https://www.balipost.com/",),
    archives=(wp_archive(BASE),),
    region="Bali",
    extraction="generic",
    article_url=r"balipost\.com/news/\d{4}/\d\d/\d\d/\d+/",
    notes="WordPress; its /?s= search returns an empty cached page (facts #3), so no search",
)
