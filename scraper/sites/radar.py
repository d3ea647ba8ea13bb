"""Jawa Pos Radar: the regional dailies of the Jawa Pos group (``radar<city>.jawapos.com``).

They run www.jawapos.com's platform: the same article markup and URLs, and the same
search page (``/search?q=WORD&sort=latest&page=N``, result links ``a.latest__link``,
newest first; SITE_FACTS #37 for www.jawapos.com). Each profile is jawapos' own with the
city's domain, region, sources and search.
"""

from __future__ import annotations

from dataclasses import replace

from scraper.sites.base import Search
from scraper.sites.jawapos import PROFILE as JAWAPOS

#: (radar subdomain, display name, region)
PAPERS = (
    ("radarjogja", "Radar Jogja", "Yogyakarta"),
    ("radarsurabaya", "Radar Surabaya", "East Java"),
    ("radarmalang", "Radar Malang", "East Java"),
    ("radarsemarang", "Radar Semarang", "Central Java"),
    ("radarbali", "Radar Bali", "Bali"),
    ("radarbanyuwangi", "Radar Banyuwangi", "East Java"),
    ("radarjember", "Radar Jember", "East Java"),
    ("radarkediri", "Radar Kediri", "East Java"),
    ("radarmadura", "Radar Madura", "East Java"),
    ("radarsolo", "Radar Solo", "Central Java"),
    ("radartegal", "Radar Tegal", "Central Java"),
    ("radarbojonegoro", "Radar Bojonegoro", "East Java"),
)


def _search(host: str) -> Search:
    return Search(f"https://{host}/search?q={{query}}&sort=latest&page={{page}}", links=("a.latest__link",),
                  newest_first=True, note="Jawa Pos platform search (SITE_FACTS #37)")


PROFILES = tuple(
    replace(
        JAWAPOS,
        name=sub,
        domains=(f"{sub}.jawapos.com",),
        site_names=(display, "Jawa Pos", *JAWAPOS.site_names),
        sitemaps=(f"https://{sub}.jawapos.com/sitemap.xml",),
        index_pages=(f"https://{sub}.jawapos.com/indeks",),
        search=(_search(f"{sub}.jawapos.com"),),
        region=region,
        template="jawapos",
        notes=f"Jawa Pos Radar ({region}): jawapos' platform and selectors",
    )
    for sub, display, region in PAPERS
)
