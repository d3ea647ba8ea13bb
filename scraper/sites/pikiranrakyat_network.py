"""Pikiran Rakyat Media Network portals (``<portal>.pikiran-rakyat.com``): one platform.

Every portal serves pikiran-rakyat.com's article markup (``/section/pr-ID/slug``) and a
server-rendered search (``/search?q=WORD&page=N``, results ``div.latest__item a``; the
facts for galamedia, SITE_FACTS #19, say the anchor text must hold the word: a title
filter). Each profile is pikiranrakyat's own with the portal's domain, region and search.
"""

from __future__ import annotations

from dataclasses import replace

from scraper.sites.base import Search
from scraper.sites.pikiranrakyat import PROFILE as PR

#: (portal subdomain, display name, region)
PORTALS = (
    ("galamedia", "Galamedia", "West Java"),
    ("jurnalsoreang", "Jurnal Soreang", "West Java"),
    ("mantrasukabumi", "Mantra Sukabumi", "West Java"),
    ("portaljember", "Portal Jember", "East Java"),
    ("kabarlumajang", "Kabar Lumajang", "East Java"),
    ("ringtimesbali", "Ringtimes Bali", "Bali"),
)


def _search(host: str) -> Search:
    return Search(f"https://{host}/search?q={{query}}&page={{page}}", links=("div.latest__item a",),
                  title_filter=True, note="Pikiran Rakyat network search (SITE_FACTS #19)")


PROFILES = tuple(
    replace(
        PR,
        name=sub,
        domains=(f"{sub}.pikiran-rakyat.com",),
        site_names=(display, *PR.site_names),
        sitemaps=(f"https://{sub}.pikiran-rakyat.com/sitemap.xml",),
        index_pages=(f"https://{sub}.pikiran-rakyat.com/",),
        search=(_search(f"{sub}.pikiran-rakyat.com"),),
        region=region,
        template="pikiranrakyat",
        notes=f"Pikiran Rakyat network portal ({region}): pikiranrakyat's platform and selectors",
    )
    for sub, display, region in PORTALS
)
