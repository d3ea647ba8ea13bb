"""DailySocial (news.dailysocial.id): a source-only profile (WordPress (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive, wp_html_search
from scraper.sites.base import SiteProfile

BASE = "https://news.dailysocial.id"

PROFILE = SiteProfile(
    name="dailysocial",
    domains=("news.dailysocial.id",),
    site_names=("DailySocial",),
    index_pages=("https://news.dailysocial.id/",),
    archives=(wp_archive(BASE),),
    search=(wp_html_search(BASE, links=("article.type-post .entry-title a",), note="SITE_FACTS #14: WordPress ?s="),),
    region="",
    extraction="generic",
    article_url=r"news\.dailysocial\.id/post/[^/]+",
    notes="WordPress (facts)",
)
