"""merdeka.com (KLY): news, regional channels, /foto/ galleries, video.merdeka.com, "Today".

Every page of a multi-page story is already in the one response: page 1's
``.mdk-body-paragraph`` holds the later pages as hidden ``.paging-content`` blocks, so the
``?page=N`` links never need following. The ``article:published_time`` meta states the
WIB wall time with a wrong "-07:00" offset, so the date line shown on the page comes first.
"""

from __future__ import annotations

from scraper.sites._kly import DATA_LAYER
from scraper.sites.base import SiteProfile

_SITE_NAMES = ("Merdeka.com", "Merdeka", "Today Merdeka.com", "merdeka.com")

PROFILE = SiteProfile(
    name="merdeka",
    domains=("merdeka.com",),
    site_names=_SITE_NAMES,
    feeds=("https://www.merdeka.com/feed/",),
    sitemaps=("https://www.merdeka.com/sitemap.xml",),
    index_pages=("https://www.merdeka.com/berita-hari-ini/",),
    article_url=r"merdeka\.com/(?:[a-z0-9-]+/){1,3}[a-z0-9-]+\.html|today\.merdeka\.com/\d+",
    not_article_url=r"merdeka\.com/(?:tag|reporter|cari|topik|indeks|berita-hari-ini)/",
    title=(".mdk-news-head h1", ".deskrip-hv h1", ".detail-headline h2", "h1"),
    title_suffix=r"\s*[|\-]\s*(?:Today\s+)?merdeka\.com\s*$",
    published=(
        ".mdk-date-reporter span:first-child",
        ".kategori-date span",
        ".detail-headline .time",
        "meta[property='article:published_time']",
    ),
    authors=(".mdk-date-reporter a[href*='/reporter/']",),
    tags=(".tag__list li a",),
    # article:section is "Article" (a schema type); section2/3 name the rubric.
    section=("meta[property='article:section2'], meta[property='article:section3']",),
    body=(
        ".mdk-body-paragraph",
        "#detail_news.body-paragpraph",
        ".detail .infinite:has(p)",
    ),
    drop=(
        "p.dont-display", "p.dont-display ~ p:has(> a[href*='merdeka.com'])", ".read-too", ".page-number",
        ".imageinfo", ".imagecontent", ".mdk-date-reporter", "[id^='div-gpt-ad']", ".article-ad",
        ".gtwsub", ".mdk-dt-box", ".disclaimer-comment", ".fb-comments",
        ".picturefirst-widget-homepage-volume",
        "#gplus_recommendation", ".advertisement-text", ".detail-paging:not(:has(p))",
        "blockquote.twitter-tweet", "blockquote.instagram-media", "blockquote.tiktok-embed", "img",
    ),
    drop_paragraphs=(
        r"^Infografis\b[^.!?]{0,120}$",
        r"^Baca Selanjutnya\s*:",
        r"^©\s*\d{4}\b.{0,60}$",  # photo credit line "©2022 Merdeka.com/Istimewa"
    ),
    data_layer=DATA_LAYER,
    layouts=(
        "2021 mobile .mdk-body-paragraph with hidden .paging-content pages",
        "/foto/ gallery: the short text in .mdk-body-paragraph, captions out",
        "video.merdeka.com #detail_news.body-paragpraph",
        "Today Merdeka .detail .infinite",
    ),
)
