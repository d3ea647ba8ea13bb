"""kapanlagi.com (KLY): showbiz news, musik.kapanlagi.com, photo stories.

The 2015-2016 desktop pages write the story as loose text separated by ``<p><p>`` inside
one ``#v6-revb-detailnews`` (showbiz) or ``.v7-music-detail-news`` (musik) div, with photo
captions and a "Jangan Lewatkan" link list inside the same div. The homepage declares
og:type "article", so the generic signals need the profile's not-article URL rule.
"""

from __future__ import annotations

from scraper.sites._kly import DATA_LAYER
from scraper.sites.base import SiteProfile

_SITE_NAMES = ("KapanLagi.com", "Kapanlagi.com", "KapanLagi", "kapanlagi.com")

PROFILE = SiteProfile(
    name="kapanlagi",
    domains=("kapanlagi.com",),
    site_names=_SITE_NAMES,
    feeds=("https://www.kapanlagi.com/feed/",),
    sitemaps=("https://www.kapanlagi.com/sitemap.xml", "https://www.kapanlagi.com/sitemap-video-terbaru.xml"),
    article_url=r"kapanlagi\.com/(?:[a-z0-9-]+/)+[a-z0-9-]+-[0-9a-f]{6}\.html",
    not_article_url=r"kapanlagi\.com/?(?:$|\?|(?:tag|ragam/tag-populer|search|indeks)/)",
    title=("h1.entertainment-newsdetail-title-new", ".v7-music-newsdetail-title h1", "h1"),
    title_suffix=r"\s*[|\-]\s*KapanLagi\.com\s*$",
    published=(
        ".newsdetail-schedule-new", ".v7-music-newsdetail-schedule",
        "meta[property='article:published_time']",
    ),
    authors=(".body-paragraph .reporter a", ".newsdetail-author a"),
    tags=(".v7-tags-terkait-warper .box-content li a",),
    body=("#v6-revb-detailnews", ".v7-music-detail-news", ".entertainment-detail-news", ".body-paragraph"),
    drop=(
        ".entertainment-newsdetail-image-caption", ".music-newsdetail-image-caption", ".copyright", "img",
        ".photonews-det-warper", ".v7-tags-terkait-warper", "[id^='div-gpt-ad']", "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    not_article_markers=(),
    data_layer=DATA_LAYER,
    layouts=(
        "2015-2016 showbiz #v6-revb-detailnews (text runs split by <p><p>)",
        "2016 musik .v7-music-detail-news",
    ),
)
