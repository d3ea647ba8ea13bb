"""Reading a page with a site profile: its selectors for the metadata fields and the body.

This is the fast path: selectolax only, no trafilatura. Each selector tuple is tried in
order (newest layout first), so one profile reads a site's old and new pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.boilerplate import clean_paragraphs, join_dateline
from scraper.extract.page_meta import PageMeta
from scraper.extract.paragraphs import normalize_space, paragraphs_of, remove_nodes, text_of
from scraper.sites import profile_for_url
from scraper.sites.base import Selectors, SiteProfile

#: Attributes that hold a machine-readable value on date/author elements.
_VALUE_ATTRS = ("content", "datetime", "data-date", "title")


def first_node(tree: LexborHTMLParser | LexborNode, selectors: Selectors) -> LexborNode | None:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            return node
    return None


def _value(node: LexborNode) -> str:
    if node.tag == "meta":
        return normalize_space(node.attributes.get("content") or "")
    for attr in _VALUE_ATTRS[1:3]:
        value = node.attributes.get(attr)
        if value:
            return normalize_space(value)
    return text_of(node)


def first_text(tree: LexborHTMLParser, selectors: Selectors) -> str | None:
    """The value of the first selector that matches with a non-empty value."""
    for selector in selectors:
        for node in tree.css(selector):
            value = _value(node)
            if value:
                return value
    return None


def all_texts(tree: LexborHTMLParser, selectors: Selectors) -> list[str]:
    """Values of every node matched by the first selector that matches anything."""
    for selector in selectors:
        values = [v for v in (_value(n) for n in tree.css(selector)) if v]
        if values:
            return values
    return []


def profile_meta(tree: LexborHTMLParser, profile: SiteProfile) -> PageMeta:
    """The metadata the profile's selectors find (empty fields where they find nothing)."""
    return PageMeta(
        title=first_text(tree, profile.title),
        published=first_text(tree, profile.published),
        updated=first_text(tree, profile.updated),
        authors=all_texts(tree, profile.authors),
        section=first_text(tree, profile.section),
        tags=all_texts(tree, profile.tags),
    )


def profile_body(tree: LexborHTMLParser, profile: SiteProfile) -> list[str] | None:
    """The clean body paragraphs, or None when no body container is on the page."""
    found = first_node(tree, profile.body)
    return None if found is None else container_paragraphs(found, profile)


def container_paragraphs(node: LexborNode, profile: SiteProfile) -> list[str]:
    """The profile's reading of one story container: its drop selectors, the paragraph
    walk, and its paragraph rules. The one place these run, whichever way the container
    was found (the profile's selector, :mod:`scraper.extract.locate_story`, an embedded HTML story).

    The drop selectors are applied to a copy of the container: the page's tree stays
    whole for every step that reads it afterwards (next-page link, hooks, classification).
    """
    container = node.clone()
    doomed: list[LexborNode] = []
    for selector in profile.drop:
        doomed.extend(container.css(selector))
    remove_nodes(doomed)
    return text_paragraphs(paragraphs_of(container), profile)


def text_paragraphs(paragraphs: Iterable[str], profile: SiteProfile) -> list[str]:
    """The profile's paragraph rules (and the shared filter) on story text that came as
    text: a container's paragraphs, or an embedded story's lines (JSON-LD articleBody)."""
    return join_dateline(clean_paragraphs(
        paragraphs,
        drop=profile.drop_paragraph_res,
        stop=profile.stop_paragraph_res,
        strip=profile.strip_res,
    ))


def whole_article_url(url: str, profile: SiteProfile | None = None) -> str:
    """The URL that serves the whole article at once (the profile's single-page variant);
    ``profile`` is the site's when the caller knows it, else looked up from ``url``."""
    profile = profile or profile_for_url(url)
    if profile is None or not (profile.single_page or profile.single_page_suffix):
        return url
    parts = urlsplit(url)
    path = parts.path
    suffix = profile.single_page_suffix
    if suffix and not path.rstrip("/").endswith(suffix):
        path = path.rstrip("/") + suffix
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(dict(profile.single_page))
    return urlunsplit(parts._replace(path=path, query=urlencode(query)))
