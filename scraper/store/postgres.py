"""The PostgreSQL backend: one server, many machines writing at once (``--db postgresql://...``).

Needs the ``distributed`` extra (``pip install 'indonews-scraper[distributed]'``: psycopg 3
with its binary wheel, so no compiler or libpq). Why it is set up this way:

- the schema is :mod:`scraper.store.pg_schema`: SQLite's tables and versions, times as
  UTC text, full-text search as a generated ``tsvector`` with a GIN index;
- the connection is in autocommit mode and the store drives the transactions itself
  (``BEGIN ISOLATION LEVEL READ COMMITTED`` ... ``COMMIT``, savepoints in batches), as it
  does on SQLite; a read-only store is a read-only session;
- the store writes ``?`` placeholders; they become psycopg's ``%s`` here;
- concurrent writers: the article upsert is ``INSERT .. ON CONFLICT (url) DO NOTHING`` then
  ``SELECT .. FOR UPDATE``, and the store serialises what has no unique key (a page's
  "same URL, same body" check, a URL's failure count) with transaction-scoped advisory
  locks (:meth:`PostgresBackend.serialize`); a transaction that loses a deadlock is run
  again by the store (:meth:`PostgresBackend.retryable`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus
from psycopg.types.numeric import FloatLoader

from scraper.errors import StoreError
from scraper.store.migrations import check_version
from scraper.store.pg_schema import MIGRATION_LOCK, SCHEMA_VERSION, steps
from scraper.store.values import utc_iso

__all__ = ["PostgresBackend", "to_psycopg"]

CONNECT_TIMEOUT_S = 10
#: The advisory lock id of "a crawl runs on this database" (any fixed bigint). Advisory
#: locks are per database, so two stores on one server do not block each other.
CRAWL_LOCK = 0x1D0_5C4A_9E4C

# Quoted strings, quoted identifiers, dollar-quoted bodies and comments are copied as they
# are; a ``?`` anywhere else is a placeholder. A ``%`` is psycopg's own marker everywhere.
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\w*)\$.*?\$\1\$|--[^\n]*|/\*.*?\*/|\?|%""", re.S)


