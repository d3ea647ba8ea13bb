"""Fetching a whole article: the single-page variant, its fallback, and every later page.

The one place where an article URL becomes pages + an Article, used by the crawl, the
one-off ``scraper extract URL`` and the distributed workers alike, so they cannot
disagree on the rules:

- the profile's single-page variant (``?page=all``, ``?single=1``, ``/all``) is asked for
  first; when the site refuses it with a client error (4xx other than 429: the variant
  is not served for this article) the plain URL is fetched instead. A 429/5xx is the
  host struggling, not the variant missing: it fails the URL (the retry policy of the
  fetcher and of the crawl handle it) rather than adding another request;
- a multi-page article's later pages are fetched one by one, through the same fetcher
  (politeness, robots, SSRF guard, charset detection): the first page's extraction names
  page 2 (:attr:`Article.next_page`), then each fetched page is read once, as it arrives,
  for its paragraphs and its next link (:func:`scraper.extract.pipeline.page_chain`), and
  the article is extracted once more with those readings (the later pages are not parsed
  again): n pages cost 2 extractions and n + 2 parses. A later page that fails keeps the
  pages already read;
- a page that holds next to no text (script-built) names the document its story is in
  (:attr:`Article.alternate`: the site's ``_payload.json``, the AMP version); it is
  fetched by the same loop, the same way, and extraction runs again with it at hand;
- every page comes back as a :class:`PageRecord`, so the caller archives all of them and
  ``scraper reextract`` can read the article again from the archive;
- all of it runs within one deadline (``FetchConfig.article_deadline``, ``--deadline``):
  robots.txt, the first page, later pages, AMP/payload documents, redirects, retries and
  back-off draw on one budget (:meth:`Fetcher.budget`). The first page past it fails the
  article with kind "deadline"; a later document past it ends the loop with the pages read.

Extraction is a callable given by the caller: inline, in a thread, or in a process pool.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scraper.article import Article
from scraper.errors import FailureKind, FetchError
from scraper.extract.body import PageChain
from scraper.extract.pipeline import page_chain
from scraper.extract.profile_fields import whole_article_url
from scraper.fetch.client import Accept, Fetcher
from scraper.fetch.page import PageRecord
from scraper.sites.base import SiteProfile

__all__ = ["ExtractPages", "WholeArticle", "fetch_whole_article", "variant_refused"]

log = logging.getLogger(__name__)

#: pages -> Article (scraper.extract.pipeline.extract_pages, run wherever the caller wants).
ExtractPages = Callable[[list[PageRecord]], Awaitable[Article]]


@dataclass
class WholeArticle:
    """The article and every page read for it; ``article`` is None for a 304."""

    article: Article | None
    pages: list[PageRecord] = field(default_factory=list)
    not_modified: bool = False


def variant_refused(exc: FetchError) -> bool:
    """The site does not serve the single-page variant of this article (fall back to the URL)."""
    return exc.kind is FailureKind.HTTP and exc.status is not None and 400 <= exc.status < 500 and exc.status != 429


async def fetch_whole_article(
    fetcher: Fetcher,
    url: str,
    *,
    extract: ExtractPages,
    profile: SiteProfile | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> WholeArticle:
    """Fetch ``url`` as a whole article and extract it. Raises FetchError when the first
    page cannot be fetched; ``etag``/``last_modified`` make the first fetch conditional."""
    with fetcher.budget(fetcher.config.article_deadline):
        return await _fetch_whole(fetcher, url, extract, profile, etag, last_modified)


async def _fetch_whole(
    fetcher: Fetcher, url: str, extract: ExtractPages, profile: SiteProfile | None, etag: str | None,
    last_modified: str | None,
) -> WholeArticle:
    whole = whole_article_url(url, profile)
    try:
        first = await fetcher.fetch(whole, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        if whole == url or not variant_refused(exc):
            raise
        log.info("single-page variant refused (%s), fetching %s", exc, url)
        first = await fetcher.fetch(url, etag=etag, last_modified=last_modified)
    if first.not_modified:
        return WholeArticle(None, not_modified=True)
    pages = [PageRecord.from_fetch(first, url)]
    article = await extract(pages)
    if article.next_page and (chain := page_chain(pages[0], article.extractor or "", profile=profile)) is not None:
        complete = await _follow_pages(fetcher, url, pages, article.next_page, chain)
        article = await extract(pages)
        if not complete:
            return WholeArticle(article, pages)
    # What the extractor still names (an AMP or payload document): fetched, then read again.
    while (wanted := article.wanted) and wanted not in {page.url for page in pages}:
        page = await _fetch_later(fetcher, url, wanted, len(pages))
        if page is None:
            break
        pages.append(page)
        article = await extract(pages)
    return WholeArticle(article, pages)


async def _follow_pages(fetcher: Fetcher, url: str, pages: list[PageRecord], wanted: str | None,
                        chain: PageChain) -> bool:
    """Fetch the later pages one by one, each read once for the final extraction and its
    next link; False when one failed."""
    while wanted and wanted not in {page.url for page in pages}:
        page = await _fetch_later(fetcher, url, wanted, len(pages))
        if page is None:
            return False
        pages.append(page)
        page.reading, wanted = chain.read(wanted, page.decoded())
    return True


async def _fetch_later(fetcher: Fetcher, url: str, wanted: str, have: int) -> PageRecord | None:
    """A later document of ``url``'s article, or None (logged) when it cannot be fetched."""
    try:
        later = await fetcher.fetch(wanted, accept=_accept(wanted))
    except FetchError as exc:
        log.warning("%s: %s failed (%s); keeping %d page(s)", url, wanted, exc, have)
        return None
    return PageRecord.from_fetch(later, wanted)


def _accept(url: str) -> Accept:
    """A data endpoint (a Nuxt ``_payload.json``) is JSON, not HTML: accept what it is."""
    return "any" if urlsplit(url).path.endswith(".json") else "html"
