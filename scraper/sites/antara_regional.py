"""ANTARA's regional bureaus (``<province>.antaranews.com``): one platform, every province.

Each bureau serves antaranews.com's article markup (``/berita/ID/slug``) and its search
page (``/search?q=WORD&page=N``, SITE_FACTS #2 for www.antaranews.com), so each profile is
antaranews' own with the bureau's domain, region, sources and search.
"""

from __future__ import annotations

from dataclasses import replace

from scraper.sites.antaranews import PROFILE as ANTARA
from scraper.sites.base import Search

#: (bureau subdomain, region)
BUREAUS = (
    ("jatim", "East Java"),
    ("jateng", "Central Java"),
    ("jabar", "West Java"),
    ("bali", "Bali"),
    ("sumut", "North Sumatra"),
    ("sumbar", "West Sumatra"),
    ("kalbar", "West Kalimantan"),
    ("kaltim", "East Kalimantan"),
    ("kalsel", "South Kalimantan"),
    ("makassar", "South Sulawesi"),
    ("papua", "Papua"),
    ("aceh", "Aceh"),
)


def _search(host: str) -> Search:
    return Search(f"https://{host}/search?q={{query}}&page={{page}}", links=ANTARA.search[0].links,
                  note="ANTARA platform search (SITE_FACTS #2)")


PROFILES = tuple(
    replace(
        ANTARA,
        name=f"antara{bureau}",
        domains=(f"{bureau}.antaranews.com",),
        feeds=(),
        index_pages=(f"https://{bureau}.antaranews.com/terkini",),
        search=(_search(f"{bureau}.antaranews.com"),),
        region=region,
        template="antaranews",
        notes=f"ANTARA regional bureau ({region}): antaranews' platform and selectors",
    )
    for bureau, region in BUREAUS
)
