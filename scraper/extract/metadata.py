"""Page metadata from JSON-LD, OpenGraph, <meta> tags, <link rel=canonical> and <html lang>.

Each source is read into a :class:`~scraper.extract.page_meta.PageMeta`;
:func:`scraper.extract.page_meta.merge` applies the field precedence of docs/ARCHITECTURE.md
(site rule > JSON-LD > OpenGraph/meta > generic) in one place. Who the author and editor
values name is :mod:`scraper.extract.people`'s rule (``split_names``). JSON-LD on
Indonesian sites is often broken (trailing commas, raw newlines, several scripts, ``@graph``,
lists of types), so parsing is tolerant and never raises.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.page_meta import PageMeta
from scraper.extract.paragraphs import normalize_space
from scraper.extract.people import AUTHOR_META, EDITOR_META, meta_person, split_names

ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
     "webpage_article", "scholarlyarticle", "techarticle", "satiricalarticle", "report"}
)
MEDIA_TYPES = frozenset({"videoobject", "imagegallery", "mediagallery", "photograph", "collectionpage"})


# --- JSON-LD ---------------------------------------------------------------------------

def _loads_lenient(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    if text.startswith("//<![CDATA["):
        text = text[len("//<![CDATA["):].removesuffix("//]]>")
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
    return None


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``data`` that has an ``@type`` (incl. inside @graph and lists)."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                yield from _walk(data[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type")
    items = raw if isinstance(raw, list) else [raw]
    return {str(t).lower() for t in items if t}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or value.get("url")
    if value is None or isinstance(value, bool):
        return None
    text = normalize_space(html.unescape(str(value)))
    return text or None


def _lines(value: Any) -> str | None:
    """Text that keeps its line breaks (an articleBody's paragraphs), each line normalised."""
    if not isinstance(value, str):
        return _text(value)
    lines = (normalize_space(line) for line in html.unescape(value).split("\n"))
    return "\n".join(line for line in lines if line) or None


def _names(value: Any) -> list[str]:
    """The names a person value lists (a name, a Person object, a list of them)."""
    items = value if isinstance(value, list) else [value]
    return split_names([_text(item.get("name") if isinstance(item, dict) else item) for item in items])


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k for k in (normalize_space(x) for x in value.split(",")) if k]
    if isinstance(value, list):
        return [k for k in (_text(x) for x in value) if k]
    return []


def _section(value: Any) -> str | None:
    """``articleSection`` as text; a list stays visibly a list ("A, B") for scraper.extract.section."""
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t) or None
    return _text(value)


def _breadcrumb(objects: list[dict[str, Any]]) -> list[str]:
    """The item names of the page's first BreadcrumbList, in position order."""
    crumbs = next((o for o in objects if "breadcrumblist" in _types(o)), None)
    items = crumbs.get("itemListElement") if crumbs else None
    if not isinstance(items, list):
        return []
    names = []
    for item in items:
        if isinstance(item, dict):
            inner = item.get("item")
            name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
            text = _text(name)
            if text:
                names.append(text)
    return names


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return _text(value)


def jsonld_objects(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """All typed JSON-LD objects on the page."""
    objects: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        data = _loads_lenient(script.text(deep=True) or "")
        objects.extend(_walk(data))
    return objects


def from_jsonld(tree: LexborHTMLParser) -> PageMeta:
    """Metadata of the page's article object (NewsArticle first, then any Article type)."""
    objects = jsonld_objects(tree)
    article = next((o for o in objects if "newsarticle" in _types(o)), None)
    article = article or next((o for o in objects if _types(o) & ARTICLE_TYPES), None)
    if article is None:
        media = next((o for o in objects if _types(o) & MEDIA_TYPES), None)
        if media is None:
            return PageMeta(breadcrumb=_breadcrumb(objects), origin="jsonld")
        return PageMeta(title=_text(media.get("name") or media.get("headline")),
                        published=_text(media.get("uploadDate") or media.get("datePublished")),
                        description=_text(media.get("description")), page_type="video", origin="jsonld")
    return PageMeta(
        url=_text(article.get("url")) if isinstance(article.get("url"), str) else None,
        title=_text(article.get("headline") or article.get("name")),
        published=_text(article.get("datePublished") or article.get("dateCreated")),
        updated=_text(article.get("dateModified")),
        authors=_names(article.get("author")),
        section=_section(article.get("articleSection")),
        breadcrumb=_breadcrumb(objects),
        tags=_keywords(article.get("keywords")),
        description=_text(article.get("description")),
        image=_image(article.get("image")),
        language=_text(article.get("inLanguage")),
        body=_lines(article.get("articleBody")),
        page_type="article",
        editors=_names(article.get("editor")),
        origin="jsonld",
    )


# --- OpenGraph and <meta> ------------------------------------------------------------

def _meta_index(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """Every <meta> value by its property/name/itemprop key (lower-case), read in one pass."""
    index: dict[str, list[str]] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        value = _text(attrs.get("content"))
        if not value:
            continue
        for attr in ("property", "name", "itemprop"):
            key = attrs.get(attr)
            if key:
                index.setdefault(key.lower(), []).append(value)
    return index


def _first(index: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        values = index.get(key.lower())
        if values:
            return values[0]
    return None


def from_meta(tree: LexborHTMLParser, base_url: str | None = None) -> PageMeta:
    """OpenGraph, Dublin Core, Parsely and plain <meta> tags, <link rel=canonical>, <html lang>."""
    index = _meta_index(tree)
    canonical = tree.css_first('link[rel="canonical"]')
    href = _text(canonical.attributes.get("href")) if canonical is not None else None
    url = href or _first(index, "og:url")
    if url and base_url:
        url = urljoin(base_url, url)
    html_node = tree.css_first("html")
    lang = _text(html_node.attributes.get("lang")) if html_node is not None else None
    keyword_lists = [_keywords(_first(index, key) or "") for key in ("news_keywords", "keywords")]
    tags = [k for value in index.get("article:tag", []) for k in _keywords(value)]
    author = meta_person(_first(index, *AUTHOR_META))
    editor = meta_person(_first(index, *EDITOR_META))
    title_node = tree.css_first("title")
    return PageMeta(
        url=url,
        title=_first(index, "og:title", "twitter:title", "dc.title")
        or (normalize_space(title_node.text()) if title_node is not None else None),
        published=_first(index, "article:published_time", "datePublished", "pubdate", "publishdate",
                        "publish-date", "dc.date.issued", "dc.date", "content_PublishedDate",
                        "parsely-pub-date", "date", "og:published_time", "dtk:publishdate"),
        updated=_first(index, "article:modified_time", "dateModified", "og:updated_time", "lastmod"),
        authors=_names(author) if author else [],
        section=_first(index, "article:section", "content_category", "parsely-section"),
        subsection=_first(index, "content_subcategory"),
        tags=tags,
        keyword_lists=[k for k in keyword_lists if k],
        description=_first(index, "og:description", "description", "twitter:description"),
        image=_first(index, "og:image", "twitter:image", "twitter:image:src"),
        language=(lang or _first(index, "og:locale", "language", "content-language")),
        page_type=(_first(index, "og:type") or "").lower() or None,
        editors=_names(editor) if editor else [],
        origin="meta",
    )
