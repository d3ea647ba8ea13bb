"""suara.com: national news and its regional sites (*.suara.com).

The 2015 desktop page holds the story in ``.contentDetail #contentImageCaption`` and ends
it with the reporter's name in parentheses. The modern page (2020s) holds it in
``.detail--content``; an inline "Baca Juga:" line sits between the paragraphs and the
"Berita Terkait", "Terpopuler", "Pilihan" and "Terkini" lists follow the story.
``?page=all`` serves a paged story on one page.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="suara",
    domains=("suara.com",),
    site_names=("Suara.com", "Suara", "suara.com"),
    feeds=("https://www.suara.com/rss",),
    sitemaps=("https://www.suara.com/sitemap.xml",),
    index_pages=("https://www.suara.com/indeks",),
    article_url=r"suara\.com/[a-z0-9-]+/\d{4}/\d{2}/\d{2}/\d{6}/[a-z0-9-]+",
    not_article_url=r"suara\.com/(?:tag|indeks|search|tv|video)(?:/|$|\?)",
    single_page=(("page", "all"),),
    title=(".detail--title h1", ".info h1", "h1[itemprop='headline']", "h1"),
    title_suffix=r"\s*[|\-]\s*Suara\.com\s*$",
    published=(
        "meta[property='article:published_time']", ".detail--info .date",
        ".dateDetail2 time", ".dateDetail time",
    ),
    authors=(".detail--info .author a", ".detail--info .author", ".dateDetail2 author", ".dateDetail author"),
    tags=(".detail--tags a", ".tagsDetail a"),
    body=(".detail--content", "#contentImageCaption", ".contentDetail"),
    drop=(
        ".baca-juga", ".detail--related", ".detail--popular", ".detail--pilihan", ".detail--terkini", ".ads",
        ".adunit", "[id^='div-gpt-ad']", "figure", "figcaption", ".caption", "img", ".fr.ml20",
        "blockquote.twitter-tweet", "blockquote.instagram-media", "blockquote.tiktok-embed", ".detail--tags",
        ".tagsDetail", ".pagination",
    ),
    # The reporter credit closing a 2015 story ("... Denpasar. (Nama Reporter)") is cut by
    # the shared closing-credit rule (boilerplate).
    layouts=(
        "2015 desktop .contentDetail #contentImageCaption, (Reporter) credit at the end",
        "2020s .detail--content with inline Baca Juga and trailing related/popular lists (fixtures only)",
    ),
)
