"""beritasatu.com: national news of the BeritaSatu group.

The 2020 layout puts the story in ``div.story`` and ends it with a "Sumber:BeritaSatu.com"
credit line and the TAG/BAGIKAN bars; inline "BACA JUGA" cards sit between paragraphs.
The byline line mixes the date, the reporter and the editor's initials ("Oleh : Name / FMB"),
so authors come from the JSON-LD, which names the reporter only.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="beritasatu",
    domains=("beritasatu.com",),
    site_names=("BeritaSatu.com", "BeritaSatu", "Beritasatu.com", "B1"),
    sitemaps=("https://www.beritasatu.com/sitemap.xml",),
    index_pages=("https://www.beritasatu.com/indeks",),
    search=(Search("https://www.beritasatu.com/search/{query}?page={page}",
                   note="SITE_FACTS #6 (CloudFront may block; unverified)"),),
    article_url=r"beritasatu\.com/(?:[a-z0-9-]+/)*\d{4,}/[a-z0-9-]+",
    not_article_url=r"beritasatu\.com/(?:tag|search|indeks|video|foto)(?:/|$|\?)",
    title=("h1.b1-article-title", ".story-title h1", "h1"),
    title_suffix=r"\s*[|\-]\s*(?:Berita\s*Satu|BeritaSatu(?:\.com)?)\s*$",
    published=("meta[property='article:published_time']",),
    # /<writer>/<rubric>/<id>/slug: the first path segment names the writer, not a rubric.
    section=(".bc a",),
    url_sections=((r"beritasatu\.com/(?:[a-z0-9-]+/)?([a-z-]+)/\d+/", r"\1"),),
    body=("div.story:has(> p)", "div.body-content"),
    drop=(
        ".card", ".baca-juga", "h6", ".container", "figure", ".ads", "[id^='div-gpt-ad']",
    ),
    drop_paragraphs=(r"^(?:BACA JUGA|TAG:|BAGIKAN)\b",),
    stop_paragraphs=(r"^Sumber\s*:\s*\S{0,40}$",),
    layouts=("2020 div.story with inline .card BACA JUGA and a Sumber: credit line",),
)
