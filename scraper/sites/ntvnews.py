"""NTVNews.id (ntvnews.id): a source-only profile (news sitemap (~48 h, facts #52): latest only).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="ntvnews",
    domains=("ntvnews.id",),
    site_names=("NTVNews.id",),
    index_pages=("https://www.ntvnews.id/",),
    region="",
    extraction="generic",
    article_url=r"ntvnews\.id/[a-z-]+/\d{8}/[a-z0-9-]+",
    notes="news sitemap (~48 h, facts #52): latest only",
)
