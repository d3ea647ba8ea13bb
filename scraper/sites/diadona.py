"""diadona.id (KLY): women's lifestyle on the KLY read-page template.

Its pages share the KLY read-page template of liputan6 and fimela: the whole story, all
pages included, sits in one ``.article-content-body`` (``__item-page[data-page]`` blocks on
desktop, ``__item`` blocks on mobile) with in-story "Baca Juga" boxes, ad slots and video
blocks; the writer is in the header byline or only in the ``window.kly`` data layer.
Verified on fixtures only: the corpus holds just this site's home/section pages, which
must stay not_article (the homepage rule below).
"""

from __future__ import annotations

from scraper.sites._kly import reporters_fallback
from scraper.sites.base import SiteProfile

_SITE_NAMES = ('Diadona.id', 'diadona.id', 'Diadona')

PROFILE = SiteProfile(
    name="diadona",
    domains=('diadona.id',),
    site_names=_SITE_NAMES,
    feeds=('https://www.diadona.id/feed/',),
    index_pages=('https://www.diadona.id/indeks/',),
    article_url=r"diadona\.id/(?:[a-z0-9_-]+/)+[a-z0-9-]{10,}\.html",
    not_article_url=r"^https?://[^/]+/?(?:$|\?)|/(?:tag|tags|indeks|search|video|foto|galeri)(?:/|$|\?)",
    title=("h1.article-header__title", "h1.read-page--header__title"),
    title_suffix=r"\s*[|\-]\s*Diadona\\.id\s*$",
    published=(
        "meta[property='article:published_time']", ".article-header__datetime", "time.read-page--header__datetime",
    ),
    authors=(
        ".article-header__authors .article-header__author-link", ".read-page--header--author__name",
        ".read-page--header__author .fn",
    ),
    tags=(".tags--topics__list a", ".read-page--tags__link"),
    body=(".article-content-body", ".read-page__content-body:has(p)"),
    drop=(
        ".baca-juga", ".baca-juga-collections", ".article-content-body__break", ".article-content-body__load-more",
        ".article-content-body__item-overlay", ".article-photo-gallery--item", ".article-video-gallery--item",
        ".article-ad", ".seamless-ads", "[data-info='ad']", "[id^='div-gpt-ad']", ".promo-video",
        "blockquote.twitter-tweet", "blockquote.instagram-media", "blockquote.tiktok-embed", "img", "iframe",
    ),
    drop_paragraphs=(
        r"(?i)^(?:cek|simak|tonton|saksikan)\s+(?:juga\s+)?video\s+(?:di\s+)?(?:bawah|berikut)\s+ini\W*$",
        r"^Infografis\b[^.!?]{0,120}$",
    ),
    postprocess=reporters_fallback(_SITE_NAMES),
    layouts=(
        "KLY read-page .article-content-body > .article-content-body__item-page[data-page]",
        "KLY mobile .article-content-body > .article-content-body__item",
    ),
)
