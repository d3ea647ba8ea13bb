"""The one-off extraction job: a saved file, stdin or a URL -> Article.

Files are read with a size limit; URLs are fetched with the robust fetcher (single-page
variant first, next pages followed) when it is available.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scraper.article import Article, error_article
from scraper.errors import InputError, ScraperError
from scraper.extract import extract_html
from scraper.htmlinput import MAX_PAGE_BYTES


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


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


def extract_file(target: str, url: str | None = None, *, use_profiles: bool = True) -> Article:
    """Extract a saved page; errors come back as an Article with status "error"."""
    try:
        data = read_target(target)
    except ScraperError as exc:
        return error_article(str(exc), url)
    return extract_html(data, url, use_profiles=use_profiles)
