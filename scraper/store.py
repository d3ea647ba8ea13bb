"""The SQLite store: clean articles for analysts, raw pages and fetch logs for the machine.

Why it is built this way:
- WAL mode + ``busy_timeout`` so the crawl (writer) and analysts (readers: sqlite3,
  Datasette, pandas) work on the same file at the same time without "database is locked".
- Every write of a page and its article is one ``BEGIN IMMEDIATE`` transaction, so a crash
  never leaves an article pointing at a missing page or half an update.
- Times are UTC ISO 8601 text ('YYYY-MM-DDTHH:MM:SSZ') that sorts correctly; the page's own
  offset is kept in ``published_local`` so WIB/WITA/WIT local time stays recoverable.
- Articles are versioned: when title or body change, the earlier text goes to
  ``article_versions`` and ``version`` goes up. Metadata-only changes (tags, authors...)
  are refreshed in place and reported as "updated" without a new version.
- Raw pages are stored compressed (brotli quality 1, see :mod:`scraper.page`).

The schema itself lives in :mod:`scraper.migrations`; ``data/README.md`` documents it.
One ``Store`` is one connection: use it from one thread (open one per thread/process).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import sqlite_utils

from scraper.article import FALLBACK_EXTRACTORS, FALLBACK_SUFFIX, Article
from scraper.dates import WIB, to_utc_iso
from scraper.errors import StoreError
from scraper.migrations import SCHEMA_VERSION, check_version, migrate, schema_version
from scraper.page import PageRecord, unpack

__all__ = ["Known", "PageRecord", "SaveResult", "Store", "content_hash", "parse_published", "utc_iso"]

SaveResult = Literal["new", "updated", "unchanged", "not_article"]

BUSY_TIMEOUT_MS = 30_000
_BATCH = 500
#: The rows read without their site's layout (Article.fell_back, in SQL).
_FALLBACK_SQL = "(extractor IN ({}) OR extractor LIKE '%{}')".format(
    ", ".join(f"'{e}'" for e in FALLBACK_EXTRACTORS), FALLBACK_SUFFIX)
#: Article fields compared to decide whether a stored article changed.
_FIELDS = (
    "site", "title", "published", "published_local", "published_raw", "updated", "authors", "editors",
    "tags", "section", "description", "image", "language", "body", "word_count", "extractor",
    "pages", "content_hash",
)
#: Article columns holding a JSON list.
_JSON_LISTS = ("authors", "editors", "tags")
_RUN_COUNTS = ("discovered", "new", "updated", "unchanged", "not_article", "failed", "blocked")


@dataclass(frozen=True)
class Known:
    """A URL the store already has: as an article (``published``) and/or an archived page."""

    url: str
    published: datetime | None
    last_fetched: datetime | None
    is_article: bool


# --- value helpers ------------------------------------------------------------------------

def utc_iso(moment: datetime | None = None) -> str:
    """'YYYY-MM-DDTHH:MM:SSZ' for ``moment`` (naive = UTC) or now (dates.to_utc_iso's form)."""
    moment = moment or datetime.now(UTC)
    return to_utc_iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _from_utc(value: str | None) -> datetime | None:
    """The inverse of :func:`utc_iso` for values read back from the database."""
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def parse_published(value: str | None) -> tuple[str | None, str | None]:
    """(UTC 'Z' string, local ISO string with offset) for an extractor's date string.

    A value without an offset is taken as WIB, the time most Indonesian sites print.
    An unparseable value gives (None, value) so nothing is silently lost.
    """
    if not value:
        return None, None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None, value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WIB)
    return utc_iso(moment), moment.isoformat()


def content_hash(title: str | None, body: str) -> str:
    """sha256 of title + body: equal hashes mean the text analysts read did not change."""
    return hashlib.sha256(f"{title or ''}\n\n{body}".encode()).hexdigest()


def _site_of(url: str) -> str | None:
    from scraper.sites import site_name  # lazy: loads every site module

    return site_name(url)


