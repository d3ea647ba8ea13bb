"""One crawl per store at a time.

Two crawls on one store both did all the work: each read the store before the other had
stored anything, so every URL was fetched twice and each site saw twice its per-host
limit. A crawl therefore holds a lock on its store for the whole run, and a second one
does not start (``scraper crawl`` exits with :data:`~pipelines.exits.EXIT_BUSY`; an
``--every`` loop skips that period).

- SQLite: an exclusive ``flock`` on ``<database>.lock`` beside the file. Not on the
  database file itself: closing any descriptor of a file drops the POSIX locks SQLite
  holds on it. The kernel releases a flock when its process dies, even on SIGKILL, so a
  killed crawl never leaves a stale lock behind (the file itself stays, empty).
- PostgreSQL: a session-level advisory lock on the store's own connection, released when
  the connection closes (or the process dies). Advisory locks are per database, so two
  stores on one server do not block each other.

The distributed path takes no lock: its workers share the store by design.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from scraper.store import Store

__all__ = ["ADVISORY_KEY", "StoreBusy", "crawl_lock", "lock_path"]

#: The PostgreSQL advisory lock id of "a crawl runs on this database" (any fixed bigint).
ADVISORY_KEY = 0x1D0_5C4A_9E4C


class StoreBusy(Exception):
    """Another crawl holds the store's lock."""


def lock_path(database: Path) -> Path:
    """The lock file of a SQLite database: ``articles.db`` -> ``articles.db.lock``."""
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def crawl_lock(store: Store) -> Iterator[None]:
    """Hold ``store``'s crawl lock for the ``with`` block; StoreBusy at once (never a wait)
    when another crawl holds it, with what the store knows about that crawl."""
    if store.backend.name == "postgresql":
        with _advisory(store):
            yield
        return
    with _flock(lock_path(store.path), store):
        yield


@contextlib.contextmanager
def _flock(path: Path, store: Store) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusy(_busy(store)) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def _advisory(store: Store) -> Iterator[None]:
    got = store.conn.execute("SELECT pg_try_advisory_lock(%s)", (ADVISORY_KEY,)).fetchone()[0]
    if not got:
        raise StoreBusy(_busy(store))
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a dropped connection has released it already
            store.conn.execute("SELECT pg_advisory_unlock(%s)", (ADVISORY_KEY,))


def _busy(store: Store) -> str:
    """The message for a busy store, naming the running crawl when the store knows it."""
    holder = store.running_crawl()
    who = (f"run {holder['id']} (pid {holder['pid']} on {holder['host']}, started {holder['started_at']})"
           if holder else "another crawl")
    return f"{store.where}: {who} is crawling this store; one crawl per store at a time, so this one does not start"
