"""NusaBali (nusabali.com): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="nusabali",
    domains=("nusabali.com",),
    site_names=("NusaBali",),
    index_pages=("https://www.nusabali.com/",),
    search=(
        Search(
            "https://www.nusabali.com/search?keyword={query}&page={page}",
            links=("#article-list a",),
            note="SITE_FACTS #53",
        ),
    ),
    region="Bali",
    extraction="generic",
    article_url=r"nusabali\.com/berita/\d+/[a-z0-9][a-z0-9-]*$",
    notes="site search (facts)",
)