@lru_cache(maxsize=1024)
def to_psycopg(sql: str) -> str:
    """The store's SQL (``?`` placeholders) as psycopg's (``%s``, a literal ``%`` doubled)."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        return "%s" if token == "?" else token.replace("%", "%%")

    return _TOKENS.sub(one, sql)


class PostgresBackend:
    """A connection to one PostgreSQL database, and the SQL only PostgreSQL speaks."""

    name = "postgresql"
    errors: tuple[type[Exception], ...] = (psycopg.Error,)
    #: The store's concurrency reasoning (ON CONFLICT, FOR UPDATE re-reads) is READ COMMITTED's.
    begin_sql = "BEGIN ISOLATION LEVEL READ COMMITTED"
    for_update = " FOR UPDATE"
    #: The wire protocol counts a statement's parameters in 16 bits.
    max_params = 65_535

    def __init__(self, dsn: str, *, where: str, readonly: bool = False) -> None:
        self.dsn = dsn
        #: The DSN as messages show it, without its password (scraper.store.target.redact_dsn).
        self.where = where
        self.readonly = readonly
        self.conn = self._connect()
        try:
            self._prepare()
        except BaseException:
            self.conn.close()
            raise

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            options = conninfo_to_dict(self.dsn)
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: not a valid PostgreSQL connection string: "
                             f"{self._scrub(self.explain(exc))}") from None
        extra: dict[str, Any] = {"application_name": "indonews-scraper"}
        if "connect_timeout" not in options:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        try:
            conn = psycopg.connect(self.dsn, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: cannot connect: {self._scrub(self.explain(exc))}") from None
        # numeric results (round(), sums of bigints) as float, like SQLite's REAL: JSON-able
        conn.adapters.register_loader("numeric", FloatLoader)
        return conn

    def _scrub(self, text: str) -> str:
        """``text`` without the DSN's password, should the driver have quoted it."""
        parts = urlsplit(self.dsn)
        secrets = [parts.password or "", *(v for k, v in parse_qsl(parts.query) if k == "password")]
        for secret in filter(None, secrets):
            text = text.replace(secret, "***").replace(quote(secret, safe=""), "***")
        return text

    def _prepare(self) -> None:
        try:
            if self.readonly:
                self.conn.execute("SET default_transaction_read_only = on")
            version = self.found_version = self.version()
            check_version(version, self.where)
            if version == SCHEMA_VERSION:
                return
            if self.readonly:
                if version == 0:
                    raise StoreError(f"{self.where}: no scraper tables in this database yet; "
                                     f"`scraper migrate --db {self.where}` (or a crawl) creates them")
                raise StoreError(
                    f"{self.where}: schema version {version} is older than {SCHEMA_VERSION}; "
                    f"run `scraper migrate --db {self.where}` once to migrate it"
                )
            self.found_version = self.migrate()
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: cannot set up the database: {self.explain(exc)}") from exc

    # --- schema versions ------------------------------------------------------------------

    def version(self) -> int:
        """The schema version (0: no scraper tables yet). A database with an ``articles``
        table but no ``schema_version`` is someone else's: refused, never written."""
        tables = {row[0] for row in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_name IN ('schema_version', 'articles')"
        )}
        if "schema_version" not in tables:
            if "articles" in tables:
                raise StoreError(f"{self.where}: not a scraper database (an articles table but no schema_version)")
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> int:
        """Bring the schema to :data:`SCHEMA_VERSION`: each step in its own transaction with
        its version bump, under a lock so that concurrent openers migrate once. Returns the
        version found under the lock (what this process started from)."""
        found: int | None = None
        while True:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                current = self.version()  # another process may have migrated meanwhile
                found = current if found is None else found
                check_version(current, self.where)
                todo = steps(current, self.where)
                if not todo:
                    return found
                version, script = todo[0]
                self.conn.execute(script)  # no parameters: the script's statements at once
                self.conn.execute("DELETE FROM schema_version")
                self.conn.execute("INSERT INTO schema_version (version, migrated_at) VALUES (%s, %s)",
                                  (version, utc_iso()))

    # --- the connection -------------------------------------------------------------------

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(to_psycopg(sql), tuple(params))

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()

    @staticmethod
    def limits() -> dict[str, int]:
        """None: the server holds the limits, not the connection."""
        return {}

    def set_limits(self, limits: dict[str, int]) -> None:
        """Nothing to set (see :meth:`limits`)."""

    def serialize(self, key: str) -> None:
        """Writers of ``key`` (e.g. one URL's pages) take turns until this transaction ends:
        what has no unique index to conflict on (a page's "same URL, same body" refresh, a
        URL's failure count) is read and written by one transaction at a time."""
        self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))

    @staticmethod
    def retryable(error: BaseException | None) -> bool:
        """A transaction that lost a lock race (deadlock, serialization failure): run it again."""
        return isinstance(error, pg_errors.DeadlockDetected | pg_errors.SerializationFailure)

    @staticmethod
    def explain(error: Exception) -> str:
        """One readable line: what went wrong, and what to do about the common cases."""
        primary = error.diag.message_primary if isinstance(error, psycopg.Error) else None
        text = " ".join((primary or str(error)).split())  # the server's own words, without its LINE/^ excerpt
        text = re.sub(r"^connection failed: ", "", text)
        text = re.sub(r" Is the server running .*?connections\?", "", text).replace("FATAL: ", "")
        lower = text.lower()
        if "connection refused" in lower:
            return f"{text} (is PostgreSQL running there and accepting TCP connections?)"
        if re.search(r'database ".*" does not exist', lower):
            return f"{text} (create it first, e.g. `createdb NAME`; the scraper creates the tables)"
        if re.search(r'role ".*" does not exist', lower):
            return f"{text} (check the user name in the connection string)"
        if "password authentication failed" in lower or "no password supplied" in lower:
            return f"{text} (check the user and password in the connection string or ~/.pgpass)"
        if "permission denied" in lower or "must be owner" in lower:
            return f"{text} (the database user needs the rights to create and write these tables)"
        if "no schema has been selected" in lower:
            return f"{text} (no schema on the search_path exists that this user may use: check it and the user's rights)"
        if "read-only transaction" in lower:
            return f"{text} (the store was opened read-only)"
        if "could not translate host name" in lower or "name or service not known" in lower:
            return f"{text} (check the host name in the connection string)"
        if "timeout expired" in lower:
            return f"{text} (no answer from the server within {CONNECT_TIMEOUT_S}s)"
        return text

    # --- SQL only PostgreSQL speaks -------------------------------------------------------

    @staticmethod
    def greatest(a: str, b: str) -> str:
        return f"GREATEST({a}, {b})"

    @staticmethod
    def local_day(column: str) -> str:
        """The WIB calendar day (UTC+7, as text) of a UTC text time column."""
        return f"to_char(({column}::timestamptz AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')"

    def search_sql(self) -> str:
        """websearch_to_tsquery over the ``fts`` column, best ts_rank first (``rank`` is the
        negated ts_rank, so that lower is better as with SQLite's bm25), a ts_headline of the
        body (up to 16 words, like SQLite's snippet) between the marks; parameters: open
        mark, close mark, query, limit. The headline is computed for the page of hits only."""
        marks = "'StartSel=\"' || replace(?, '\"', '') || '\", StopSel=\"' || replace(?, '\"', '') || '\"'"
        return (
            "SELECT h.id, h.site, h.url, h.title, h.published,"
            f" ts_headline('simple', h.body, h.query, {marks} || ', MaxWords=16, MinWords=8, ShortWord=0')"
            " AS snippet, h.rank"
            " FROM (SELECT a.id, a.site, a.url, a.title, a.published, a.body, q.query,"
            " -ts_rank(a.fts, q.query) AS rank"
            " FROM articles a, websearch_to_tsquery('simple', ?) AS q(query)"
            " WHERE a.fts @@ q.query ORDER BY rank, a.id LIMIT ?) AS h"
            " ORDER BY h.rank, h.id"
        )

    @staticmethod
    def fts_filter() -> tuple[str, str, str]:
        """(FROM clause with articles as ``a``, the keyset column, the tsquery condition)."""
        return "articles AS a", "a.id", "a.fts @@ websearch_to_tsquery('simple', ?)"

    def columns(self, table: str) -> frozenset[str]:
        rows = self.execute("SELECT column_name FROM information_schema.columns"
                            " WHERE table_schema = current_schema() AND table_name = ?", (table,))
        return frozenset(r[0] for r in rows.fetchall())

    @staticmethod
    def plain_words(query: str) -> str:
        """A query as plain words (websearch syntax never fails, so this is rarely used)."""
        return " ".join(re.findall(r"\w+", query))

    def identity(self) -> str:
        """The server's own address, port, database and schema (not the DSN: two machines
        may reach one server by different names, and a DSN may hold a password)."""
        row = self.conn.execute(
            "SELECT coalesce(host(inet_server_addr()), 'local'), coalesce(inet_server_port(), 0), "
            "current_database(), current_schema()").fetchall()[0]
        return "pg:{}:{}/{}/{}".format(*row)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[bool]:
        """A session-level advisory lock on this connection, released when it closes or
        the process dies."""
        if not self.conn.execute("SELECT pg_try_advisory_lock(%s)", (CRAWL_LOCK,)).fetchall()[0][0]:
            yield False
            return
        try:
            yield True
        finally:
            with contextlib.suppress(Exception):  # a dropped connection has released it already
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (CRAWL_LOCK,))
