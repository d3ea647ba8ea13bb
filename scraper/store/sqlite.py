"""The SQLite backend: one file, for one machine and for analysts (Datasette, sqlite3, pandas).

Why it is set up this way:
- WAL mode + ``busy_timeout`` so the crawl (writer) and analysts (readers) work on the
  same file at the same time without "database is locked";
- writes take the lock up front (``BEGIN IMMEDIATE``), so two writers never deadlock on a
  lock upgrade;
- the schema is :mod:`scraper.store.migrations` (``PRAGMA user_version``); a database written by
  newer code is refused, an older one migrated (read-only opens ask for ``scraper migrate``);
- full-text search is FTS5 (``articles_fts``, kept in sync by triggers), ranked by bm25.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from scraper.errors import StoreError
from scraper.store.migrations import SCHEMA_VERSION, check_ours, check_version, migrate

__all__ = ["BUSY_TIMEOUT_MS", "SqliteBackend", "lock_path"]

BUSY_TIMEOUT_MS = 30_000


def lock_path(database: Path) -> Path:
    """The crawl lock file of a SQLite database: ``articles.db`` -> ``articles.db.lock``."""
    return database.with_name(database.name + ".lock")


class SqliteBackend:
    """A connection to one SQLite file, and the SQL only SQLite speaks."""

    name = "sqlite"
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)
    begin_sql = "BEGIN IMMEDIATE"
    #: Row locks: SQLite's write lock already covers the whole database.
    for_update = ""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        self.readonly = readonly
        self.conn = self._connect()
        self.max_params = self.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        try:
            self._prepare()
        except BaseException:
            self.conn.close()
            raise

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
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            version = self.found_version = check_ours(self.conn, str(self.path))
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
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot set up the database: {self.explain(exc)}") from exc

    # --- the connection ---------------------------------------------------------------

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def close(self) -> None:
        self.conn.close()

    def limits(self) -> dict[str, int]:
        """The per-connection size cap (``max_page_count``): a second connection to the file
        must write under the same limit as the first."""
        (cap,) = self.conn.execute("PRAGMA max_page_count").fetchone()
        return {"max_page_count": int(cap)}

    def set_limits(self, limits: dict[str, int]) -> None:
        if "max_page_count" in limits:
            self.conn.execute(f"PRAGMA max_page_count = {int(limits['max_page_count'])}")

    @property
    def db(self) -> sqlite_utils.Database:
        """A sqlite-utils view of the same connection, for reading and introspection."""
        return sqlite_utils.Database(self.conn)

    @staticmethod
    def serialize(key: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already makes writers take turns."""

    @staticmethod
    def retryable(error: BaseException | None) -> bool:
        """SQLite writers wait for the lock (busy_timeout) instead of deadlocking."""
        return False

    @staticmethod
    def explain(error: Exception) -> str:
        text = str(error)
        if "readonly" in text or "read-only" in text:
            return f"{text} (the database file or its directory is read-only, or it was opened read-only)"
        if "full" in text:
            return f"{text} (no space left on the disk holding the database)"
        return text

    # --- SQL only SQLite speaks ---------------------------------------------------------

    @staticmethod
    def greatest(a: str, b: str) -> str:
        return f"max({a}, {b})"

    @staticmethod
    def local_day(column: str) -> str:
        """The WIB calendar day of a UTC text time column."""
        return f"date({column}, '+7 hours')"

    def search_sql(self) -> str:
        """FTS5, best bm25 first; parameters: open mark, close mark, query, limit."""
        return (
            "SELECT a.id, a.site, a.url, a.title, a.published,"
            " snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet, bm25(articles_fts) AS rank"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )

    @staticmethod
    def fts_filter() -> tuple[str, str, str]:
        """(FROM clause with articles as ``a``, the keyset column, the MATCH condition)."""
        return "articles_fts JOIN articles AS a ON a.id = articles_fts.rowid", "articles_fts.rowid", "articles_fts MATCH ?"

    def columns(self, table: str) -> frozenset[str]:
        return frozenset(row[1] for row in self.conn.execute(f"PRAGMA table_info({table})"))

    @staticmethod
    def plain_words(query: str) -> str:
        """A query that was not valid FTS5 syntax, as quoted plain words."""
        return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())

    def identity(self) -> str:
        return f"sqlite:{os.path.realpath(self.path)}"

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[bool]:
        """An exclusive ``flock`` on ``<database>.lock`` beside the file. Not on the database
        file itself: closing any descriptor of a file drops the POSIX locks SQLite holds on
        it. The kernel releases a flock when its process dies, even on SIGKILL, so a killed
        crawl leaves no stale lock (the empty file stays)."""
        fd = os.open(lock_path(self.path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # closing the descriptor releases the lock
