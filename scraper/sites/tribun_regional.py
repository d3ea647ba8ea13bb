"""Tribun Network's regional editions (``<edition>.tribunnews.com``): one template, many cities.

Every edition runs tribunnews.com's CMS (same article markup, ``/YYYY/MM/DD/slug`` URLs,
``?page=all``), so each profile is tribunnews' own with the edition's domain, region and
sources. The date in the URL lets a range skip old links unfetched; no edition has a
dated archive or a site search usable without a browser in the facts we hold (Tribun's
search is a Google CSE), so ``--since`` reads their latest sources only and says so.
"""

from __future__ import annotations

from dataclasses import replace

from scraper.sites.tribunnews import PROFILE as TRIBUN

#: (edition subdomain, display name, region)
EDITIONS = (
    ("jabar", "TribunJabar.id", "West Java"),
    ("jatim", "TribunJatim.com", "East Java"),
    ("jateng", "TribunJateng.com", "Central Java"),
    ("jogja", "TribunJogja.com", "Yogyakarta"),
    ("bali", "Tribun-Bali.com", "Bali"),
    ("medan", "Tribun-Medan.com", "North Sumatra"),
    ("pekanbaru", "TribunPekanbaru.com", "Riau"),
    ("kaltim", "TribunKaltim.co", "East Kalimantan"),
    ("makassar", "Tribun-Timur.com", "South Sulawesi"),
    ("manado", "TribunManado.co.id", "North Sulawesi"),
    ("pontianak", "TribunPontianak.co.id", "West Kalimantan"),
    ("lampung", "TribunLampung.co.id", "Lampung"),
    ("sumsel", "TribunSumsel.com", "South Sumatra"),
    ("banjarmasin", "BanjarmasinPost.co.id", "South Kalimantan"),
    ("batam", "TribunBatam.id", "Riau Islands"),
    ("jambi", "TribunJambi.com", "Jambi"),
    ("kupang", "Pos-Kupang.com", "East Nusa Tenggara"),
    ("papua", "Tribun-Papua.com", "Papua"),
)

PROFILES = tuple(
    replace(
        TRIBUN,
        name=f"tribun{edition}",
        domains=(f"{edition}.tribunnews.com",),
        site_names=(display, *TRIBUN.site_names),
        feeds=(),
        sitemaps=(f"https://{edition}.tribunnews.com/sitemap.xml",),
        index_pages=(f"https://{edition}.tribunnews.com/index-news",),
        region=region,
        template="tribunnews",
        notes=f"Tribun Network regional edition ({region}): tribunnews' template and selectors",
    )
    for edition, display, region in EDITIONS
)
