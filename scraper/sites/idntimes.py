"""idntimes.com: IDN Times and its regional editions (jabar.idntimes.com, ...).

Story URLs: ``/<section>/<subsection>/<writer>/<slug>-<id>`` (the id is 2-6 characters).
Long stories are paged (``?page=2``); ``?page=all`` serves them whole, and the page's
JSON-LD ``articleBody`` also holds the full text. :func:`_postprocess` prefers that
articleBody (already parsed: ``PageMeta.body``) when it is longer than the paragraphs read
from the DOM (a paged or script-filled body). Verified on fixtures only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scraper.article import count_words
from scraper.boilerplate import clean_paragraphs
from scraper.sites.base import SiteProfile

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from scraper.article import Article
    from scraper.metadata import PageMeta


def _postprocess(_tree: LexborHTMLParser, article: Article, meta: PageMeta) -> None:
    """Use the structured-data text when it carries more of the story than the DOM did."""
    body = meta.body
    if not body:
        return
    paragraphs = clean_paragraphs(p for p in re.split(r"\n+", body))
    if count_words(" ".join(paragraphs)) > count_words(article.body) * 1.1:
        article.paragraphs = paragraphs
        article.extractor = f"site:{PROFILE.name}"


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
    postprocess=_postprocess,
    layouts=("2020s div#article-content (?page=all)", "JSON-LD articleBody as the full text"),
)
