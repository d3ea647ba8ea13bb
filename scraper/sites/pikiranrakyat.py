"""pikiran-rakyat.com: Pikiran Rakyat and its regional portals (*.pikiran-rakyat.com).

Promedia template: ``h1.read__title``, ``.read__info__date``, ``.read__info__author``, the
story in ``article.read__content`` with "Baca Juga:" links, and paging
``?page=N`` with ``.paging__link--next``; ``?page=all`` serves the whole story.
Verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="pikiranrakyat",
    domains=("pikiran-rakyat.com",),
    site_names=("Pikiran Rakyat", "PR", "Pikiran-Rakyat.com", "pikiran-rakyat.com"),
    sitemaps=("https://www.pikiran-rakyat.com/sitemap.xml",),
    index_pages=("https://www.pikiran-rakyat.com/indeks-berita",),
    article_url=r"pikiran-rakyat\.com/[a-z0-9-]+(?:/[a-z0-9-]+)?/pr-\d+/[a-z0-9-]+",
    not_article_url=r"pikiran-rakyat\.com/(?:tag|indeks-berita|search|video|foto)(?:[/?]|$)",
    single_page=(("page", "all"),),
    next_page=("link[rel=next]", "a.paging__link--next"),
    title=("h1.read__title",),
    published=(".read__info__date",),
    authors=(".read__info__author a", ".read__info__author"),
    body=("article.read__content", ".read__content"),
    drop=(
        "figure",
        "figcaption",
        ".read__others",
        "[class^='read__others']",
        ".paging",
        ".read__tagging",
        "[id^='div-gpt-ad']",
        ".ads",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}baca juga\b",),
    layouts=("2020s Promedia article.read__content (?page=all)",),
)
