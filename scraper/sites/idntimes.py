"""idntimes.com: IDN Times and its regional editions (jabar.idntimes.com, ...).

Story URLs: ``/<section>/<subsection>/<writer>/<slug>-<id>`` (the id is 2-6 characters).
Long stories are paged (``?page=2``); ``?page=all`` serves them whole, and the page's
JSON-LD ``articleBody`` also holds the full text: declared as ``embedded``, it is read
instead of the DOM when it holds more (a paged or script-filled body). Verified on
fixtures only.
"""

from __future__ import annotations

from scraper.sites.base import SiteProfile

PROFILE = SiteProfile(
    name="idntimes",
    domains=("idntimes.com",),
    site_names=("IDN Times", "IDNTimes", "idntimes.com"),
    sitemaps=("https://www.idntimes.com/sitemap.xml",),
    index_pages=("https://www.idntimes.com/news/indonesia", "https://www.idntimes.com/business/economy"),
    article_url=r"idntimes\.com/[a-z-]+/[a-z-]+/[a-z0-9-]+/[a-z0-9-]+-[a-z0-9]{2,6}(?:[/?#]|$)",
    not_article_url=r"idntimes\.com/(?:tag|search|video|quiz|user|author)(?:[/?]|$)",
    single_page=(("page", "all"),),
    next_page=("link[rel=next]", "a.pagination-next", ".pagination a[rel=next]"),
    title=("h1.title-text", "article h1"),
    authors=(".author-name a", "meta[name='author']"),
    body=("div#article-content", "div.article-content", "section.content-post-description"),
    drop=(
        "figure",
        "figcaption",
        ".baca-juga",
        ".read-also",
        "[class*='related']",
        "[id^='div-gpt-ad']",
        ".ads",
        ".pagination",
        ".share",
        "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    embedded=("jsonld:articleBody",),
    layouts=("2020s div#article-content (?page=all)", "JSON-LD articleBody as the full text"),
)
