"""The Indonesian news scraper as a library: extract a page, open a store, the Article.

The package is laid out by stage, in the order a page travels::

    scraper/discover/  which article URLs a site offers (sitemaps, feeds, archives, search)
    scraper/fetch/     polite HTTP, robots.txt, politeness, decoding; PageRecord
    scraper/extract/   one page (and its later pages) -> Article
    scraper/sites/     the site profiles extraction and discovery read
    scraper/store/     SQLite / PostgreSQL: articles, pages, fetch logs, stories
    scraper/dedupe/    near-duplicate text; syndicated copies filed under one story
    scraper/draft/     drafting a profile for a new site (``scraper sites new``)
    scraper/filters/   --since/--until, --match and full-text queries

The names below are the supported entry points. They are loaded on first use (PEP 562),
so ``import scraper.fetch.urls`` does not pay for the extractor or the store: the CLI
imports only the command it runs (tests/test_cli_fast.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scraper.article import Article
    from scraper.extract.pipeline import extract_html, extract_pages
    from scraper.fetch.page import PageRecord
    from scraper.store import Store

__all__ = ["Article", "PageRecord", "Store", "extract_html", "extract_pages", "open_store"]

#: Public name -> the module that owns it.
_HOMES = {
    "Article": "scraper.article",
    "PageRecord": "scraper.fetch.page",
    "Store": "scraper.store",
    "extract_html": "scraper.extract.pipeline",
    "extract_pages": "scraper.extract.pipeline",
}


def open_store(target: str, *, readonly: bool = False) -> Store:
    """Open the store at ``target``: a SQLite file path, or a ``postgresql://`` connection string."""
    from scraper.store import Store  # noqa: PLC0415 - the store is loaded only when asked for

    return Store.open(target, readonly=readonly)


def __getattr__(name: str) -> Any:
    """Load a public name from its home module on first access."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'scraper' has no attribute {name!r}")
    return getattr(import_module(home), name)
