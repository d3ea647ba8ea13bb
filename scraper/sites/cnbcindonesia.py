"""cnbcindonesia.com: CNBC Indonesia (detik network).

URLs as CNN Indonesia: ``/news/20250313101500-4-123456/slug``. The story is in
``div.detail-text`` (2023+) or ``div.detail_text`` (older, title in ``div.jdl h1``); inline
related links sit in ``.linksisip`` tables, the agency credit in ``.media-institusi``, ads in
``div-gpt-ad`` slots. Authors and dates from JSON-LD. Verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="cnbcindonesia",
    domains=("cnbcindonesia.com",),
    site_names=("CNBC Indonesia", "cnbcindonesia.com", "CNBC Indonesia Research"),
    feeds=("https://www.cnbcindonesia.com/news/rss",),
    sitemaps=("https://www.cnbcindonesia.com/sitemap_news.xml",),
    index_pages=("https://www.cnbcindonesia.com/indeks",),
    article_url=r"cnbcindonesia\.com/[a-z-]+(?:/[a-z-]+)?/\d{14}-\d+-\d+/[a-z0-9-]+",
    not_article_url=r"cnbcindonesia\.com/(?:tag|indeks|search|tv|embed)(?:[/?]|$)",
    title=("article h1", "div.jdl h1"),
    body=("div.detail-text", "div.detail_text"),
    drop=(
        "figure",
        "figcaption",
        ".media-institusi",
        ".linksisip",
        "table.linksisip",
        ".baca-juga",
        "[id*='div-gpt-ad']",
        ".banner",
        "ins.adsbygoogle",
        "div[style*='advertisement']",
        ".sisip_embed_sosmed",
        ".sisip_video_ds",
        ".video_detail",
        ".share-box",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    layouts=("2023+ div.detail-text", "2017-2022 div.detail_text with div.jdl h1"),
)
