"""sindonews.com: every channel subdomain (nasional, metro, daerah, ekbis, international, sports,
tekno, lifestyle, kalam, edukasi...). Article URLs: ``<kanal>.sindonews.com/read/<id>/<kanal-id>/
<slug>-<unix time>``.

Not verified on a corpus article (the corpus has only the 2024 homepage): the selectors
follow public scrapers of the site. Layouts: the 2020-era page (``div.article h1``, ``time``,
story in ``div#content``) and the 2022+ page (``h1.detail-title``, story in
``div.detail-desc``/``#detail-desc`` with inline "Baca Juga" links). Long stories are paged;
``?showpage=all`` serves them whole.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="sindonews",
    domains=("sindonews.com",),
    site_names=("SINDOnews", "SINDOnews.com", "Sindonews", "Koran SINDO", "MNC Portal"),
    sitemaps=("https://www.sindonews.com/sitemap.xml", "https://sports.sindonews.com/sitemap-news.xml"),
    index_pages=("https://index.sindonews.com/",),
    search=(Search("https://www.sindonews.com/search/go?q={query}&type=artikel&p={page}",
                   links=('a[href*="sindonews.com/read/"]',), note="SITE_FACTS #63"),),
    article_url=r"sindonews\.com/read/\d{4,}/\d+/[a-z0-9-]+-\d{9,}",
    not_article_url=r"(?:index\.sindonews\.com|sindonews\.com/(?:tag|topic|search|play)(?:[/?]|$))",
    single_page=(("showpage", "all"),),
    next_page=("link[rel=next]", ".pagination a[rel=next]", ".detail-pagination a.next"),
    title=("h1.detail-title", "div.article h1", ".detail__title", ".read_title"),
    published=("meta[property='article:published_time']", ".detail-date-artikel", "div.article time", "time"),
    authors=(".detail-nama-redaksi a", "meta[name=author]", "div.article .author a"),
    body=("div.detail-desc", "#detail-desc", "div#content", ".detail_desc"),
    drop=(
        "figure", ".baca-inline", ".baca-juga", ".detail-img", ".caption", ".ads", "[id^=div-gpt-ad]", ".detail-tag",
        ".box-outlink", ".pagination", ".detail-pagination", ".share", ".reporter",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}(?:lihat|tonton) (?:juga|video)\b",),
    author_label=r"sindonews(?:\.com)?|SINDOnews",
    layouts=(
        "2020 div.article h1 + div#content (fixtures only)",
        "2022+ h1.detail-title + div.detail-desc (fixtures only)",
    ),
)
