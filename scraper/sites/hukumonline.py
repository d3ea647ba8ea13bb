"""Hukumonline (hukumonline.com): a source-only profile (sitemap with lastmod (facts #25): URLs kept
by date; search needs a login).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Archive, SiteProfile

PROFILE = SiteProfile(
    name="hukumonline",
    domains=("hukumonline.com",),
    site_names=("Hukumonline",),
    index_pages=("https://www.hukumonline.com/",),
    archives=(Archive("https://www.hukumonline.com/berita/sitemap.xml", kind="sitemap", per="month"),),
    region="",
    extraction="generic",
    article_url=r"hukumonline\.com/berita/a/[a-z0-9-]+",
    notes="sitemap with lastmod (facts #25): URLs kept by date; search needs a login",
)
