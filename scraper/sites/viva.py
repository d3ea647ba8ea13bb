"""viva.co.id: VIVA.co.id and its channel subdomains (news, life, bola, sport, otomotif...).

Two layouts: the 2015-2017 desktop page (``article.article-detail`` with the story in
``span[itemprop=articleBody]``, paragraphs as ``<div>``s or ``<br><br>``) and the current one
(``h1.main-content-title``, ``div.main-content-detail``). Long stories are paged with
``?page=N``; ``?page=all`` serves every page at once.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="viva",
    domains=("viva.co.id",),
    site_names=("VIVA.co.id", "VIVA", "viva.co.id", "VIVAnews"),
    sitemaps=("https://www.viva.co.id/sitemap.xml",),
    index_pages=("https://www.viva.co.id/indeks",),
    article_url=r"viva\.co\.id/(?:[a-z0-9-]+/)+(?:read/)?\d{4,}-[a-z0-9-]+",
    not_article_url=r"viva\.co\.id/(?:indeks|tag|search|video|foto/?$|topik)(?:[/?]|$)",
    single_page=(("page", "all"),),
    next_page=("link[rel=next]", ".pagination a.next", "a.pagination-next"),
    title=("h1.main-content-title", "article.article-detail div.title h1"),
    published=(
        "meta[property='article:published_time']",
        "div.main-content-date",
        "article.article-detail div.date[itemprop=datePublished]",
    ),
    authors=(
        ".main-content-author a.main-content-author-name",
        ".main-content-author a",
        "article.article-detail div.author b",
    ),
    body=("div.main-content-detail", "article.article-detail span[itemprop=articleBody]"),
    editors=(".main-content-editor a", ".main-content-editor"),
    drop=(
        "figure", "figcaption", "blockquote.twitter-tweet", "blockquote.instagram-media", "blockquote.tiktok-embed",
        ".recommended-article", ".widget-other-article", ".baca-juga", ".read-too", ".ads", "[class*='ads-']", ".tag",
        ".tags", ".pagination", ".main-content-tag", ".photo-caption", ".content-paging", ".widget-video",
    ),
    # In-body photo captions of the 2015-2017 pages end with their credit ("... Foto: Grammy"):
    # the shared caption-foto rule drops them.
    drop_paragraphs=(r"(?i)^\W{0,3}baca\s*:",),
    not_article_markers=(),
    layouts=(
        "2015-2017 desktop article.article-detail span[itemprop=articleBody]",
        "2020s div.main-content-detail (?page=all)",
    ),
)
