"""Berita Jatim (beritajatim.com): a source-only profile (tag pages as search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive
from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="beritajatim",
    domains=("beritajatim.com",),
    site_names=("Berita Jatim",),
    index_pages=("https://beritajatim.com/",),
    # its latest pages are WordPress-style /page/N/ (facts #5): day archives assumed (unverified)
    archives=(wp_archive("https://beritajatim.com"),),
    search=(
        Search(
            "https://beritajatim.com/tag/{slug}?page={page}",
            first_url="https://beritajatim.com/tag/{slug}",
            links=("h2 a", "h3 a"),
            title_filter=False,
            newest_first=True,
            note="SITE_FACTS #5: tag pages",
        ),
    ),
    region="East Java",
    extraction="generic",
    article_url=r"beritajatim\.com/(?!kanal/|tag/|author/|category/|page/|arsip)[a-z0-9-]{12,}/?$",
    notes="tag pages as search (facts)",
)