def _json(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _article_row(article: Article) -> dict[str, Any]:
    published, published_local = parse_published(article.published)
    updated = parse_published(article.updated)[0] if article.updated else None
    body = article.body
    return {
        "site": article.site, "title": article.title, "published": published,
        "published_local": published_local, "published_raw": article.published_raw,
        "updated": updated or article.updated, "authors": _json(article.authors),
        "editors": _json(article.editors),
        "tags": _json(article.tags), "section": article.section,
        "description": article.description, "image": article.image,
        "language": article.language, "body": body, "word_count": article.word_count,
        "extractor": article.extractor, "pages": article.pages,
        "content_hash": content_hash(article.title, body),
    }


def _date_bound(value: str | date | datetime | None, *, end: bool) -> str | None:
    """A --since/--until value as a UTC text bound; a bare date's --until covers the day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        value = value.isoformat()
    if len(value) == 10:  # YYYY-MM-DD
        day = date.fromisoformat(value) + timedelta(days=1 if end else 0)
        return f"{day.isoformat()}T00:00:00Z"
    return utc_iso(datetime.fromisoformat(value))


def _explain(error: sqlite3.Error) -> str:
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return f"{text} (the database file or its directory is read-only, or it was opened read-only)"
    if "full" in text:
        return f"{text} (no space left on the disk holding the database)"
    return text


# --- the store ----------------------------------------------------------------------------

class Store:
    """A SQLite database of articles, pages, fetches and runs (see data/README.md)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._batching = False
        self.conn = self._connect()
        try:
            self._prepare()
        except BaseException:
            self.conn.close()
            raise

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        return cls(path, readonly=readonly)

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database")
                uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
                return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            if not self.path.parent.exists():  # a typo in --db: no silent mkdir of a new tree
                raise StoreError(f"{self.path}: directory {self.path.parent} does not exist; create it first")
            self._check_writable()
            return sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    def _check_writable(self) -> None:
        """Fail at open, with a clear message, rather than at the first write of a crawl."""
        if self.path.exists() and not os.access(self.path, os.W_OK):
            raise StoreError(f"{self.path}: database file is read-only; cannot open it for writing")
        if not os.access(self.path.parent, os.W_OK):
            raise StoreError(
                f"{self.path.parent}: directory is read-only; SQLite needs it for the database journal"
            )

    def _prepare(self) -> None:
        with self._errors("set up the database"):
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            version = schema_version(self.conn)
            check_version(version, str(self.path))
            if self.readonly:
                if version < SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path}: schema version {version} is older than {SCHEMA_VERSION}; "
                        f"run `scraper migrate --db {self.path}` once to migrate it"
                    )
                return
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch to WAL mode (got {mode})")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn, str(self.path))

    # --- plumbing -------------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """A sqlite-utils view of the same connection, for reading and introspection."""
        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot {action}: {_explain(exc)}") from exc

    @contextmanager
    def transaction(self, action: str = "write") -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: takes the write lock up front (waits up to
        busy_timeout) so two writers never deadlock on a lock upgrade. Inside
        :meth:`batch`, writes join the batch's transaction instead."""
        if self.readonly:
            raise StoreError(f"{self.path}: cannot {action}: the store was opened read-only")
        if self._batching:
            yield self.conn
            return
        with self._errors(action):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

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
        results: list[Any] = []
        with self.batch(), self._errors("write batch"):
            for write in writes:
                self.conn.execute("SAVEPOINT one_write")
                try:
                    results.append(write())
                except (StoreError, ValueError, TypeError) as exc:
                    self.conn.execute("ROLLBACK TO one_write")
                    results.append(exc)
                self.conn.execute("RELEASE one_write")
        return results

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._errors("read"):
            cursor = self.conn.execute(sql, tuple(params))
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- writing pages and articles -------------------------------------------------------

    def save_page(self, page: PageRecord) -> int:
        """Archive a raw page (e.g. a feed or sitemap); returns its id."""
        with self.transaction("save page"):
            return self._insert_page(page)

    def save_pages(self, pages: list[PageRecord], site: str | None = None) -> int | None:
        """Archive the pages of one document (first page, later pages) without an article,
        e.g. when extraction failed: re-extraction can read them later."""
        with self.transaction("save pages"):
            return self._insert_pages(pages, site)

    def save_source(self, page: PageRecord) -> None:
        """Archive a feed/sitemap/index response (:class:`scraper.discover.SourceArchive`)."""
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
        latest = self.conn.execute(
            "SELECT id, body_hash FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (page.url,)
        ).fetchone()
        if latest and latest[1] == body_hash:
            self.conn.execute(
                "UPDATE pages SET final_url=?, status=?, content_type=?, etag=?, last_modified=?,"
                " fetched_at=max(fetched_at, ?), redirected=?, part_of=?, part=? WHERE id=?",
                (page.final_url, page.status, page.content_type, page.etag, page.last_modified,
                 fetched, int(page.redirected), parent, number, latest[0]),
            )
            page.id = int(latest[0])
            return page.id
        cursor = self.conn.execute(
            "INSERT INTO pages (url, final_url, site, status, content_type, etag, last_modified,"
            " fetched_at, body, body_encoding, body_size, body_hash, redirected, part_of, part)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (page.url, page.final_url, site or _site_of(page.final_url or page.url), page.status,
             page.content_type, page.etag, page.last_modified, fetched,
             packed.blob, packed.encoding, packed.size, body_hash, int(page.redirected),
             parent, number),
        )
        page.id = int(cursor.lastrowid or 0)
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
        with self.transaction("save article"):
            return self._save(article, pages or ([page] if page else []), utc_iso(seen_at))

    def save_articles(
        self, items: Iterable[Article | tuple[Article, list[PageRecord] | PageRecord | None]], *, batch: int = _BATCH
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
        with self.transaction("save articles"):
            return Counter(self._save(article, pages, seen) for article, pages in items)

    def _save(self, article: Article, pages: list[PageRecord], seen: str) -> SaveResult:
        url = article.url or (pages[0].final_url if pages else None)
        page_id = self._insert_pages(pages, article.site)
        if article.status != "ok":
            return "not_article"
        if not url:
            raise StoreError("cannot save an article without a URL")
        row = _article_row(article)
        cursor = self.conn.execute("SELECT * FROM articles WHERE url = ?", (url,))
        names = [c[0] for c in cursor.description]
        found = cursor.fetchone()
        if found is None:
            self._insert_article(url, row, seen, page_id)
            return "new"
        old = dict(zip(names, found, strict=True))
        return self._update_article(old, row, seen, page_id)

    def _insert_article(self, url: str, row: dict[str, Any], seen: str, page_id: int | None) -> None:
        values = {**row, "url": url, "first_seen": seen, "last_seen": seen, "version": 1,
                  "version_since": seen, "page_id": page_id}
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(values.values()))

    def _update_article(
        self, old: dict[str, Any], row: dict[str, Any], seen: str, page_id: int | None
    ) -> SaveResult:
        changes = {k: v for k, v in row.items() if old[k] != v}
        touch: dict[str, Any] = {"last_seen": max(old["last_seen"], seen)}
        if page_id is not None:
            touch["page_id"] = page_id
        if "content_hash" in changes:
            self.conn.execute(
                "INSERT INTO article_versions (article_id, url, version, title, body, content_hash,"
                " valid_from, replaced_at, page_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (old["id"], old["url"], old["version"], old["title"], old["body"],
                 old["content_hash"], old["version_since"], seen, old["page_id"]),
            )
            touch.update(version=old["version"] + 1, version_since=seen)
        values = {**changes, **touch}
        assignments = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), old["id"]))
        return "updated" if changes else "unchanged"

    # --- fetch log and runs ---------------------------------------------------------------

    def record_fetch(
        self, url: str, *, run_id: int | None = None, status: int | None = None,
        error_kind: str | None = None, error: str | None = None, elapsed_ms: float | None = None,
        attempt: int = 1,
    ) -> None:
        """Log one fetch attempt (successful or not)."""
        with self.transaction("record fetch"):
            self.conn.execute(
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
        with self.transaction("record failure"):
            row = self.conn.execute("SELECT failures FROM url_failures WHERE url = ?", (url,)).fetchone()
            failures = (row[0] if row else 0) + 1
            when = retry_after(failures)
            self.conn.execute(
                "INSERT INTO url_failures (url, site, failures, error_kind, error, first_failed, last_failed,"
                " retry_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET"
                " failures = excluded.failures, error_kind = excluded.error_kind, error = excluded.error,"
                " last_failed = excluded.last_failed, retry_after = excluded.retry_after",
                (url, site, failures, kind, error, now, now, utc_iso(when) if when else None),
            )
        return failures

    def clear_failures(self, urls: Iterable[str]) -> None:
        """Forget the failures of URLs that have now been fetched."""
        wanted = list(urls)
        with self.transaction("clear failures"):
            for chunk in _chunks(wanted):
                self.conn.execute(f"DELETE FROM url_failures WHERE url IN ({', '.join('?' for _ in chunk)})", chunk)

    def failures(self, urls: Iterable[str]) -> dict[str, datetime | None]:
        """For URLs that failed before: when they may be tried again (None: given up)."""
        found: dict[str, datetime | None] = {}
        for chunk in _chunks(list(dict.fromkeys(urls))):
            marks = ", ".join("?" for _ in chunk)
            for url, retry in self._rows(f"SELECT url, retry_after FROM url_failures WHERE url IN ({marks})", chunk):
                found[url] = _from_utc(retry)
        return found

    def start_run(self, sites: list[str]) -> int:
        with self.transaction("start run"):
            cursor = self.conn.execute(
                "INSERT INTO runs (started_at, sites, status) VALUES (?, ?, 'running')",
                (utc_iso(), _json(sites)),
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str) -> None:
        columns = {k: int(counts.get(k, 0)) for k in _RUN_COUNTS}
        assignments = ", ".join(f"{k} = ?" for k in columns)
        with self.transaction("finish run"):
            self.conn.execute(
                f"UPDATE runs SET finished_at = ?, counts = ?, status = ?, {assignments} WHERE id = ?",
                (utc_iso(), json.dumps(counts, sort_keys=True), status, *columns.values(), run_id),
            )

    # --- lookups for the crawl ------------------------------------------------------------

    def known(self, urls: Iterable[str]) -> dict[str, Known]:
        """The URLs among ``urls`` the crawl need not fetch as new: stored articles, and
        pages archived under that URL (not-article pages count: they were fetched and are
        not fetched again; an empty body does not: an empty 200 is a transient fault)."""
        wanted = list(dict.fromkeys(urls))
        articles: dict[str, str | None] = {}
        pages: dict[str, str] = {}
        for chunk in _chunks(wanted):
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
        return {
            url: Known(url, _from_utc(articles.get(url)), _from_utc(pages.get(url)), url in articles)
            for url in pages
        }

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
        return _body(*rows[0]) if rows else None

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors("read"):
            return self.conn.execute(sql, tuple(params)).fetchall()

    # --- streaming reads ------------------------------------------------------------------

    def iter_pages(self, site: str | None = None, *, latest_only: bool = True) -> Iterator[PageRecord]:
        """Stored pages, decompressed, in id order; by default only each URL's latest page
        (re-extracting an older copy would roll an article back). Streams in batches."""
        where = ["p.id > ?"]
        params: list[Any] = []
        if site:
            where.append("p.site = ?")
            params.append(site)
        if latest_only:
            where.append("NOT EXISTS (SELECT 1 FROM pages q WHERE q.url = p.url AND q.id > p.id)")
        sql = f"SELECT {_PAGE_COLUMNS} FROM pages p WHERE {' AND '.join(where)} ORDER BY p.id LIMIT 100"
        last = 0
        while True:
            with self._errors("read pages"):
                rows = self.conn.execute(sql, (last, *params)).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield _page_from_row(row)

    def iter_documents(self, site: str | None = None) -> Iterator[list[PageRecord]]:
        """Each URL's latest stored page with its later pages (multi-page articles), as
        the list the extractor reads: [first page, page 2, ...]. For ``reextract``."""
        for first in self.iter_pages(site):
            if first.part_of is not None:
                continue  # a later page: read with its first page
            rows = self._rows(
                f"SELECT {_PAGE_COLUMNS} FROM pages p WHERE part_of = ? AND NOT EXISTS"
                " (SELECT 1 FROM pages q WHERE q.part_of = p.part_of AND q.part = p.part AND q.id > p.id)"
                " ORDER BY part",
                (first.id,),
            )
            yield [first, *(_page_from_row(r) for r in rows)]

    def iter_articles(
        self, site: str | None = None, since: str | date | None = None, until: str | date | None = None
    ) -> Iterator[dict[str, Any]]:
        """Articles as dicts (authors/tags decoded), in id order, streamed in batches.
        ``since``/``until`` bound ``published`` (UTC); a bare date ``until`` includes that day."""
        where, params = ["id > ?"], []
        if site:
            where.append("site = ?")
            params.append(site)
        if (low := _date_bound(since, end=False)) is not None:
            where.append("published >= ?")
            params.append(low)
        if (high := _date_bound(until, end=True)) is not None:
            where.append("published < ?" if until and len(str(until)) == 10 else "published <= ?")
            params.append(high)
        sql = f"SELECT * FROM articles WHERE {' AND '.join(where)} ORDER BY id LIMIT {_BATCH}"
        last = 0
        while True:
            rows = self._query(sql, (last, *params))
            if not rows:
                return
            for row in rows:
                last = row["id"]
                for key in _JSON_LISTS:
                    row[key] = json.loads(row[key] or "[]")
                yield row

    # --- analysis -------------------------------------------------------------------------

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[dict[str, Any]]:
        """Full-text search (FTS5, best bm25 first) with a highlighted ``snippet`` of the body.
        A query that is not valid FTS5 syntax is retried as plain words."""
        sql = (
            "SELECT a.id, a.site, a.url, a.title, a.published,"
            " snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet, bm25(articles_fts) AS rank"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            return self._query(sql, (*highlight, query, limit))
        except StoreError:  # fts5 syntax error, unterminated string, unknown column...
            pass
        words = ['"' + w.replace('"', '""') + '"' for w in query.split()]
        return self._query(sql, (*highlight, " ".join(words) or '""', limit)) if words else []

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
                f" sum({_FALLBACK_SQL}) AS fallback,"
                f" round(1.0 * sum({_FALLBACK_SQL}) / count(*), 3) AS fallback_share,"
                " max(published) AS latest, max(last_seen) AS last_seen"
                " FROM articles GROUP BY site ORDER BY articles DESC, site"
            ),
            "per_day": self._query(
                "SELECT date(published, '+7 hours') AS day, site, count(*) AS articles FROM articles"
                " WHERE published >= ? GROUP BY day, site ORDER BY day DESC, site", (since,)
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


_PAGE_COLUMNS = ("p.id, p.url, p.final_url, p.status, p.content_type, p.etag, p.last_modified, p.fetched_at,"
                 " p.body, p.body_encoding, p.redirected, p.part_of")


def _body(page_id: int, body: bytes, encoding: str) -> bytes:
    return unpack(encoding, body, f"page {page_id}")


def _page_from_row(row: tuple[Any, ...]) -> PageRecord:
    page_id, url, final_url, status, ctype, etag, modified, fetched, body, encoding, redirected, part_of = row
    # Pages archived before redirects were recorded: a different final URL was a redirect
    # or the single-page variant; reading it at final_url is what extraction did then.
    moved = bool(redirected) if redirected is not None else final_url != url
    return PageRecord(
        url=url, final_url=final_url, status=status, content_type=ctype, etag=etag,
        last_modified=modified, fetched_at=datetime.fromisoformat(fetched),
        body=_body(page_id, body, encoding), id=page_id, redirected=moved, part_of=part_of,
    )


def _chunks(items: list[str], size: int = _BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
