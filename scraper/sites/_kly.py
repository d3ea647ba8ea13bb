"""Helpers shared by the KLY (Kapanlagi Youniverse) sites: liputan6, merdeka, kapanlagi,
fimela, bola.com, bola.net, dream, otosia, diadona.

Every KLY page declares an analytics data layer in an inline script (``window.kly = {...}``)
whose ``"reporters"`` key names the writer. Some layouts ("Today" pages, galleries) show no
byline at all, so the data layer is the only place the writer is named.
"""

from __future__ import annotations

import re

from scraper.sites.base import Role, SiteProfile

#: The KLY data layer's people keys (``SiteProfile.data_layer``).
DATA_LAYER: tuple[tuple[str, Role], ...] = (("reporters", "writer"), ("editors", "editor"))


def kly_read_page(
    *, name: str, domains: tuple[str, ...], site_names: tuple[str, ...], feeds: tuple[str, ...] = (),
    index_pages: tuple[str, ...] = (), article_url: str,
) -> SiteProfile:
    """A profile for a KLY site on the shared read-page template (bola, bola.net, dream,
    otosia, diadona): only the names, domains, sources and URL scheme differ per site."""
    return SiteProfile(
        name=name,
        domains=domains,
        site_names=site_names,
        feeds=feeds,
        index_pages=index_pages,
        article_url=article_url,
        title_suffix=r"\s*[|\-]\s*(?:" + "|".join(re.escape(n) for n in site_names) + r")\s*$",
        not_article_url=r"^https?://[^/]+/?(?:$|\?)|/(?:tag|tags|indeks|search|video|foto|galeri)(?:/|$|\?)",
        title=("h1.article-header__title", "h1.read-page--header__title"),
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
            "blockquote.twitter-tweet", "blockquote.instagram-media", "blockquote.tiktok-embed", "img",
        ),
        # "Cek video di bawah ini" before the video block: the shared watch-video rule.
        drop_paragraphs=(r"^Infografis\b[^.!?]{0,120}$",),
        data_layer=DATA_LAYER,
        layouts=(
            "KLY read-page .article-content-body > .article-content-body__item-page[data-page]",
            "KLY mobile .article-content-body > .article-content-body__item",
        ),
    )
