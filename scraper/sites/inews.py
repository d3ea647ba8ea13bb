"""inews.id (iNews portal, MNC group) and its regional sites (``<city>.inews.id/read/<id>/<slug>``).

Not verified on any page: the corpus has none and no public project documents the
article markup. The profile therefore leans on what every modern page carries (JSON-LD,
OpenGraph, ``article:published_time``) and lists the body containers of the MNC group's
shared templates; when none is present the extractor falls back to the generic path
(``extractor`` = "generic" shows it). Long stories are served whole at the article URL
plus an ``/all`` path suffix (``single_page_suffix``); ``link[rel=next]`` is followed when
a page still comes paged.
"""

from __future__ import annotations

from scraper.sites.base import Search, SiteProfile

PROFILE = SiteProfile(
    name="inews",
    domains=("inews.id",),
    site_names=("iNews", "iNews.id", "inews.id", "iNews Portal", "MNC Portal"),
    sitemaps=("https://www.inews.id/sitemap.xml",),
    index_pages=("https://www.inews.id/indeks",),
    search=(Search("https://www.inews.id/tag/{slug}", links=("div.widgetListArticle__body a",), max_pages=1,
                   note="SITE_FACTS #31: tag page, one page"),),
    # www: /<kanal>/<sub>/<slug>[/all]; regional: <city>.inews.id/read/<id>/<slug>.
    article_url=r"inews\.id/(?:read/\d{4,}/[a-z0-9-]+|(?:[a-z0-9-]+/){2}[a-z0-9-]{15,})",
    not_article_url=r"inews\.id/(?:indeks|tag|search|video|foto|multimedia|topik)(?:[/?]|$)",
    single_page_suffix="/all",
    next_page=("link[rel=next]",),
    title=("h1.title-news", "article h1", "h1"),
    published=("meta[property='article:published_time']", "div.date-news", "time"),
    authors=("meta[name=author]", ".author-news a", ".author a"),
    # bandung.inews.id, makassar.inews.id...: iNews's regional editions.
    url_sections=((r"^https?://(?!www\.|m\.)([a-z]+)\.inews\.id/", r"Regional/\1"),),
    body=("div.detail-desc", "div[itemprop=articleBody]", "article .article-content", "div.article-body"),
    drop=(
        "figure", ".baca-juga", ".baca-inline", ".ads", "[id^=div-gpt-ad]", ".tag-news", ".pagination", ".caption",
        ".share",
    ),
    author_label=r"inews(?:\.id)?|iNews Portal|MNC Portal",
    layouts=("2020s template (unverified: fixtures only)",),
)
