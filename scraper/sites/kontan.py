"""kontan.co.id: Kontan (desk subdomains: nasional, investasi, keuangan, industri...).

Story URLs: ``<desk>.kontan.co.id/news/<slug>``. The story is
``div.tmpt-desk-kon[itemprop=articleBody]``: its first ``<p>`` is the "Reporter: X | Editor: Y"
credit (read as the byline, dropped from the body), inline related links are ``<a class=
"track-...">`` paragraphs, and paging links follow a ``pagination`` block. ``?page=all``
serves every page. Verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="kontan",
    domains=("kontan.co.id",),
    site_names=("Kontan", "KONTAN", "Kontan.co.id", "kontan.co.id"),
    sitemaps=("https://www.kontan.co.id/sitemap.xml",),
    index_pages=("https://www.kontan.co.id/search/indeks",),
    # offset paging: per_page=0, 20, 40... (SITE_FACTS #43; kontan serves 50 pages at most)
    search=(Search("https://www.kontan.co.id/search?search={query}&per_page={page}", links=(".list-berita ul li a",),
                   first_page=0, page_step=20, max_pages=50, note="SITE_FACTS #43"),),
    article_url=r"kontan\.co\.id/news/[a-z0-9-]+",
    not_article_url=r"kontan\.co\.id/(?:tag|search|topik)(?:[/?]|$)",
    single_page=(("page", "all"),),
    next_page=("link[rel=next]", ".pagination a[rel=next]", ".pagination li.next a"),
    title=("h1.detail-desk", "h1.detail-title", "h1"),
    # The date line ("Kamis, 20 Februari 2025 / 07:05 WIB") loses its time in the shared parser;
    # JSON-LD/meta carry the exact instant.
    published=(),
    authors=("div.tmpt-desk-kon > p:first-child",),
    body=("div.tmpt-desk-kon[itemprop='articleBody']", "div.tmpt-desk-kon", "div.detail-text"),
    drop=(
        "figure",
        "figcaption",
        "p:has(a[class^='track-'])",
        "h2:has(a[class^='track-'])",
        ".pagination",
        ".paging",
        ".baca-juga",
        "[id^='div-gpt-ad']",
        ".ads",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}reporter\s*:.{0,80}\beditor\s*:", r"(?i)^\W{0,3}cek berita dan artikel\b"),
    layouts=("2018+ div.tmpt-desk-kon[itemprop=articleBody] (?page=all)",),
)
