"""thejakartapost.com: The Jakarta Post (English-language).

Two layouts. The 2012-2016 "persia" page: ``.headline .story`` with the ``h1``, one
``div.byline`` line "Author, DATELINE | Section | Fri, June 19 2015, 7:36 AM" and the story in
``.span-13.last`` beside a "World News" sidebar. The current page: ``h1.tjp-title`` and
``div.tjp-single__content`` whose first letter is a drop cap in its own ``h1`` (joined back to
the first paragraph by :func:`_postprocess`); date and authors come from JSON-LD.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scraper.extract.paragraphs import text_of
from scraper.sites.base import SiteProfile

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from scraper.article import Article
    from scraper.extract.page_meta import PageMeta


def _old_byline_authors(tree: LexborHTMLParser) -> list[str] | None:
    """Writers of a persia-layout byline: the names before the dateline comma."""
    node = tree.css_first(".headline .story .byline")
    if node is None:
        return None
    credit = text_of(node).split("|")[0].split(",")[0]
    names = [n.strip() for n in re.split(r"\s+and\s+|\s*&\s*", credit) if n.strip()]
    return [n for n in names if n.lower() not in {"the jakarta post", "jakarta post"}]


def _postprocess(tree: LexborHTMLParser, article: Article, _meta: PageMeta) -> None:
    """Join the drop-cap letter to its paragraph; read the old byline's writers."""
    char = tree.css_first(".tjp-opening__char")
    paras = article.paragraphs
    if char is not None and len(paras) > 1 and paras[0] == text_of(char) and len(paras[0]) <= 2:
        article.paragraphs = [paras[0] + paras[1], *paras[2:]]
    authors = _old_byline_authors(tree)
    if authors is not None:
        article.authors = authors


PROFILE = SiteProfile(
    name="thejakartapost",
    domains=("thejakartapost.com",),
    site_names=("The Jakarta Post", "Jakarta Post", "thejakartapost.com"),
    sitemaps=("https://www.thejakartapost.com/sitemap.xml",),
    index_pages=("https://www.thejakartapost.com/latest",),
    article_url=r"thejakartapost\.com/(?:[a-z0-9-]+/)+\d{4}/\d{2}/\d{2}/[a-z0-9-]+\.html",
    not_article_url=r"thejakartapost\.com/(?:tag|channel|latest|search|multimedia)(?:[/?]|$)",
    title=("h1.tjp-title", ".headline .story h1"),
    title_suffix=r"\s*[-|]\s*(?:[A-Z][\w ]+\s*-\s*)?The Jakarta Post$",
    published=(".headline .story .byline",),
    body=("div.tjp-single__content", ".headline .story .span-13.last"),
    drop=(
        "figure", "figcaption", ".caption", ".sidebar", ".tjp-single__content-ads", ".tjp-single__content-list",
        ".tjp-paywall", ".tjp-premium", ".tjp-newsletter-box", ".tjp-related", ".tjp-tags", "blockquote.twitter-tweet",
        "blockquote.instagram-media",
    ),
    drop_paragraphs=(r"(?i)^\W{0,3}(read also|also read|read more|related)\s*:\s*\S",),
    #: A bare "Read also:" heading opens the list of related links under the story.
    stop_paragraphs=(r"(?i)^\W{0,3}(read also|also read|read more|related( articles)?)\s*:?\s*$",),
    postprocess=_postprocess,
    layouts=(
        "2012-2016 persia .headline .story .span-13.last with byline line",
        "2020s div.tjp-single__content with drop-cap .tjp-opening",
    ),
)
