"""Kaltim Post (Borneo24) (borneo24.com): a source-only profile (latest via /page/N/ (WordPress-
style); search returns a shell (facts #39)).

Its pages are read by the generic path until a real page of it is in hand; the search
and archive data below come from ../shared/SITE_FACTS.md or the stated convention, to be
confirmed by ``scraper doctor --live``.
"""

from __future__ import annotations

from scraper.sites._wordpress import wp_archive
from scraper.sites.base import SiteProfile

BASE = "https://borneo24.com"

PROFILE = SiteProfile(
    name="kaltimpost",
    domains=("borneo24.com",),
    site_names=("Kaltim Post (Borneo24)",),
    index_pages=("https://borneo24.com/",),
    archives=(wp_archive(BASE),),
    region="East Kalimantan",
    extraction="generic",
    article_url=r"borneo24\.com/(?!profile|page|category|tag|author)[a-z0-9-]{8,}/?$",
    notes="latest via /page/N/ (WordPress-style); search returns a shell (facts #39)",
)
