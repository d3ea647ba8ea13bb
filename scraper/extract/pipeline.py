"""One page in, one :class:`Article` out: the extraction pipeline.

Order (docs/ARCHITECTURE.md): site profile (selectolax) > JSON-LD > OpenGraph/meta > generic
(trafilatura) for each field; the body from the profile's container when the site is
known and the container is present, else from the container traced from the generic
reading (:mod:`scraper.extract.body`); every body passes the same Indonesian boilerplate filter.
``extractor`` records which path made the body, so a layout change shows up as a site
falling back ("site:NAME+fallback", "generic").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from scraper.article import Article, count_words, error_article
from scraper.errors import InputError
from scraper.extract.body import LaterPages, PageChain, Readings, read_body
from scraper.extract.classify import PageSignals, is_article, link_density, url_kind
from scraper.extract.dates import ParsedDate, parse_date, to_iso
from scraper.extract.finish_article import finish_article
from scraper.extract.htmlinput import decode_page, parse_html
from scraper.extract.layouts import choose_layout, page_year
from scraper.extract.metadata import from_jsonld, from_meta
from scraper.extract.page_meta import PageMeta, merge
from scraper.extract.page_text import with_page_text
from scraper.extract.paragraphs import normalize_space
from scraper.extract.profile_fields import profile_meta, whole_article_url
from scraper.extract.section import read_rubric, site_words
from scraper.extract.tags import choose_tags, tag_candidates
from scraper.extract.template import Template
from scraper.extract.titles import clean_title
from scraper.fetch.page import PageRecord
from scraper.sites import profile_for_url, site_name
from scraper.sites.base import SiteProfile

__all__ = ["extract_html", "extract_pages", "page_chain", "whole_article_url"]

#: Saved Wayback Machine copies rewrite every link to web.archive.org/web/<stamp>/<original>.
_ARCHIVE_PREFIX = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", re.IGNORECASE)


def extract_html(
    html: str | bytes,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
    content_type: str | None = None,
    later_pages: LaterPages | None = None,
    use_profiles: bool = True,
    profile: SiteProfile | None = None,
    template: Template | None = None,
    readings: Readings | None = None,
) -> Article:
    """Extract the article of one page; never raises for a bad page.

    A multi-page article's later pages are read from ``later_pages`` (URL -> text); the
    first later page not in it is named in ``Article.next_page``, for the caller to fetch
    and call again (:func:`scraper.extract.article_documents.fetch_whole_article` does); a page holding next to
    no text names the document its story is in (AMP version, ``_payload.json``) in
    ``Article.alternate`` the same way, and finds it in ``later_pages`` once fetched. ``profile`` is the
    caller's guess of the site; the page's canonical URL has the last word. ``template`` is
    the host's learned template (:mod:`scraper.extract.template`), for a page with no profile.
    ``readings`` are later pages already read (:class:`~scraper.extract.body.PageChain`),
    stitched as they are instead of parsed again.
    """
    try:
        text = decode_page(html, content_type)
        return _extract(text, url, fetched_at or datetime.now(UTC), later_pages or {}, use_profiles, profile,
                        template, readings or {})
    except InputError as exc:
        return error_article(str(exc), url, exc.kind)


def extract_pages(pages: list[PageRecord], *, use_profiles: bool = True, profile: SiteProfile | None = None,
                  template: Template | None = None) -> Article:
    """Extract an article from its fetched or archived pages: [first page, page 2, ...]; a
    later page the fetch loop already read (:attr:`PageRecord.reading`) is not parsed again."""
    first = pages[0]
    readings = {page.url: page.reading for page in pages[1:] if page.reading is not None}
    html = first.text if first.text is not None else first.body
    return extract_html(html, first.base_url, fetched_at=first.fetched_at, content_type=first.content_type,
                        later_pages=_LaterTexts(pages[1:]), use_profiles=use_profiles, profile=profile,
                        template=template, readings=readings)


class _LaterTexts(Mapping[str, str]):
    """Later pages by URL, each decoded when the extraction first asks for its text: one
    it stitches from its reading is not decoded at all."""

    def __init__(self, pages: list[PageRecord]) -> None:
        self._pages = {page.url: page for page in pages}

    def __getitem__(self, url: str) -> str:
        return self._pages[url].decoded()

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)


def page_chain(first: PageRecord, extractor: str, *, profile: SiteProfile | None = None) -> PageChain | None:
    """The cheap question the fetch loop asks about a multi-page story: which page comes
    next, each later page read once as it arrives (:class:`~scraper.extract.body.PageChain`).

    The first page is read only as far as choosing its profile and layout takes, exactly
    as :func:`extract_html` chooses them; ``extractor`` is the path its extraction took
    (its rules read the later pages). None when that profile names no next pages.
    """
    try:  # decoded() keeps the text for the final extraction when it runs in this process
        tree = parse_html(decode_page(first.decoded(), first.content_type))
    except InputError:
        return None
    url = first.base_url
    meta_ld, meta_tags = from_jsonld(tree), from_meta(tree, url)
    canonical = _canonical_url(url, meta_ld, meta_tags)
    chosen = _profile(canonical or url, profile)
    if chosen is not None and chosen.versions:
        chosen = choose_layout(chosen, tree, page_year(canonical or url, meta_ld, meta_tags))
    if chosen is None or not chosen.next_page:
        return None
    return PageChain(chosen, canonical or url, extractor)


def _extract(
    html: str, url: str | None, fetched_at: datetime, later_pages: LaterPages, use_profiles: bool,
    hint: SiteProfile | None, template: Template | None, readings: Readings,
) -> Article:
    tree = parse_html(html)
    meta_ld, meta_tags = from_jsonld(tree), from_meta(tree, url)
    canonical = _canonical_url(url, meta_ld, meta_tags)
    profile = _profile(canonical or url, hint) if use_profiles else None
    if profile is not None and profile.versions:
        profile = choose_layout(profile, tree, page_year(canonical or url, meta_ld, meta_tags))
    site_meta = profile_meta(tree, profile) if profile else PageMeta()
    # The body first: an embedded story object is the metadata source of last resort
    # (a script-built page may name its title, date and writers nowhere else).
    body = read_body(tree, canonical or url, profile, later_pages, meta_ld.body, template, readings)
    meta = with_page_text(tree, merge(site_meta, meta_ld, meta_tags, body.meta or PageMeta()))

    article = _article(meta, profile, canonical or url, fetched_at, tree)
    structured = (meta_ld, meta_tags, body.meta or PageMeta())
    article.section, article.subsection = read_rubric(tree, article.url, profile, structured, article.title) \
        or (None, None)
    article.tags = choose_tags(tag_candidates(site_meta, *structured), site_names=site_words(profile, article.url),
                               site_keywords=profile.site_keywords if profile else (), title=article.title)
    article.paragraphs, article.extractor, article.pages = body.paragraphs, body.extractor, body.pages
    article.next_page, article.alternate = body.next_page, body.alternate
    article.template = body.template
    finish_article(tree, article, profile, meta)

    kind = url_kind(canonical or url)
    declared = meta_ld.page_type == "article" or meta_tags.page_type == "article"
    signals = PageSignals(
        url_kind=kind,
        declared_article=declared,
        # Only undecided pages need the (costly) link density.
        link_density=link_density(tree) if kind in ("unknown", "section") and not declared else 0.0,
        body_words=count_words(article.body),
        coherent_text=body.coherent,
    )
    if not is_article(signals) or _profile_says_not_article(tree, profile, canonical or url):
        # A script-built page reads as nothing until its alternate document is fetched.
        return Article(status="not_article", url=article.url, site=article.site, title=article.title,
                       language=article.language, extractor=body.extractor, alternate=body.alternate)
    return article


def _profile(url: str | None, hint: SiteProfile | None) -> SiteProfile | None:
    """The caller's profile when it owns ``url``'s host (no second lookup), else the registry's."""
    if hint is not None and url and hint.matches_host(urlsplit(url).hostname or ""):
        return hint
    return profile_for_url(url)


