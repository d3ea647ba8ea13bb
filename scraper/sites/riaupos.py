"""Riau Pos (riaupos.jawapos.com): a source-only profile (Jawa Pos network, Pekanbaru).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="riaupos",
    domains=("riaupos.jawapos.com",),
    site_names=("Riau Pos",),
    index_pages=("https://riaupos.jawapos.com/",),
    search=(
        Search(
            "https://riaupos.jawapos.com/search?q={query}&sort=latest&page={page}",
            links=("a.latest__link",),
            newest_first=True,
            note="Jawa Pos template (facts #37), unverified here",
        ),
    ),
    region="Riau",
    extraction="generic",
    article_url=r"riaupos\.jawapos\.com/[a-z0-9-]+/\d+/[a-z0-9-]+",
    notes="Jawa Pos network, Pekanbaru",
)
