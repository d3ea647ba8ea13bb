"""The store: articles for analysts, pages and fetch logs for the machine (see :mod:`scraper.store.core`).

``Store(path)`` opens SQLite (the default), ``Store("postgresql://...")`` PostgreSQL.
"""

from __future__ import annotations

from scraper.fetch.page import PageRecord
from scraper.store.core import Store
from scraper.store.target import is_dsn
from scraper.store.values import Known, SaveResult, content_hash, parse_published, utc_iso

__all__ = ["Known", "PageRecord", "SaveResult", "Store", "content_hash", "is_dsn", "parse_published", "utc_iso"]
