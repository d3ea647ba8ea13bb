"""Project Multatuli (projectmultatuli.org): a source-only profile (WordPress/Elementor (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive
from scraper.sites.base import Search, SiteProfile

BASE = "https://projectmultatuli.org"

PROFILE = SiteProfile(
    name="projectmultatuli",
    domains=("projectmultatuli.org",),
    site_names=("Project Multatuli",),
    index_pages=("https://projectmultatuli.org/",),
    archives=(wp_archive(BASE),),
    search=(
        Search(
            "https://projectmultatuli.org/en/search/{query}/page/{page}",
            first_url="https://projectmultatuli.org/en/search/{query}",
            links=(".e-loop-item a",),
            note="SITE_FACTS #58",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"projectmultatuli\.org/(?:en|id)/(?!author/|page/|search/|rubrik/)[a-z0-9-]+/?$",
    notes="WordPress/Elementor (facts)",
)
