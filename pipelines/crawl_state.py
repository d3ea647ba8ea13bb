"""What the crawl asks the store between runs: which URLs are done, which are worth a re-check,
and the archived copy of a feed or sitemap when it answers 304.

Kept here, next to the crawl, because these are the crawl's questions; the store's public
API (:class:`scraper.store.Store`) stays the contract for everything else.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from scraper.fetch import FetchResult
from scraper.store import PageRecord, Store, utc_iso

__all__ = ["Known", "StoreArchive", "known_state", "recent_articles"]

_CHUNK = 500


@dataclass(frozen=True)
class Known:
    """A URL we already have: as an article (``published``, ``last_seen``) and/or a stored page."""

    url: str
    published: str | None
    last_fetched: str | None
    is_article: bool


def known_state(store: Store, urls: list[str]) -> dict[str, Known]:
    """Known URLs among ``urls``: stored articles, and pages archived under that URL
    (not-article pages count: they were fetched and are not fetched again; an empty
    body does not: an empty 200 is a transient fault, so the URL is fetched again)."""
    articles: dict[str, tuple[str | None, str | None]] = {}
    pages: dict[str, str] = {}
    for start in range(0, len(urls), _CHUNK):
        chunk = urls[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for url, published, last_seen in store.conn.execute(
            f"SELECT url, published, last_seen FROM articles WHERE url IN ({marks})", chunk
        ):
            articles[url] = (published, last_seen)
        for url, fetched in store.conn.execute(
            f"SELECT url, max(fetched_at) FROM pages WHERE url IN ({marks}) AND body_size > 0 GROUP BY url", chunk
        ):
            pages[url] = fetched
    result = {}
    for url in set(articles) | set(pages):
        published, last_seen = articles.get(url, (None, None))
        last = max(filter(None, (last_seen, pages.get(url))), default=None)
        result[url] = Known(url, published, last, url in articles)
    return result


def recent_articles(store: Store, site: str, hours: float, now: datetime | None = None) -> list[str]:
    """URLs of ``site``'s articles published in the last ``hours`` (per the store)."""
    since = utc_iso((now or datetime.now(UTC)) - timedelta(hours=hours))
    rows = store.conn.execute(
        "SELECT url FROM articles WHERE site = ? AND published >= ? ORDER BY published DESC", (site, since)
    )
    return [r[0] for r in rows]


class StoreArchive:
    """:class:`scraper.discover.SourceArchive` over the store's ``pages`` table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self.store.validators(url)

    def cached_body(self, url: str) -> bytes | None:
        row = self.store.conn.execute(
            "SELECT body, body_encoding FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        ).fetchone()
        if row is None or row[1] != "zlib":
            return None
        return zlib.decompress(row[0])

    def save_source(self, result: FetchResult) -> None:
        self.store.save_page(page_record(result, result.url))


def page_record(result: FetchResult, url: str) -> PageRecord:
    return PageRecord(
        url=url, final_url=result.final_url, status=result.status, content_type=result.content_type,
        etag=result.etag, last_modified=result.last_modified, fetched_at=result.fetched_at, body=result.body,
    )
