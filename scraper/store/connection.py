"""One store connection and its transactions: what every part of the store builds on.

A write runs in one transaction that takes the write lock up front (:meth:`StoreConnection.transaction`);
a transaction that loses a lock race (a PostgreSQL deadlock) is run again whole
(:meth:`StoreConnection._write`); :meth:`StoreConnection.batch` and :meth:`StoreConnection.apply`
put many writes in one transaction, each in its own savepoint. The backend
(:mod:`scraper.store.target` picks it) owns the connection and the little SQL that differs.
"""


from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

from scraper.errors import StoreError
from scraper.fetch.page import PageRecord
from scraper.store.backend import Backend
from scraper.store.target import open_backend

__all__ = ["ATTEMPTS", "StoreConnection"]

T = TypeVar("T")
#: How many times a transaction that lost a lock race (a PostgreSQL deadlock) is run.
ATTEMPTS = 5


class StoreConnection:
    """A connection to one store (SQLite path or PostgreSQL DSN), its transactions and reads."""

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
    def open(cls, target: str | Path, readonly: bool = False) -> Self:
        return cls(target, readonly=readonly)

    def limits(self) -> dict[str, int]:
        """This connection's own limits (SQLite's ``max_page_count``), for :meth:`twin`."""
        return self.backend.limits()

    def twin(self, limits: dict[str, int]) -> Self:
        """A second connection to the same database under ``limits`` (this one's, read with
        :meth:`limits` in the thread that owns this connection). For a writer thread: a
        connection is used by the thread that opened it."""
        other = type(self)(self.target, readonly=self.readonly)
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

    def __enter__(self) -> Self:
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

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors("read"):
            return self._x(sql, tuple(params)).fetchall()
