"""The one-off extraction job: a saved file, stdin or a URL -> Article (+ the raw page).

Files are read with a size limit. URLs are fetched through the same fetcher the crawl
uses (SSRF guard, size limits, retries), the single-page variant first, and a multi-page
story's later pages are followed. The raw page comes back too, so ``--db`` can archive it.
Extraction has the crawl's per-page bound (:data:`EXTRACT_TIMEOUT`): a page past it comes
back as an error Article of kind ``extract_timeout`` instead of holding the command.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pipelines.time_bound import bounded, bounded_async
from scraper.article import Article, error_article
from scraper.errors import FailureKind, InputError, ScraperError
from scraper.extract.htmlinput import MAX_PAGE_BYTES
from scraper.extract.pipeline import extract_html, extract_pages
from scraper.fetch.page import PageRecord

#: Seconds one page's extraction may take (the crawl's extraction processes use the same).
EXTRACT_TIMEOUT = 60.0

#: The article, and the pages to archive with it (none when nothing was read).
Outcome = tuple[Article, list[PageRecord]]


#: ``scheme://``: a URL, never a file name, even when the scheme is not one we fetch.
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


#: ``news.detik.com/berita/...``: a host name first, what a URL without its scheme looks like.
_HOST_LIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/|$)", re.IGNORECASE)


def is_url(target: str) -> bool:
    return _SCHEME.match(target) is not None


def read_target(target: str) -> bytes:
    """The bytes of a saved page (``-`` = stdin), refusing huge or unreadable files."""
    if target == "-":
        data = sys.stdin.buffer.read(MAX_PAGE_BYTES + 1)
    else:
        path = Path(target)
        if not path.exists():
            hint = f" (a web page? give the URL with its scheme: https://{target})" if _HOST_LIKE.match(target) else ""
            raise InputError(f"no such file: {target}{hint}")
        if path.is_dir():
            raise InputError(f"is a directory: {target}")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_PAGE_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read {target}: {exc.strerror or exc}") from exc
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(f"file too large (over {MAX_PAGE_BYTES} bytes): {target}")
    return data


def extract_file(target: str, url: str | None = None, *, use_profiles: bool = True) -> Outcome:
    """Extract a saved page; errors come back as an Article with status "error"."""
    try:
        data = read_target(target)
    except ScraperError as exc:
        return error_article(str(exc), url), []
    now = datetime.now(UTC)
    try:
        article = bounded(lambda: extract_html(data, url, fetched_at=now, use_profiles=use_profiles), EXTRACT_TIMEOUT)
    except TimeoutError:
        article = error_article(f"extraction took over {EXTRACT_TIMEOUT:.0f}s", url, FailureKind.EXTRACT_TIMEOUT)
    address = article.url or url or (Path(target).resolve().as_uri() if target != "-" else "stdin:")
    page = PageRecord(url=address, final_url=address, status=200, content_type="text/html", etag=None,
                      last_modified=None, fetched_at=now, body=data)
    return article, [page]


def extract_url(
    url: str, *, resolve: list[str] | None = None, allow_private: bool = False, use_profiles: bool = True,
    deadline: float | None = None,
) -> Outcome:
    """Fetch and extract one URL as a whole article (single-page variant or every page),
    through the crawl's own :func:`scraper.extract.article_documents.fetch_whole_article`. A user-requested
    page is not a crawl: robots.txt is not consulted; the SSRF guard is on unless
    ``allow_private``. ``deadline``: the article's total seconds on the network (default
    ``FetchConfig.article_deadline``)."""
    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):  # file://, ftp://...: refused, not looked up as a file
        return error_article(f"unsupported URL scheme {scheme}:// (only http and https): {url}", url), []
    from scraper.extract.article_documents import fetch_whole_article  # noqa: PLC0415
    from scraper.fetch.client import FetchConfig, Fetcher  # noqa: PLC0415 - httpx only when a URL is given

    config = replace(FetchConfig(), public_only=not allow_private, obey_robots=False)
    if deadline is not None:
        config = replace(config, article_deadline=deadline)

    async def inline(pages: list[PageRecord]) -> Article:
        try:
            return await bounded_async(lambda: extract_pages(pages, use_profiles=use_profiles), EXTRACT_TIMEOUT)
        except TimeoutError:
            return error_article(f"extraction took over {EXTRACT_TIMEOUT:.0f}s", url, FailureKind.EXTRACT_TIMEOUT)

    async def run() -> Outcome:
        async with Fetcher(config, resolve=resolve) as fetcher:
            got = await fetch_whole_article(fetcher, url, extract=inline)
        assert got.article is not None  # no validators were sent: never a 304
        return got.article, got.pages

    import asyncio  # a saved file needs no event loop: its import is paid by URLs only

    try:
        return asyncio.run(run())
    except ScraperError as exc:
        return error_article(str(exc), url, kind=getattr(exc, "kind", None)), []
