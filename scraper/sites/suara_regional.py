"""Suara.com's regional sites (``suara<region>.id``, now served as ``<region>.suara.com``).

One template for all: the same article markup and ``/read/YYYY/MM/DD/HHMMSS/slug`` URLs as
www.suara.com, so each profile is suara's own with the regional domains and sources.
Suara's site search needs a browser (SITE_FACTS #64) and no dated archive is known, so a
range reads the latest sources, the URL date skipping old links unfetched.
"""

from __future__ import annotations

from dataclasses import replace

from scraper.sites.suara import PROFILE as SUARA

#: (region key: suara<key>.id and <key>.suara.com, display name, region)
SITES = (
    ("jogja", "SuaraJogja.id", "Yogyakarta"),
    ("jatim", "SuaraJatim.id", "East Java"),
    ("jabar", "SuaraJabar.id", "West Java"),
    ("jawatengah", "SuaraJawaTengah.id", "Central Java"),
    ("surakarta", "SuaraSurakarta.id", "Central Java"),
    ("bali", "SuaraBali.id", "Bali"),
    ("sumut", "SuaraSumut.id", "North Sumatra"),
    ("sumbar", "SuaraSumbar.id", "West Sumatra"),
    ("riau", "SuaraRiau.id", "Riau"),
    ("lampung", "SuaraLampung.id", "Lampung"),
    ("banten", "SuaraBanten.id", "Banten"),
    ("kalbar", "SuaraKalbar.id", "West Kalimantan"),
    ("kaltim", "SuaraKaltim.id", "East Kalimantan"),
    ("sulsel", "SuaraSulsel.id", "South Sulawesi"),
    ("malang", "SuaraMalang.id", "East Java"),
)

PROFILES = tuple(
    replace(
        SUARA,
        name=f"suara{key}",
        domains=(f"{key}.suara.com", f"suara{key}.id"),
        site_names=(display, *SUARA.site_names),
        feeds=(f"https://{key}.suara.com/rss",),
        sitemaps=(),
        index_pages=(f"https://{key}.suara.com/indeks",),
        region=region,
        template="suara",
        notes=f"Suara regional site ({region}): suara.com's template and selectors",
    )
    for key, display, region in SITES
)
