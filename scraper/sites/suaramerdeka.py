"""Suara Merdeka (suaramerdeka.com): a source-only profile (site search (facts), Semarang).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="suaramerdeka",
    domains=("suaramerdeka.com",),
    site_names=("Suara Merdeka",),
    index_pages=("https://www.suaramerdeka.com/",),
    search=(
        Search(
            "https://www.suaramerdeka.com/search?q={query}&page={page}",
            links=("h2 a",),
            max_pages=5,
            note="SITE_FACTS #65",
        ),
    ),
    region="Central Java",
    extraction="generic",
    article_url=r"suaramerdeka\.com/\w+/\d{10}/",
    notes="site search (facts), Semarang",
)