def _canonical_url(url: str | None, *metas: PageMeta) -> str | None:
    """The page's canonical URL; a canonical naming the home page of a deeper URL is a
    template bug (seen on real sites), so the given URL wins then."""
    for meta in metas:
        candidate = _ARCHIVE_PREFIX.sub("", meta.url or "")
        if candidate.startswith(("http://", "https://")):
            if url and url_kind(candidate) == "home" and url_kind(url) != "home":
                return url
            return candidate
    return _ARCHIVE_PREFIX.sub("", url) if url else url


def _profile_says_not_article(tree: LexborHTMLParser, profile: SiteProfile | None, url: str | None) -> bool:
    if profile is None:
        return False
    if url and profile.not_article_url_re and profile.not_article_url_re.search(url):
        return True
    return any(tree.css_first(sel) is not None for sel in profile.not_article_markers)


def _article(
    meta: PageMeta, profile: SiteProfile | None, url: str | None, fetched_at: datetime,
    tree: LexborHTMLParser,
) -> Article:
    published = _date(meta.published, fetched_at)
    updated = _date(meta.updated, fetched_at)
    return Article(
        status="ok",
        url=url,
        site=profile.name if profile else site_name(url),
        title=clean_title(meta.title, profile, tree),
        published=to_iso(published.value) if published else None,
        published_raw=meta.published,
        updated=to_iso(updated.value) if updated else None,
        description=meta.description,
        image=urljoin(url or "", meta.image) if meta.image else None,
        language=_language(meta.language),
    )


def _date(raw: str | None, fetched_at: datetime) -> ParsedDate | None:
    return parse_date(raw, now=fetched_at) if raw else None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    return normalize_space(value).replace("_", "-").split("-")[0].lower() or None

