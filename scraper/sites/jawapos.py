"""jawapos.com: Jawa Pos.

Two layouts. The 2019-2022 page: ``h1.read__title``, ``.read__info__date``,
``.read__info__author``, story in ``.read__content`` with ``read__others`` "Baca Juga" links.
The current Next.js page ships an almost empty DOM: the story is the HTML string
``props.pageProps.article.content`` in the ``__NEXT_DATA__`` JSON, with ``title``,
``published_at`` and ``authors``. :func:`_postprocess` reads it. Verified on fixtures only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from selectolax.lexbor import LexborHTMLParser

from scraper.blocks import normalize_space, paragraphs_of
from scraper.boilerplate import clean_paragraphs
from scraper.dates import parse_date, to_iso
from scraper.sites.base import SiteProfile

if TYPE_CHECKING:
    from scraper.article import Article
    from scraper.metadata import PageMeta

_DROP_IN_CONTENT = (
    "figure",
    "figcaption",
    ".baca-juga",
    "blockquote.twitter-tweet",
    "blockquote.instagram-media",
)


def _next_article(tree: LexborHTMLParser) -> dict[str, Any] | None:
    node = tree.css_first("script#__NEXT_DATA__")
    if node is None:
        return None
    try:
        data = json.loads(node.text() or "")
        article = data["props"]["pageProps"]["article"]
    except (ValueError, KeyError, TypeError):
        return None
    return article if isinstance(article, dict) else None


def _content_paragraphs(html: str) -> list[str]:
    fragment = LexborHTMLParser(f"<div id='jp-body'>{html}</div>")
    root = fragment.css_first("#jp-body")
    if root is None:
        return []
    for selector in _DROP_IN_CONTENT:
        for node in root.css(selector):
            node.decompose()
    return clean_paragraphs(paragraphs_of(root), drop=PROFILE.drop_paragraph_res, strip=PROFILE.strip_res)


def _postprocess(tree: LexborHTMLParser, article: Article, _meta: PageMeta) -> None:
    """Fill the article from the embedded Next.js data when the page carries it."""
    data = _next_article(tree)
    if data is None:
        return
    content = data.get("content")
    if isinstance(content, str) and content.strip():
        article.paragraphs = _content_paragraphs(content)
        article.extractor = f"site:{PROFILE.name}"
    if isinstance(data.get("title"), str) and not article.title:
        article.title = normalize_space(data["title"])
    if isinstance(data.get("published_at"), str) and not article.published:
        parsed = parse_date(data["published_at"])
        if parsed:
            article.published, article.published_raw = to_iso(parsed.value), data["published_at"]
    names = [a.get("name") for a in data.get("authors") or [] if isinstance(a, dict)]
    if names and not article.authors:
        article.authors = [normalize_space(n) for n in names if isinstance(n, str) and n.strip()]


PROFILE = SiteProfile(
    name="jawapos",
    domains=("jawapos.com",),
    site_names=("Jawa Pos", "JawaPos", "JawaPos.com", "jawapos.com"),
    sitemaps=("https://www.jawapos.com/sitemap.xml",),
    index_pages=("https://www.jawapos.com/indeks",),
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
    postprocess=_postprocess,
    layouts=("2019-2022 .read__content", "2023+ Next.js __NEXT_DATA__ props.pageProps.article.content"),
)
