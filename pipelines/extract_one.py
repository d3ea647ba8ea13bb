"""The one-off extraction job: a saved file, stdin or a URL -> Article (+ the raw page).

Files are read with a size limit. URLs are fetched through the same fetcher the crawl
uses (SSRF guard, size limits, retries), the single-page variant first, and a multi-page
story's later pages are followed. The raw page comes back too, so ``--db`` can archive it.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from scraper.article import Article, error_article
from scraper.errors import FetchError, InputError, ScraperError
from scraper.extract import extract_html
from scraper.htmlinput import MAX_PAGE_BYTES
from scraper.profile_fields import whole_article_url
from scraper.store import PageRecord

Outcome = tuple[Article, PageRecord | None]


#: ``scheme://``: a URL, never a file name, even when the scheme is not one we fetch.
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_url(target: str) -> bool:
    return _SCHEME.match(target) is not None


def read_target(target: str) -> bytes:
    """The bytes of a saved page (``-`` = stdin), refusing huge or unreadable files."""
    if target == "-":
        data = sys.stdin.buffer.read(MAX_PAGE_BYTES + 1)
    else:
        path = Path(target)
        if not path.exists():
            raise InputError(f"no such file: {target}")
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
        return error_article(str(exc), url), None
    now = datetime.now(UTC)
    article = extract_html(data, url, fetched_at=now, use_profiles=use_profiles)
    address = article.url or url or (Path(target).resolve().as_uri() if target != "-" else "stdin:")
    page = PageRecord(url=address, final_url=address, status=200, content_type="text/html", etag=None,
                      last_modified=None, fetched_at=now, body=data)
    return article, page


def extract_url(
    url: str, *, resolve: list[str] | None = None, allow_private: bool = False, use_profiles: bool = True
) -> Outcome:
    """Fetch and extract one URL (whole article: single-page variant or followed pages)."""
    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):  # file://, ftp://...: refused, not looked up as a file
        return error_article(f"unsupported URL scheme {scheme}:// (only http and https): {url}", url), None
    from scraper.fetch import fetch_one  # noqa: PLC0415 - httpx only when a URL is given

    def get(address: str) -> str:
        result = fetch_one(address, resolve=resolve, allow_private=allow_private)
        return result.text or result.body.decode("utf-8", "replace")

    try:
        whole = whole_article_url(url)
        try:
            result = fetch_one(whole, resolve=resolve, allow_private=allow_private)
        except FetchError as exc:
            if whole == url or exc.kind != "http":
                raise
            result = fetch_one(url, resolve=resolve, allow_private=allow_private)
    except ScraperError as exc:
        return error_article(str(exc), url), None
    article = extract_html(result.body, result.final_url, fetched_at=result.fetched_at,
                           content_type=result.content_type, fetch_page=get, use_profiles=use_profiles)
    page = PageRecord(url=url, final_url=result.final_url, status=result.status,
                      content_type=result.content_type, etag=result.etag,
                      last_modified=result.last_modified, fetched_at=result.fetched_at, body=result.body)
    return article, page
