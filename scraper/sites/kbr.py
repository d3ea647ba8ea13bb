"""KBR (kbr.id): a source-only profile (site search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="kbr",
    domains=("kbr.id",),
    site_names=("KBR",),
    index_pages=("https://kbr.id/articles/indeks",),
    search=(
        Search(
            "https://kbr.id/search?q={query}&page={page}",
            note="SITE_FACTS #41",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"kbr\.id/articles/[^/]+/[^/]+",
    notes="site search (facts)",
)
