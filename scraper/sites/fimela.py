"""fimela.com (KLY): women's lifestyle, on the liputan6 read-page template.

Like liputan6, every page of a story is in the same document inside one
``.article-content-body`` (mobile ``__item`` blocks, desktop ``__item-page[data-page]``).
Stories end with a campaign hashtag line ("#ChangeMaker with FIMELA") and a video block
headed "Cek Video di Bawah Ini"; neither is story text.
"""

from __future__ import annotations

from scraper.sites._kly import DATA_LAYER
from scraper.sites.base import SiteProfile

_SITE_NAMES = ("Fimela.com", "Fimela", "fimela.com", "FIMELA")

PROFILE = SiteProfile(
    name="fimela",
    domains=("fimela.com",),
    site_names=_SITE_NAMES,
    feeds=("https://www.fimela.com/feed/rss",),
    index_pages=("https://www.fimela.com/indeks",),
    article_url=r"fimela\.com/(?:[a-z0-9-]+/)*read/\d+/",
    not_article_url=r"fimela\.com/(?:tag|indeks|search|me)(?:/|$|\?)",
    title=("h1.article-header__title", "h1.read-page--header__title"),
    title_suffix=r"\s*[|\-]\s*Fimela\.com\s*$",
    published=(
        "meta[property='article:published_time']", ".article-header__datetime",
        "time.read-page--header__datetime",
    ),
    authors=(".article-header__authors .article-header__author-link", ".read-page--header--author__name"),
    tags=(".fimela-tags--snippet__list a", ".tags--topics__list a"),
    section=("meta[property='article:section2'], meta[property='article:section3']",),
    body=(".article-content-body", ".read-page__content-body:has(p)"),
    drop=(
        ".baca-juga", ".article-content-body__break", ".article-content-body__load-more",
        ".article-content-body__item-overlay", ".article-photo-gallery--item", ".article-video-gallery--item",
        ".article-ad", ".seamless-ads", "[data-info='ad']", "[id^='div-gpt-ad']", "blockquote.twitter-tweet",
        "blockquote.instagram-media", "blockquote.tiktok-embed", "img",
    ),
    drop_paragraphs=(
        r"(?i)^#\s?change\s?maker\b.{0,40}$",
        r"^Infografis\b[^.!?]{0,120}$",
    ),
    data_layer=DATA_LAYER,
    layouts=(
        "2020 mobile .article-content-body > .article-content-body__item",
        "2020 desktop .article-content-body > .article-content-body__item-page[data-page]",
    ),
)
