"""cnnindonesia.com: CNN Indonesia (Trans Media / detik network).

Article URLs carry a 14-digit timestamp id: ``/nasional/20250313101500-20-1234567/slug``.
The 2023+ page (Tailwind classes) puts the story in ``div.detail-text``; the older page in
``div.detail_text`` under ``h1.title``. Inline "Baca juga" links sit in ``.linksisip`` tables
and video/ads blocks between paragraphs. No paging. Date and authors come from JSON-LD/meta
(the byline is usually the newsroom, "CNN Indonesia", which the author cleaner removes).
Built from public scraper selectors (no corpus page): verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="cnnindonesia",
    domains=("cnnindonesia.com",),
    site_names=("CNN Indonesia", "CNNIndonesia", "cnnindonesia.com"),
    feeds=("https://www.cnnindonesia.com/nasional/rss", "https://www.cnnindonesia.com/ekonomi/rss"),
    sitemaps=("https://www.cnnindonesia.com/sitemap_news.xml",),
    index_pages=("https://www.cnnindonesia.com/indeks",),
    article_url=r"cnnindonesia\.com/[a-z-]+(?:/[a-z-]+)?/\d{14}-\d+-\d+/[a-z0-9-]+",
    not_article_url=r"cnnindonesia\.com/(?:tag|indeks|search|tv|embed)(?:[/?]|$)",
    title=("h1.mb-2", "h1.title", "article h1"),
    body=("div.detail-text", "div.detail_text", "#detikdetailtext"),
    drop=(
        "figure",
        "figcaption",
        ".linksisip",
        "table.linksisip",
        ".sisip_video_ds",
        ".sisip_embed_sosmed",
        ".para_caption",
        ".detail_ads",
        ".ads",
        "[id^='div-gpt-ad']",
        "ins.adsbygoogle",
        ".parallax",
        ".inbetween",
        ".topik-terkait",
        ".box-topik-terkait",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
        "blockquote.tiktok-embed",
    ),
    # Parts of the page are filled by script (LAYOUTS.md): a page that arrives empty is
    # read from its AMP version.
    amp=True,
    layouts=("2023+ div.detail-text (Tailwind page)", "2015-2022 div.detail_text under h1.title"),
)
