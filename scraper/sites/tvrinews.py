"""TVRI News (tvrinews.com): a source-only profile (subdomain news sitemaps (facts #72): latest
only).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="tvrinews",
    domains=("tvrinews.com",),
    site_names=("TVRI News",),
    index_pages=("https://nasional.tvrinews.com/",),
    region="",
    extraction="generic",
    article_url=r"tvrinews\.com/[a-z0-9-]+/",
    notes="subdomain news sitemaps (facts #72): latest only",
)
