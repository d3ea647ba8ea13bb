"""CNA Indonesia (cna.id): a source-only profile (topic page as search (facts)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="cnaindonesia",
    domains=("cna.id",),
    site_names=("CNA Indonesia",),
    index_pages=("https://www.cna.id/terbaru",),
    search=(
        Search(
            "https://www.cna.id/topic/{slug}",
            max_pages=1,
            note="SITE_FACTS #10: topic page, page 1 only",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"cna\.id/[a-z-]+/[a-z0-9-]+-[0-9]+$",
    notes="topic page as search (facts)",
)
