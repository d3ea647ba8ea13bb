"""Warta Ekonomi (wartaekonomi.co.id): a source-only profile (dated index /indeks/YYYYMMDD (facts,
section 2); search is a POST (not walked)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Archive, SiteProfile

PROFILE = SiteProfile(
    name="wartaekonomi",
    domains=("wartaekonomi.co.id",),
    site_names=("Warta Ekonomi",),
    index_pages=("https://wartaekonomi.co.id/indeks",),
    archives=(
        Archive(
            "https://wartaekonomi.co.id/indeks/{date:%Y%m%d}?page={page}",
            links=("a.articleListItem",),
            max_pages=30,
            since="2025-01-05",
        ),
    ),
    region="",
    extraction="generic",
    article_url=r"wartaekonomi\.co\.id/read\d+/[a-z0-9][a-z0-9-]*$",
    notes="dated index /indeks/YYYYMMDD (facts, section 2); search is a POST (not walked)",
)
