"""jawapos.com: Jawa Pos.

Two layouts. The 2019-2022 page: ``h1.read__title``, ``.read__info__date``,
``.read__info__author``, story in ``.read__content`` with ``read__others`` "Baca Juga" links.
The current Next.js page ships an almost empty DOM: the story object is
``props.pageProps.article`` in the ``__NEXT_DATA__`` JSON (``content`` HTML, ``title``,
``published_at``, ``authors``), declared as ``embedded`` and read with the same drop rules
as the old container. Verified on fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="jawapos",
    domains=("jawapos.com",),
    site_names=("Jawa Pos", "JawaPos", "JawaPos.com", "jawapos.com"),
    sitemaps=("https://www.jawapos.com/sitemap.xml",),
    index_pages=("https://www.jawapos.com/indeks",),
    search=(Search("https://www.jawapos.com/search?q={query}&sort=latest&page={page}", links=("a.latest__link",),
                   newest_first=True, note="SITE_FACTS #37"),),
    article_url=r"jawapos\.com/[a-z0-9-]+(?:/[a-z0-9-]+)?/\d{5,}/[a-z0-9-]+",
    not_article_url=r"jawapos\.com/(?:tag|indeks|search|video|foto)(?:[/?]|$)",
    title=("h1.read__title",),
    published=(".read__info__date",),
    authors=(".read__info__author a", ".read__info__author"),
    body=(".read__content",),
    drop=(
        "figure",
        "figcaption",
        "[class^='read__others']",
        ".read__others",
        ".baca-juga",
        "[id^='div-gpt-ad']",
        ".ads",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}baca juga\b",),
    embedded=("next_data:props.pageProps.article",),
    layouts=("2019-2022 .read__content", "2023+ Next.js __NEXT_DATA__ props.pageProps.article.content"),
)
