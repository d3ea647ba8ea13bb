"""The store: clean articles for analysts, raw pages and fetch logs for the machine.

One :class:`Store` class holds every rule about what is written and read, on top of a
backend that owns the connection and the little SQL that differs: SQLite
(:mod:`scraper.store.sqlite`, the default: ``--db data/articles.db``) or PostgreSQL
(:mod:`scraper.store.postgres`: ``--db postgresql://...``, for many machines writing at once).

Why it is built this way:
- Every write of a page and its article is one transaction, so a crash never leaves an
  article pointing at a missing page or half an update; :meth:`Store.apply` runs a batch
  of writes in one transaction, each in its own savepoint.
- Times are UTC ISO 8601 text ('YYYY-MM-DDTHH:MM:SSZ') that sorts correctly; the page's own
  offset is kept in ``published_local`` so WIB/WITA/WIT local time stays recoverable.
- Articles are keyed by canonical URL and versioned: when title or body change, the earlier
  text goes to ``article_versions`` and ``version`` goes up. Metadata-only changes (tags,
  authors...) are refreshed in place and reported as "updated" without a new version.
- Raw pages are stored compressed (brotli quality 1, see :mod:`scraper.fetch.page`).
- Several writers at once (PostgreSQL, many machines): the article upsert is
  ``INSERT .. ON CONFLICT (url) DO NOTHING`` then a locked re-read, so one URL is one row
  and its versions stay consecutive; what has no unique key (a page's "same URL, same body"
  refresh, a URL's failure count) is serialised per URL (:meth:`Backend.serialize`); a
  transaction that loses a deadlock is run again whole (:meth:`Store._write`).

``data/README.md`` documents the schema. One ``Store`` is one connection: use it from one
thread (open one per thread/process).
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from scraper.article import Article
from scraper.errors import StoreError
from scraper.extract.tags import SITEWIDE_MIN_ARTICLES, SITEWIDE_SHARE, learn_sitewide
from scraper.extract.template import TEMPLATE_VERSION, Template
from scraper.fetch.page import PageRecord, unpack
from scraper.filters.daterange import parse_range
from scraper.filters.searchquery import check_query, requoted_note
from scraper.store.backend import Backend
from scraper.store.target import open_backend
from scraper.store.values import (
    ARTICLE_COLUMNS,
    BATCH,
    FALLBACK_SQL,
    JSON_LISTS,
    PAGE_COLUMNS,
    RUN_COUNTS,
    Known,
    SaveResult,
    article_row,
    chunks,
    decode_lists,
    from_utc,
    page_from_row,
    site_of,
    to_json,
    utc_iso,
)

#: Latest articles per site whose tags the site-wide keyword pass reads.
SITEWIDE_SAMPLE = 500

__all__ = ["Backend", "Store"]

log = logging.getLogger("scraper.store")
T = TypeVar("T")
#: An article to insert: (its index in the batch, URL, row values, first page id, band keys).
_NewRow = tuple[int, str, dict[str, Any], int | None, list[int] | None]
#: How many times a transaction that lost a lock race (a PostgreSQL deadlock) is run.
ATTEMPTS = 5

_RATE_COLUMNS = ("title_fill", "published_fill", "authors_fill", "words_mean", "fallback_share", "empty_share")


def _text(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value or None


class Store:
    """Articles, pages, fetches and runs in SQLite (a path) or PostgreSQL (a DSN)."""

    def __init__(self, target: str | Path, *, readonly: bool = False) -> None:
        self.backend: Backend = open_backend(target, readonly=readonly)
        self.readonly = readonly
        #: What was opened (a path or a DSN; ``where`` is the form for messages).
        self.target = target
        self.where = self.backend.where
        self._batching = False
        #: Pages given an id in the open transaction: a rollback takes the ids back.
        self._new_pages: list[PageRecord] = []
        #: site -> keywords learned to be on every page of it (site_keywords), read once.
        self._sitewide: dict[str, frozenset[str]] | None = None

    @classmethod
    def open(cls, target: str | Path, readonly: bool = False) -> Store:
        return cls(target, readonly=readonly)

    def limits(self) -> dict[str, int]:
        """This connection's own limits (SQLite's ``max_page_count``), for :meth:`twin`."""
        return self.backend.limits()

    def twin(self, limits: dict[str, int]) -> Store:
        """A second connection to the same database under ``limits`` (this one's, read with
        :meth:`limits` in the thread that owns this connection). For a writer thread: a
        connection is used by the thread that opened it."""
        other = Store(self.target, readonly=self.readonly)
        other.backend.set_limits(limits)
        return other

    # --- plumbing -------------------------------------------------------------------------

    @property
    def conn(self) -> Any:
        """The backend's own connection (sqlite3 or psycopg), for tests and tools."""
        return self.backend.conn

    @property
    def path(self) -> Path:
        """The SQLite file (SQLite only)."""
        return Path(getattr(self.backend, "path", self.where))

    @property
    def db(self) -> Any:
        """A sqlite-utils view of the same connection (SQLite only), for introspection."""
        if self.backend.name != "sqlite":
            raise StoreError(f"{self.where}: sqlite-utils needs a SQLite database")
        return getattr(self.backend, "db")  # noqa: B009 - SQLite-only attribute

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _x(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.backend.execute(sql, tuple(params))

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except self.backend.errors as exc:
            raise StoreError(f"{self.where}: cannot {action}: {self.backend.explain(exc)}") from exc

    @contextmanager
    def transaction(self, action: str = "write") -> Iterator[Any]:
        """One transaction that takes the write lock up front (SQLite: waits up to
        busy_timeout), so two writers never deadlock on a lock upgrade. Inside
        :meth:`batch`, writes join the batch's transaction instead."""
        if self.readonly:
            raise StoreError(f"{self.where}: cannot {action}: the store was opened read-only")
        if self._batching:
            yield self.conn
            return
        with self._errors(action):
            self._new_pages = []
            self._x(self.backend.begin_sql)
            try:
                yield self.conn
                self._x("COMMIT")
            except BaseException:
                self._forget_pages(0)
                if self.backend.in_transaction:
                    self._x("ROLLBACK")
                raise
            finally:
                self._new_pages = []

    def _forget_pages(self, keep: int) -> None:
        """Pages stored after the first ``keep`` of this transaction were rolled back: they
        have no id any more (a retry stores them again; a stale id could name another page)."""
        for page in self._new_pages[keep:]:
            page.id = None
        del self._new_pages[keep:]

    def _write(self, action: str, write: Callable[[], T]) -> T:
        """``write()`` in one transaction; run again, whole, when the backend says it lost a
        lock race (PostgreSQL: a deadlock between two writers' batches). Inside a batch,
        the batch's transaction is the one that is retried."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.transaction(action):
                    return write()
            except StoreError as exc:
                if self._batching or attempt == ATTEMPTS or not self.backend.retryable(exc.__cause__):
                    raise
            time.sleep(random.uniform(0.005, 0.05) * attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every write inside goes into one transaction (the crawl's batched writer): far
        fewer commits, and a crash loses the whole batch or nothing, never half of it."""
        if self._batching:
            yield
            return
        with self.transaction("write batch"):
            self._batching = True
            try:
                yield
            finally:
                self._batching = False

    def apply(self, writes: list[Callable[[], Any]]) -> list[Any]:
        """Run ``writes`` (calls of this store's write methods) in one transaction, each in
        its own savepoint: a write that fails is undone alone and its exception takes its
        place in the results. A failure of the transaction itself raises StoreError."""
        if self._batching:
            return self._apply(writes)
        return self._write("write batch", lambda: self._batched(lambda: self._apply(writes)))

    def _batched(self, run: Callable[[], T]) -> T:
        self._batching = True
        try:
            return run()
        finally:
            self._batching = False

    def _apply(self, writes: list[Callable[[], Any]]) -> list[Any]:
        results: list[Any] = []
        with self._errors("write batch"):
            for write in writes:
                self._x("SAVEPOINT one_write")
                stored = len(self._new_pages)
                try:
                    results.append(write())
                except (StoreError, ValueError, TypeError) as exc:
                    self._x("ROLLBACK TO SAVEPOINT one_write")
                    self._forget_pages(stored)
                    results.append(exc)
                self._x("RELEASE SAVEPOINT one_write")
        return results

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._errors("read"):
            cursor = self._x(sql, tuple(params))
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- writing pages and articles -------------------------------------------------------

    def save_page(self, page: PageRecord) -> int:
        """Archive a raw page (e.g. a feed or sitemap); returns its id."""
        return self._write("save page", lambda: self._insert_page(page))

    def save_pages(self, pages: list[PageRecord], site: str | None = None) -> int | None:
        """Archive the pages of one document (first page, later pages) without an article,
        e.g. when extraction failed: re-extraction can read them later."""
        return self._write("save pages", lambda: self._insert_pages(pages, site))

    def save_source(self, page: PageRecord) -> None:
        """Archive a feed/sitemap/index response (:class:`scraper.discover.sources.SourceArchive`)."""
        self.save_page(page)

    def _insert_pages(self, pages: list[PageRecord], site: str | None) -> int | None:
        """Insert an article's pages: the first, then each later page as a part of it."""
        if not pages:
            return None
        first = self._insert_page(pages[0], site)
        for number, part in enumerate(pages[1:], start=2):
            self._insert_page(part, site, part_of=(first, number))
        return first

    def _insert_page(self, page: PageRecord, site: str | None = None, part_of: tuple[int, int] | None = None) -> int:
        """Insert ``page`` unless it is already stored; an identical body re-fetched for
        the same URL refreshes the latest row instead of storing a second copy.
        ``part_of`` = (first page id, page number) files a later page of a multi-page article."""
        if page.id is not None:
            return page.id
        packed = page.pack()
        body_hash = packed.sha256
        fetched = utc_iso(page.fetched_at)
        parent, number = part_of or (None, None)
        self.backend.serialize(f"page {page.url}")  # one writer at a time checks "same URL, same body"
        latest = self._x(
            "SELECT id, body_hash FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (page.url,)
        ).fetchone()
        if latest and latest[1] == body_hash:
            self._x(
                "UPDATE pages SET final_url=?, status=?, content_type=?, etag=?, last_modified=?,"
                f" fetched_at={self.backend.greatest('fetched_at', '?')}, redirected=?, part_of=?, part=? WHERE id=?",
                (page.final_url, page.status, page.content_type, page.etag, page.last_modified,
                 fetched, int(page.redirected), parent, number, latest[0]),
            )
            page.id = int(latest[0])
            return page.id
        cursor = self._x(
            "INSERT INTO pages (url, final_url, site, status, content_type, etag, last_modified,"
            " fetched_at, body, body_encoding, body_size, body_hash, redirected, part_of, part)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (page.url, page.final_url, site or site_of(page.final_url or page.url), page.status,
             page.content_type, page.etag, page.last_modified, fetched,
             packed.blob, packed.encoding, packed.size, body_hash, int(page.redirected),
             parent, number),
        )
        page.id = int(cursor.fetchone()[0])
        self._new_pages.append(page)
        return page.id

    def save_article(
        self, article: Article, *, pages: list[PageRecord] | None = None, page: PageRecord | None = None,
        seen_at: datetime | None = None,
    ) -> SaveResult:
        """Store the article's ``pages`` (first page, then later pages; ``page`` = one page)
        and upsert ``article``, in one transaction.

        Returns "new", "updated" or "unchanged"; an article whose status is not "ok" only
        archives its pages and returns "not_article". Saving the same article twice gives
        one row and no new version. A page whose ``id`` is set is taken as already stored.
        """
        seen = utc_iso(seen_at)
        return self._write("save article", lambda: self._save(article, pages or ([page] if page else []), seen))

    def save_articles(
        self, items: Iterable[Article | tuple[Article, list[PageRecord] | PageRecord | None]], *, batch: int = BATCH
    ) -> Counter[str]:
        """Bulk :meth:`save_article`: ``batch`` articles per transaction (for imports, the
        crawl's batched writer and the benchmark). Returns counts by result."""
        counts: Counter[str] = Counter()
        pending: list[tuple[Article, list[PageRecord]]] = []
        for item in items:
            article, pages = item if isinstance(item, tuple) else (item, None)
            pending.append((article, pages if isinstance(pages, list) else [pages] if pages else []))
            if len(pending) >= batch:
                counts.update(self._save_batch(pending))
                pending = []
        if pending:
            counts.update(self._save_batch(pending))
        return counts

    def _save_batch(self, items: list[tuple[Article, list[PageRecord]]]) -> Counter[str]:
        seen = utc_iso()
        return self._write("save articles", lambda: Counter(self._save_many(items, seen)))

    def _save(self, article: Article, pages: list[PageRecord], seen: str) -> SaveResult:
        return self._save_many([(article, pages)], seen)[0]

    def _save_many(self, items: Sequence[tuple[Article, list[PageRecord]]], seen: str) -> list[SaveResult]:
        """Store each item's pages, then its article; the results in the items' order.

        The new articles of a batch go in one multi-row INSERT: SQLite's FTS5 flushes its
        pending index at the end of every statement, so one INSERT per article wrote one tiny
        index segment per article and the merges cost half the bulk insert time; PostgreSQL
        saves a round trip per article. A URL already stored (or earlier in the batch) is
        not returned by the INSERT and takes the locked update path, in the items' order."""
        results: list[SaveResult] = ["not_article"] * len(items)
        rows: list[_NewRow] = []
        for n, (article, pages) in enumerate(items):
            page_id = self._insert_pages(pages, article.site)
            if article.status != "ok":
                continue
            url = article.url or (pages[0].final_url if pages else None)
            if not url:
                raise StoreError("cannot save an article without a URL")
            rows.append((n, url, self._without_sitewide(article, article_row(article)), page_id, article.bands))
        inserted = self._insert_articles(rows, seen)
        bands = []
        for n, url, row, page_id, keys in rows:
            new_id = inserted.pop(url, None)
            if new_id is not None:
                results[n] = "new"
                bands.append((new_id, keys))
            else:
                results[n] = self._save_existing(url, row, seen, page_id, keys)
        self._keep_bands(bands)
        return results

    def _save_existing(
        self, url: str, row: dict[str, Any], seen: str, page_id: int | None, bands: list[int] | None
    ) -> SaveResult:
        """Another writer (or an earlier run, or an earlier item) has the URL: lock its row,
        then update it."""
        columns = ", ".join(ARTICLE_COLUMNS)
        cursor = self._x(f"SELECT {columns} FROM articles WHERE url = ?{self.backend.for_update}", (url,))
        names = [c[0] for c in cursor.description]
        old = dict(zip(names, cursor.fetchone(), strict=True))
        result = self._update_article(old, row, seen, page_id)
        if row["content_hash"] != old["content_hash"]:
            self._keep_bands([(int(old["id"]), bands)])
        return result

    def _keep_bands(self, articles: list[tuple[int, list[int] | None]]) -> None:
        """The articles' new band keys, when extraction computed them (the dedupe pass then
        has no MinHash to do); without them, old keys go and the pass computes the new ones.
        One statement per chunk: single inserts cost the writer a round trip per key."""
        if not articles:
            return
        ids = [article_id for article_id, _ in articles]
        for part in chunks(ids, self.backend.max_params):
            self._x(f"DELETE FROM article_bands WHERE article_id IN ({', '.join('?' for _ in part)})", part)
        pairs = [v for article_id, keys in articles for key in dict.fromkeys(keys or ()) for v in (key, article_id)]
        for part in chunks(pairs, self.backend.max_params - self.backend.max_params % 2):
            rows = ", ".join("(?, ?)" for _ in range(len(part) // 2))
            self._x(f"INSERT INTO article_bands (band_key, article_id) VALUES {rows} ON CONFLICT DO NOTHING", part)

    def _insert_articles(self, rows: list[_NewRow], seen: str) -> dict[str, int]:
        """Insert new articles, as many per statement as the backend's parameter limit
        allows; returns url -> id of the rows inserted. A URL already stored is left alone
        (idempotent upsert keyed by URL: concurrent workers never make two rows)."""
        if not rows:
            return {}
        values = [{**row, "url": url, "first_seen": seen, "last_seen": seen, "version": 1,
                   "version_since": seen, "page_id": page_id} for _, url, row, page_id, _ in rows]
        names = list(values[0])
        marks = "(" + ", ".join("?" for _ in names) + ")"
        inserted: dict[str, int] = {}
        for part in chunks(values, max(1, self.backend.max_params // len(names))):
            cursor = self._x(
                f"INSERT INTO articles ({', '.join(names)}) VALUES {', '.join(marks for _ in part)}"
                " ON CONFLICT (url) DO NOTHING RETURNING id, url", [v for one in part for v in one.values()])
            inserted.update((url, int(article_id)) for article_id, url in cursor.fetchall())
        return inserted

    def _update_article(
        self, old: dict[str, Any], row: dict[str, Any], seen: str, page_id: int | None
    ) -> SaveResult:
        changes = {k: v for k, v in row.items() if old[k] != v}
        touch: dict[str, Any] = {"last_seen": max(old["last_seen"], seen)}
        if page_id is not None:
            touch["page_id"] = page_id
        if "content_hash" in changes:
            self._x(
                "INSERT INTO article_versions (article_id, url, version, title, body, content_hash,"
                " valid_from, replaced_at, page_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (old["id"], old["url"], old["version"], old["title"], old["body"],
                 old["content_hash"], old["version_since"], seen, old["page_id"]),
            )
            touch.update(version=old["version"] + 1, version_since=seen)
        values = {**changes, **touch}
        assignments = ", ".join(f"{k} = ?" for k in values)
        self._x(f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), old["id"]))
        return "updated" if changes else "unchanged"

    # --- keywords on every page of a site (the rule: scraper.extract.tags.learn_sitewide) -------------

    def _without_sitewide(self, article: Article, row: dict[str, Any]) -> dict[str, Any]:
        """The row without the tags learned to be on every page of the article's site."""
        if self._sitewide is None:
            self._sitewide = {}
            for found in self._query("SELECT site, keyword FROM site_keywords"):
                self._sitewide[found["site"]] = self._sitewide.get(found["site"], frozenset()) | {found["keyword"]}
        banned = self._sitewide.get(article.site or "")
        if banned and any(t.casefold() in banned for t in article.tags):
            row["tags"] = to_json(t for t in article.tags if t.casefold() not in banned)
        return row

    def learn_sitewide_tags(self, *, share: float = SITEWIDE_SHARE, min_articles: int = SITEWIDE_MIN_ARTICLES,
                            sample: int = SITEWIDE_SAMPLE) -> dict[str, list[str]]:
        """Learn each site's every-page keywords from the tags of its ``sample`` latest
        published articles (an indexed, bounded read after every run, however big the store), remember
        them (``site_keywords``) and take them out of the site's stored articles; later
        saves leave them out. Returns site -> keywords learned by this call."""
        totals: dict[str, int] = {}
        counts: Counter[tuple[str, str]] = Counter()
        for site in [r["site"] for r in self._query("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL")]:
            rows = self._query("SELECT tags FROM articles WHERE site = ? ORDER BY published DESC LIMIT ?", (site, sample))
            totals[site] = len(rows)
            for row in rows:
                counts.update((site, tag) for tag in {str(t).casefold() for t in json.loads(row["tags"] or "[]")})
        known = {(r["site"], r["keyword"]) for r in self._query("SELECT site, keyword FROM site_keywords")}
        learned = {site: sorted(k for k in keywords if (site, k) not in known)
                   for site, keywords in learn_sitewide(totals, counts, share=share, min_articles=min_articles).items()}
        learned = {site: keywords for site, keywords in learned.items() if keywords}
        if learned:
            self._write("learn site-wide tags", lambda: self._forget_sitewide(learned, totals, counts))
            self._sitewide = None
        return learned

    def _forget_sitewide(self, learned: dict[str, list[str]], totals: dict[str, int],
                         counts: Counter[tuple[str, str]]) -> None:
        now = utc_iso()
        for site, keywords in learned.items():
            for keyword in keywords:
                self._x("INSERT INTO site_keywords (site, keyword, articles, share, learned_at) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (site, keyword) DO NOTHING",
                        (site, keyword, counts[(site, keyword)], round(counts[(site, keyword)] / totals[site], 3), now))
            banned = set(keywords)
            for found in self._query("SELECT id, tags FROM articles WHERE site = ? AND tags <> '[]'", (site,)):
                tags = json.loads(found["tags"])
                kept = [t for t in tags if t.casefold() not in banned]
                if kept != tags:
                    self._x("UPDATE articles SET tags = ? WHERE id = ?", (to_json(kept), found["id"]))

    # --- fetch log and runs ---------------------------------------------------------------

    def record_fetch(
        self, url: str, *, run_id: int | None = None, status: int | None = None,
        error_kind: str | None = None, error: str | None = None, elapsed_ms: float | None = None,
        attempt: int = 1,
    ) -> None:
        """Log one fetch attempt (successful or not)."""
        with self.transaction("record fetch"):
            self._x(
                "INSERT INTO fetches (url, run_id, fetched_at, status, error_kind, error, elapsed_ms,"
                " attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (url, run_id, utc_iso(), status, error_kind, error,
                 None if elapsed_ms is None else round(elapsed_ms), attempt),
            )

    def record_failure(
        self, url: str, *, site: str | None, kind: str | None, error: str | None,
        retry_after: Callable[[int], datetime | None],
    ) -> int:
        """Count one more failed run for ``url``; ``retry_after(failures)`` says when to try
        again (None: give up). Returns the number of failures so far."""
        now = utc_iso()

        def count() -> int:
            self.backend.serialize(f"failure {url}")  # concurrent failures of one URL count one by one
            row = self._x("SELECT failures FROM url_failures WHERE url = ?", (url,)).fetchone()
            failures = (row[0] if row else 0) + 1
            when = retry_after(failures)
            self._x(
                "INSERT INTO url_failures (url, site, failures, error_kind, error, first_failed, last_failed,"
                " retry_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET"
                " failures = excluded.failures, error_kind = excluded.error_kind, error = excluded.error,"
                " last_failed = excluded.last_failed, retry_after = excluded.retry_after",
                (url, site, failures, kind, error, now, now, utc_iso(when) if when else None),
            )
            return failures

        return self._write("record failure", count)

    def clear_failures(self, urls: Iterable[str]) -> None:
        """Forget the failures of URLs that have now been fetched."""
        wanted = list(urls)
        with self.transaction("clear failures"):
            for chunk in chunks(wanted):
                self._x(f"DELETE FROM url_failures WHERE url IN ({', '.join('?' for _ in chunk)})", chunk)

    def failures(self, urls: Iterable[str]) -> dict[str, datetime | None]:
        """For URLs that failed before: when they may be tried again (None: given up)."""
        found: dict[str, datetime | None] = {}
        for chunk in chunks(list(dict.fromkeys(urls))):
            marks = ", ".join("?" for _ in chunk)
            for url, retry in self._rows(f"SELECT url, retry_after FROM url_failures WHERE url IN ({marks})", chunk):
                found[url] = from_utc(retry)
        return found

    def first_seen_in_run(self, run_id: int, urls: Iterable[str]) -> set[str]:
        """The URLs among ``urls`` whose article was first stored since run ``run_id``
        began: a task delivered again finds what its dead first attempt stored (new)."""
        found: set[str] = set()
        for chunk in chunks(list(dict.fromkeys(urls))):
            marks = ", ".join("?" for _ in chunk)
            rows = self._rows(f"SELECT url FROM articles WHERE url IN ({marks})"
                              " AND first_seen >= (SELECT started_at FROM runs WHERE id = ?)", (*chunk, run_id))
            found.update(row[0] for row in rows)
        return found

    def completed_days(self, site: str, archive: str) -> set[date]:
        """The days of ``site``'s ``archive`` a backfill finished (walked and fetched)."""
        rows = self._rows("SELECT day FROM archive_days WHERE site = ? AND archive = ?", (site, archive))
        return {date.fromisoformat(r[0]) for r in rows}

    def complete_day(self, site: str, archive: str, day: date, *, pages: int, links: int, capped: bool) -> None:
        """Record that a backfill finished ``day`` of ``archive`` (its watermark)."""
        with self.transaction("record archive day"):
            self._x(
                "INSERT INTO archive_days (site, archive, day, pages, links, capped, completed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, archive, day) DO UPDATE SET"
                " pages = excluded.pages, links = excluded.links, capped = excluded.capped,"
                " completed_at = excluded.completed_at",
                (site, archive, day.isoformat(), pages, links, int(capped), utc_iso()),
            )

    def record_probe(self, site: str, capability: str, url: str, *, ok: bool, links: int, elapsed_ms: float,
                     detail: str) -> None:
        """One capability's answer to ``doctor --live`` (replacing the last; ``last_ok_at``
        keeps when it last worked)."""
        now = utc_iso()
        with self.transaction("record probe"):
            self._x(
                "INSERT INTO probes (site, capability, url, checked_at, ok, links, elapsed_ms, detail, last_ok_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, capability) DO UPDATE SET"
                " url = excluded.url, checked_at = excluded.checked_at, ok = excluded.ok, links = excluded.links,"
                " elapsed_ms = excluded.elapsed_ms, detail = excluded.detail,"
                " last_ok_at = COALESCE(excluded.last_ok_at, probes.last_ok_at)",
                (site, capability, url, now, int(ok), links, elapsed_ms, detail, now if ok else None),
            )

    def probes(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The last ``doctor --live`` answer of every (site, capability)."""
        rows = self._query("SELECT site, capability, url, checked_at, ok, links, elapsed_ms, detail, last_ok_at"
                           " FROM probes", [])
        return {(r["site"], r["capability"]): r for r in rows}

    def start_run(self, sites: list[str], *, owner: bool = False) -> int:
        """A new run, ``running``. ``owner``: the run lives in this process (a local crawl),
        so its pid and host go into ``counts`` until it finishes; a run whose process is
        gone can then be told from one still going (:meth:`settle_dead_runs`). A
        distributed run has no owner: its workers come and go."""
        counts = {"pid": os.getpid(), "host": socket.gethostname()} if owner else {}
        with self.transaction("start run"):
            cursor = self._x(
                "INSERT INTO runs (started_at, sites, counts, status) VALUES (?, ?, ?, 'running') RETURNING id",
                (utc_iso(), to_json(sites), json.dumps(counts)),
            )
            return int(cursor.fetchone()[0])

    def running_crawl(self) -> dict[str, Any] | None:
        """The latest ``running`` local crawl whose process is alive (id, started_at, pid,
        host), if any: the one holding the store's crawl lock."""
        for run in reversed(self._owned_runs()):
            if not _gone(run):
                return run
        return None

    def _owned_runs(self) -> list[dict[str, Any]]:
        """Runs still ``running`` that a local crawl process owns, oldest first."""
        rows = self._query("SELECT id, started_at, counts FROM runs WHERE status = 'running' ORDER BY id")
        owned = []
        for row in rows:
            owner = json.loads(row.pop("counts") or "{}")
            if "pid" in owner and "host" in owner:
                owned.append({**row, "pid": owner["pid"], "host": owner["host"]})
        return owned

    def dead_runs(self, *, locked: bool = False) -> list[dict[str, Any]]:
        """Runs still ``running`` whose crawl process is gone (killed, the machine
        rebooted), with what the store shows they did (:meth:`_done_by`). ``locked``: the
        caller holds the store's crawl lock, which proves every such run dead, whatever
        its pid now names (after a reboot a pid is soon reused); else only a run of this
        host whose pid no longer exists is."""
        return [{**run, **self._done_by(run)} for run in self._owned_runs() if locked or _gone(run)]

    def settle_dead_runs(self, *, locked: bool = False) -> list[int]:
        """Record each of :meth:`dead_runs` as ``interrupted`` with its counts; their ids."""
        dead = self.dead_runs(locked=locked)
        for run in dead:
            counts = {k: run[k] for k in ("new", "fetched", "pid", "host")}
            self.finish_run(run["id"], {**counts, "settled": "process gone"}, "interrupted")
        return [run["id"] for run in dead]

    def _done_by(self, run: dict[str, Any]) -> dict[str, int]:
        """What a run that never finished did, read from the store: the URLs it fetched
        (its ``fetches`` rows) and the articles first seen between its start and the next
        run's (one crawl per store at a time makes them its own)."""
        following = self._rows("SELECT min(started_at) FROM runs WHERE id > ?", (run["id"],))[0][0]
        window = (run["started_at"], following or utc_iso(datetime.now(UTC) + timedelta(seconds=1)))
        fetched = self._rows("SELECT count(DISTINCT url) FROM fetches WHERE run_id = ?", (run["id"],))[0][0]
        new = self._rows("SELECT count(*) FROM articles WHERE first_seen >= ? AND first_seen < ?", window)[0][0]
        return {"fetched": int(fetched), "new": int(new)}

    def record_site_run(self, run_id: int, site: str, rates: dict[str, float | int]) -> None:
        """A run's fill rates for one site (the layout-drift canary's history)."""
        columns = ("articles", *_RATE_COLUMNS)
        marks, updates = ", ".join("?" for _ in columns), ", ".join(f"{c} = excluded.{c}" for c in columns)
        with self.transaction("record site rates"):
            self._x(
                f"INSERT INTO run_sites (run_id, site, {', '.join(columns)}) VALUES (?, ?, {marks})"
                f" ON CONFLICT (run_id, site) DO UPDATE SET {updates}",
                (run_id, site, *(rates[c] for c in columns)),
            )

    def record_run_part(self, run_id: int, task: str, site: str, report: dict[str, Any]) -> bool:
        """One distributed task's part of its run's report (a site's report as JSON), kept
        once per task: a task delivered again after an outage or a dead worker does not
        count twice. True when this call recorded it."""
        with self.transaction("record run part"):
            cursor = self._x(
                "INSERT INTO run_parts (run_id, task, site, report, recorded_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, task) DO NOTHING RETURNING task",
                (run_id, task, site, json.dumps(report, sort_keys=True), utc_iso()),
            )
            return cursor.fetchone() is not None

    def run_parts(self, run_id: int) -> list[dict[str, Any]]:
        """Every part recorded for ``run_id`` (:meth:`record_run_part`), oldest first."""
        rows = self._rows("SELECT report FROM run_parts WHERE run_id = ? ORDER BY recorded_at, task", (run_id,))
        return [json.loads(row[0]) for row in rows]

    def site_runs(self, site: str | None = None, limit: int = 10) -> dict[str, list[dict[str, Any]]]:
        """Each site's latest ``limit`` runs' rates, newest first (with run_id)."""
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        rows = self._query(
            f"SELECT run_id, site, articles, {', '.join(_RATE_COLUMNS)} FROM run_sites {where}"
            " ORDER BY site, run_id DESC", params,
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            runs = out.setdefault(row["site"], [])
            if len(runs) < limit:
                runs.append(row)
        return out

    def save_template(self, template: Template) -> None:
        """Keep ``template`` as its host's learned template (replacing an older one; the
        use counters start again with it)."""
        with self.transaction("save template"):
            self._x(
                "INSERT INTO site_templates (host, template, pages, version, learned_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (host) DO UPDATE SET template = excluded.template, pages = excluded.pages,"
                " version = excluded.version, learned_at = excluded.learned_at, used = 0, fallbacks = 0, misses = 0",
                (template.host, template.to_json(), to_json(list(template.pages)), template.version, utc_iso()),
            )

    def template(self, host: str) -> Template | None:
        """The host's learned template, None when there is none or it was learned by an
        older version of the learning (it is learned again)."""
        rows = self._rows("SELECT template FROM site_templates WHERE host = ?", (host,))
        if not rows:
            return None
        found = Template.from_json(str(rows[0][0]))
        return found if found.version == TEMPLATE_VERSION else None

    def count_template(self, host: str, outcomes: dict[str, int]) -> None:
        """Add what the host's template did ("used", "fallback", "miss": counts) to its row."""
        with self.transaction("count template"):
            self._x(
                "UPDATE site_templates SET used = used + ?, fallbacks = fallbacks + ?, misses = misses + ?"
                " WHERE host = ?",
                (outcomes.get("used", 0), outcomes.get("fallback", 0), outcomes.get("miss", 0), host),
            )

    def template_counts(self, host: str) -> dict[str, int] | None:
        rows = self._query("SELECT used, fallbacks, misses FROM site_templates WHERE host = ?", [host])
        return {k: int(v) for k, v in rows[0].items()} if rows else None

    def run_status(self, run_id: int) -> str | None:
        """A run's status ("running", "ok", "partial", "failed", "interrupted"), None if unknown."""
        rows = self._rows("SELECT status FROM runs WHERE id = ?", (run_id,))
        return str(rows[0][0]) if rows else None

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str) -> None:
        columns = {k: int(counts.get(k, 0)) for k in RUN_COUNTS}
        assignments = ", ".join(f"{k} = ?" for k in columns)
        with self.transaction("finish run"):
            self._x(
                f"UPDATE runs SET finished_at = ?, counts = ?, status = ?, {assignments} WHERE id = ?",
                (utc_iso(), json.dumps(counts, sort_keys=True), status, *columns.values(), run_id),
            )

    # --- lookups for the crawl ------------------------------------------------------------

    def known(self, urls: Iterable[str], *, match_filter: str | None = None) -> dict[str, Known]:
        """The URLs among ``urls`` the crawl need not fetch as new: stored articles, and
        pages archived under that URL (not-article pages count: they were fetched and are
        not fetched again; an empty body does not: an empty 200 is a transient fault).
        A page whose article a ``--match`` filter left out counts only for a crawl with
        that same filter (``match_filter``, :meth:`leave_out`): for any other, the article
        is still to be had."""
        wanted = list(dict.fromkeys(urls))
        articles: dict[str, str | None] = {}
        pages: dict[str, str] = {}
        for chunk in chunks(wanted):
            marks = ", ".join("?" for _ in chunk)
            for url, published, last_seen in self._rows(
                f"SELECT url, published, last_seen FROM articles WHERE url IN ({marks})", chunk
            ):
                articles[url] = published
                pages[url] = last_seen
            for url, fetched in self._rows(
                f"SELECT url, max(fetched_at) FROM pages WHERE url IN ({marks}) AND body_size > 0 GROUP BY url",
                chunk,
            ):
                pages[url] = max(fetched, pages.get(url) or fetched)
            for url, applied in self._rows(f"SELECT url, filter FROM left_out WHERE url IN ({marks})", chunk):
                if url not in articles and applied != match_filter:
                    pages.pop(url, None)
        return {
            url: Known(url, from_utc(articles.get(url)), from_utc(pages.get(url)), url in articles)
            for url in pages
        }

    def leave_out(self, url: str, *, site: str | None, match_filter: str) -> None:
        """Record that ``match_filter`` left ``url``'s article out (its page is archived):
        see :meth:`known`; :meth:`iter_documents` skips it while it has no article."""
        with self.transaction("record a left-out article"):
            self._x(
                "INSERT INTO left_out (url, site, filter, left_at) VALUES (?, ?, ?, ?) ON CONFLICT (url)"
                " DO UPDATE SET site = excluded.site, filter = excluded.filter, left_at = excluded.left_at",
                (url, site, match_filter, utc_iso()),
            )

    def recent_article_urls(self, site: str, since: datetime) -> list[str]:
        """URLs of ``site``'s articles published at or after ``since``, newest first."""
        rows = self._rows(
            "SELECT url FROM articles WHERE site = ? AND published >= ? ORDER BY published DESC",
            (site, utc_iso(since)),
        )
        return [r[0] for r in rows]

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) of the latest stored page of ``url``, for a conditional GET."""
        rows = self._query(
            "SELECT etag, last_modified FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        )
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def cached_body(self, url: str) -> bytes | None:
        """The body of the latest stored page of ``url`` (a feed's copy when it answers 304)."""
        rows = self._rows(
            "SELECT id, body, body_encoding FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        )
        return unpack(rows[0][2], bytes(rows[0][1]), f"page {rows[0][0]}") if rows else None

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors("read"):
            return self._x(sql, tuple(params)).fetchall()

    # --- streaming reads ------------------------------------------------------------------

    def iter_pages(self, site: str | None = None, *, latest_only: bool = True,
                   documents: bool = False) -> Iterator[PageRecord]:
        """Stored pages, decompressed, in id order; by default only each URL's latest page
        (re-extracting an older copy would roll an article back). Streams in batches.
        ``documents``: only pages re-extraction may turn into articles (not those whose
        article ``--match`` left out, :meth:`leave_out`)."""
        where = ["p.id > ?"]
        params: list[Any] = []
        if site:
            where.append("p.site = ?")
            params.append(site)
        if latest_only:
            where.append("NOT EXISTS (SELECT 1 FROM pages q WHERE q.url = p.url AND q.id > p.id)")
        if documents:
            where.append(_NOT_LEFT_OUT)
        sql = f"SELECT {PAGE_COLUMNS} FROM pages p WHERE {' AND '.join(where)} ORDER BY p.id LIMIT 100"
        last = 0
        while True:
            with self._errors("read pages"):
                rows = self._x(sql, (last, *params)).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield page_from_row(row)

    def iter_documents(self, site: str | None = None) -> Iterator[list[PageRecord]]:
        """Each URL's latest stored page with its later pages (multi-page articles), as
        the list the extractor reads: [first page, page 2, ...]. For ``reextract``."""
        for first in self.iter_pages(site, documents=True):
            if first.part_of is None:  # a later page is read with its first page
                yield [first, *self._parts(first)]

    def document_ids(self, site: str | None = None) -> list[int]:
        """The page ids of the documents :meth:`iter_documents` reads (to split the work)."""
        where, params = ["part_of IS NULL", _NOT_LEFT_OUT], []
        if site:
            where.append("site = ?")
            params.append(site)
        rows = self._rows(
            f"SELECT id FROM pages p WHERE {' AND '.join(where)} AND NOT EXISTS"
            " (SELECT 1 FROM pages q WHERE q.url = p.url AND q.id > p.id) ORDER BY id", params,
        )
        return [int(r[0]) for r in rows]

    def documents(self, ids: list[int]) -> Iterator[list[PageRecord]]:
        """The documents whose first pages have these ids, in id order."""
        for chunk in chunks([str(i) for i in ids], 100):
            marks = ", ".join("?" for _ in chunk)
            rows = self._rows(f"SELECT {PAGE_COLUMNS} FROM pages p WHERE id IN ({marks}) ORDER BY id",
                              [int(i) for i in chunk])
            for row in rows:
                first = page_from_row(row)
                yield [first, *self._parts(first)]

    def _parts(self, first: PageRecord) -> list[PageRecord]:
        rows = self._rows(
            f"SELECT {PAGE_COLUMNS} FROM pages p WHERE part_of = ? AND NOT EXISTS"
            " (SELECT 1 FROM pages q WHERE q.part_of = p.part_of AND q.part = p.part AND q.id > p.id)"
            " ORDER BY part",
            (first.id,),
        )
        return [page_from_row(r) for r in rows]

    def iter_articles(
        self, site: str | None = None, since: str | date | None = None, until: str | date | None = None
    ) -> Iterator[dict[str, Any]]:
        """Articles as dicts (JSON lists decoded), in id order, streamed in batches.
        ``since``/``until`` bound ``published`` as :func:`scraper.filters.daterange.parse_range`
        reads them (a bare date ``until`` includes that day)."""
        start, end = parse_range(_text(since), _text(until))
        return self.select_articles(sites=(site,) if site else (), start=start, end=end)

    def select_articles(
        self, *, sites: Iterable[str] = (), start: datetime | None = None, end: datetime | None = None,
        query: str | None = None, batch: int = BATCH,
    ) -> Iterator[dict[str, Any]]:
        """The articles of ``sites`` (all when empty) published in ``[start, end)`` and, with
        ``query``, matching it in the full-text index (``search``'s query rules), as dicts
        with the JSON lists decoded, in id order. Streamed in batches of ``batch`` rows by
        keyset: no read transaction stays open between batches, so a long export neither
        holds the whole table nor keeps the crawl's WAL from being checkpointed."""
        where: list[str] = []
        params: list[Any] = []
        wanted = list(dict.fromkeys(sites))
        if wanted:
            where.append(f"a.site IN ({', '.join('?' for _ in wanted)})")
            params.extend(wanted)
        if start is not None:
            where.append("a.published >= ?")
            params.append(utc_iso(start))
        if end is not None:
            where.append("a.published < ?")
            params.append(utc_iso(end))
        if query is None:
            source, key = "articles AS a", "a.id"
        elif (match := self._fts_query(query)) is None:
            return
        else:
            source, key, condition = self.backend.fts_filter()
            where.append(condition)
            params.append(match)
        columns = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
        sql = (f"SELECT {columns} FROM {source} WHERE {' AND '.join([f'{key} > ?', *where])}"
               f" ORDER BY {key} LIMIT {int(batch)}")
        last = 0
        while True:
            rows = self._query(sql, (last, *params))
            if not rows:
                return
            for row in rows:
                last = row["id"]
                yield decode_lists(row)

    def article_versions(self, article_ids: Iterable[int]) -> list[dict[str, Any]]:
        """The earlier versions (``article_versions`` rows) of these articles, oldest first."""
        found: list[dict[str, Any]] = []
        for chunk in chunks(list(dict.fromkeys(article_ids))):
            marks = ", ".join("?" for _ in chunk)
            found.extend(self._query(
                f"SELECT * FROM article_versions WHERE article_id IN ({marks}) ORDER BY article_id, version", chunk
            ))
        return found

    def import_articles(
        self, articles: Sequence[dict[str, Any]], versions: Sequence[dict[str, Any]] = ()
    ) -> None:
        """Insert articles and their earlier versions as another store gave them
        (:meth:`select_articles`, :meth:`article_versions`): ids, times and version numbers
        kept, so a snapshot says what its source said. Raw pages are not copied, so
        ``page_id`` is left empty. Columns this store does not have are ignored. One
        transaction; the full-text index follows."""
        with self.transaction("import articles"):
            for table, rows in (("articles", articles), ("article_versions", versions)):
                known = self.backend.columns(table)
                for row in rows:
                    values = {k: to_json(v) if k in JSON_LISTS and isinstance(v, list) else v
                              for k, v in row.items() if k in known}
                    values["page_id"] = None
                    marks = ", ".join("?" for _ in values)
                    self._x(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", tuple(values.values()))

    def _fts_query(self, query: str) -> str | None:
        """``query`` when the full-text index accepts it, else its words as plain words (a
        typo like an unbalanced quote still finds what the words find; a warning on the
        ``scraper.store`` logger says so); None when it has none. Raises InputError for a
        query past :mod:`scraper.filters.searchquery`'s limits."""
        check_query(query)
        source, _, condition = self.backend.fts_filter()
        try:
            self._rows(f"SELECT 1 FROM {source} WHERE {condition} LIMIT 1", (query,))
            return query
        except StoreError:  # syntax error, unterminated string, unknown column...
            pass
        words = self.backend.plain_words(query)
        log.warning(requoted_note(query, words))
        return words or None

    # --- syndicated copies (the SQL of scraper.dedupe.stories) -----------------------------------

    def queued_for_dedupe(self, limit: int) -> list[dict[str, Any]]:
        """Articles whose text is new or changed since the last dedupe pass (id, published,
        body, story_id), oldest id first."""
        return self._query(
            "SELECT a.id, a.published, a.body, a.story_id FROM dedupe_queue AS q JOIN articles AS a"
            " ON a.id = q.article_id ORDER BY q.article_id LIMIT ?", (limit,)
        )

    def article_texts(self, ids: Iterable[int]) -> dict[int, str]:
        """id -> body of these articles (the candidates a new text is compared with)."""
        found: dict[int, str] = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            marks = ", ".join("?" for _ in chunk)
            found.update((int(i), b) for i, b in self._rows(f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk))
        return found

    def band_candidates(self, article_id: int, keys: Sequence[int], limit: int, per_key: int = 10) -> list[int]:
        """Other articles sharing at least one band key with ``keys``, most shared first
        (ties: the lower id). Each key contributes its ``per_key`` most recent articles: a
        story copied thousands of times must not make every new copy read the whole
        cluster (its members all carry the story's id, so a few recent ones suffice)."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return []
        one = "SELECT article_id FROM (SELECT article_id FROM article_bands WHERE band_key = ? AND article_id <> ?" \
              " ORDER BY article_id DESC LIMIT ?) AS k"
        params: list[Any] = []
        for key in keys:
            params += [key, article_id, per_key]
        shared = Counter(int(r[0]) for r in self._rows(" UNION ALL ".join([one] * len(keys)), params))
        return [a for a, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:limit]]

    def bands_of(self, article_id: int) -> list[int]:
        """The band keys stored for the article (computed at extraction), [] when none."""
        return [int(r[0]) for r in self._rows("SELECT band_key FROM article_bands WHERE article_id = ?", (article_id,))]

    def replace_bands(self, article_id: int, keys: Sequence[int]) -> None:
        """Index ``keys`` as the article's band keys (its earlier ones are removed)."""
        with self.transaction("index band keys"):
            self._keep_bands([(article_id, list(keys))])

    def story_of(self, article_id: int) -> int | None:
        rows = self._rows("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        return rows[0][0] if rows else None

    def join_story(self, article_id: int, story_id: int, similarity: float | None) -> int:
        """File the article under the story named ``story_id`` (its own id: it starts a
        story), keeping every story named after its earliest published member (undated
        after dated; ties: the lower id): ``story_id`` is that member's id on every member,
        ``duplicate_of`` too on all but that member. Only an article older than the story
        renames it; any other joins with one row written. Returns the story's id."""
        with self.transaction("join story"):
            if story_id != article_id and self._earlier(article_id, story_id):
                self._x("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE story_id = ?",
                        (article_id, article_id, story_id))
                story_id = article_id
            self._x(
                "UPDATE articles SET story_id = ?, duplicate_of = ?, story_similarity = ? WHERE id = ?",
                (story_id, None if story_id == article_id else story_id, similarity, article_id),
            )
            return story_id

    def leave_story(self, article_id: int) -> None:
        """Take the article out of its story (its text changed); when it named the story,
        the earliest remaining member names it now."""
        with self.transaction("leave story"):
            story = self.story_of(article_id)
            self._x("UPDATE articles SET story_id = NULL, duplicate_of = NULL, story_similarity = NULL"
                    " WHERE id = ?", (article_id,))
            if story != article_id:
                return
            rows = (self._rows("SELECT id FROM articles WHERE story_id = ? AND published IS NOT NULL"
                               " ORDER BY published, id LIMIT 1", (story,))
                    or self._rows("SELECT id FROM articles WHERE story_id = ? ORDER BY id LIMIT 1", (story,)))
            if rows:
                first = int(rows[0][0])
                self._x("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE story_id = ?", (first, first, story))
                self._x("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (first,))

    def _earlier(self, one: int, other: int) -> bool:
        """Was article ``one`` published before ``other`` (undated counts as latest)?"""
        dates = {int(i): p for i, p in self._rows("SELECT id, published FROM articles WHERE id IN (?, ?)", (one, other))}

        def order(article: int) -> tuple[bool, str, int]:
            return dates.get(article) is None, dates.get(article) or "", article

        return order(one) < order(other)

    def dequeue_dedupe(self, ids: Iterable[int]) -> None:
        wanted = list(ids)
        with self.transaction("dequeue"):
            for chunk in chunks(wanted):
                self._x(f"DELETE FROM dedupe_queue WHERE article_id IN ({', '.join('?' for _ in chunk)})", chunk)

    def requeue_dedupe(self) -> int:
        """Forget every story and band key and queue every article (``dedupe --rebuild``)."""
        with self.transaction("requeue"):
            self._x("DELETE FROM article_bands")
            self._x("UPDATE articles SET story_id = NULL, duplicate_of = NULL, story_similarity = NULL")
            self._x("INSERT INTO dedupe_queue (article_id) SELECT id FROM articles"
                    " WHERE true ON CONFLICT (article_id) DO NOTHING")
            return int(self._x("SELECT count(*) FROM dedupe_queue").fetchone()[0])

    # --- analysis -------------------------------------------------------------------------

    def stored_sites(self) -> set[str]:
        """The site names the articles are filed under (profiles, and hosts of sites with none)."""
        return {row[0] for row in self._rows("SELECT DISTINCT site FROM articles")}

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[dict[str, Any]]:
        """Full-text search (best match first) with a highlighted ``snippet`` of the body.
        A query that is not valid search syntax is retried as plain words."""
        match = self._fts_query(query)
        return self._query(self.backend.search_sql(), (*highlight, match, limit)) if match is not None else []

    def stats(self, days: int = 14) -> dict[str, Any]:
        """Counts for the ``stats`` command: per site, per WIB day, fallback share,
        failures by kind, last runs."""
        since = utc_iso(datetime.now(UTC) - timedelta(days=days))
        return {
            "totals": self._query(
                "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM pages) AS pages,"
                " (SELECT count(*) FROM fetches) AS fetches, (SELECT count(*) FROM article_versions)"
                " AS versions"
            )[0],
            "sites": self._query(
                "SELECT site, count(*) AS articles,"
                f" sum(CASE WHEN {FALLBACK_SQL} THEN 1 ELSE 0 END) AS fallback,"
                f" round(1.0 * sum(CASE WHEN {FALLBACK_SQL} THEN 1 ELSE 0 END) / count(*), 3) AS fallback_share,"
                " max(published) AS latest, max(last_seen) AS last_seen"
                " FROM articles GROUP BY site ORDER BY articles DESC, site"
            ),
            "per_day": self._query(
                f"SELECT {self.backend.local_day('published')} AS day, site, count(*) AS articles FROM articles"
                " WHERE published >= ? GROUP BY day, site ORDER BY day DESC, site", (since,)
            ),
            "sections": self._query(
                "SELECT site, section, subsection, count(*) AS articles FROM articles"
                " GROUP BY site, section, subsection"
                " ORDER BY site, articles DESC, coalesce(section, ''), coalesce(subsection, '')"
            ),
            "failures": self._query(
                "SELECT error_kind, count(*) AS count, max(fetched_at) AS last FROM fetches"
                " WHERE error_kind IS NOT NULL GROUP BY error_kind ORDER BY count DESC, error_kind"
            ),
            "runs": self._query(
                "SELECT id, started_at, finished_at, status, discovered, new, updated, unchanged,"
                " not_article, failed, blocked FROM runs ORDER BY id DESC LIMIT 5"
            ),
        }


    def latest_days(self, days: int) -> list[dict[str, Any]]:
        """Articles per site for the latest ``days`` WIB days that have any (an archive
        whose articles are all old still shows something)."""
        day = self.backend.local_day("published")
        return self._query(
            f"SELECT {day} AS day, site, count(*) AS articles FROM articles WHERE {day} IN"
            f" (SELECT DISTINCT {day} AS d FROM articles WHERE published IS NOT NULL ORDER BY d DESC LIMIT ?)"
            " GROUP BY day, site ORDER BY day DESC, site", (days,)
        )


def _gone(run: dict[str, Any]) -> bool:
    """Whether a run's crawl process no longer exists (only knowable on its own host; a
    run of another host is never called gone). A reused pid reads as alive: the run then
    stays ``running`` until that process ends, a delay, never a wrong verdict on a live run."""
    if run["host"] != socket.gethostname():
        return False
    try:
        os.kill(int(run["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


#: Pages (``p``) that re-extraction may turn into articles: not one whose article a
#: ``--match`` filter left out, unless the article was stored since (by another crawl).
_NOT_LEFT_OUT = ("NOT EXISTS (SELECT 1 FROM left_out l WHERE l.url = p.url"
                 " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = p.url))")

