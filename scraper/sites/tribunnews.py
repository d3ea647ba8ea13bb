"""tribunnews.com and its regional sites (jakarta., jogja., solo., jatim., medan., makassar., ...).

Layouts: the 2015 desktop page (``h1#arttitle``, date in ``.grey.bdr3 h3``, story in
``div.side-article.txt-article``, "Penulis:/Editor:" lines in ``div.f11.grey`` below) and the
2018+ page of the same family (``h1#arttitle``, ``time`` date, ``#penulis``/``#editor``,
``div.side-article.txt-article.multi-fontsize`` with inline "Baca juga:" paragraphs).
Long stories are paged with ``?page=N``; ``?page=all`` serves them whole.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="tribunnews",
    domains=("tribunnews.com",),
    site_names=("Tribunnews.com", "TRIBUNNEWS.COM", "Tribunnews", "Tribun", "Tribun Network"),
    sitemaps=("https://www.tribunnews.com/sitemap.xml",),
    index_pages=("https://www.tribunnews.com/index-news",),
    feeds=("https://www.tribunnews.com/rss",),
    article_url=r"tribunnews\.com/(?:[a-z0-9-]+/)*\d{4}/\d\d/\d\d/[a-z0-9-]+",
    not_article_url=r"tribunnews\.com/(?:tag|topic|search|index-news|video|foto)(?:[/?]|$)",
    single_page=(("page", "all"),),
    next_page=("link[rel=next]", ".paging a.next", "a#next-page"),
    title=("h1#arttitle", "h1.f50"),
    published=("meta[name=content_PublishedDate]", "time span", "#article .grey.bdr3 h3", "time"),
    authors=("#penulis a", "#penulis", "meta[name=content_author]", "div.f11.grey.pb10 > div:first-child"),
    # solo.tribunnews.com, jogja.tribunnews.com...: the Tribun Network's regional editions.
    url_sections=((r"^https?://(?!www\.|m\.)([a-z]+)\.tribunnews\.com/", r"Regional/\1"),),
    body=("div.side-article.txt-article", "div.txt-article"),
    drop=(
        "figure", ".baca", "p.baca", ".baca-juga", "#related", ".ads", "[id^=div-gpt-ad]", "[id^=div-Article]",
        ".paging", "#paging", ".tag", ".sharebtn",
    ),
    drop_paragraphs=(
        r"(?i)^\W{0,3}(?:penulis|editor)\s*:",
        r"(?i)^\W{0,3}laporan (?:wartawan|reporter|koresponden)\b.{0,80}$",  # in-body byline line
    ),
    author_label=r"tribun\w*(?:\.com)?",
    # The editor: #editor (2018+), the "Editor:" line of the 2015 credit box, the data layer's
    # 'editor'; the JSON-LD author is the editor, the data layer's 'author' the writer.
    editors=("#editor a", "#editor", "div.f11.grey.pb10 > div:nth-child(2)"),
    data_layer=(("author", "writer"), ("editor", "editor")),
    jsonld_author="editor",
    layouts=(
        "2015 desktop h1#arttitle + div.side-article.txt-article",
        "2018+ div.side-article.txt-article.multi-fontsize (?page=all)",
    ),
)
