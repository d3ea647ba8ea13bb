"""One crawl per store at a time.

Two crawls on one store both did all the work: each read the store before the other had
stored anything, so every URL was fetched twice and each site saw twice its per-host
limit. A crawl therefore holds a lock on its store for the whole run, and a second one
does not start (``scraper crawl`` exits with :data:`~pipelines.exits.EXIT_BUSY`; an
``--every`` loop skips that period).

The lock is the backend's (:meth:`scraper.store.backend.Backend.exclusive`): a ``flock``
beside a SQLite file, a session advisory lock on PostgreSQL; both die with their process,
so a killed crawl never leaves a stale lock.

The distributed path takes no lock: its workers share the store by design.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from scraper.store import Store

__all__ = ["StoreBusy", "crawl_lock"]


class StoreBusy(Exception):
    """Another crawl holds the store's lock."""


@contextlib.contextmanager
def crawl_lock(store: Store) -> Iterator[None]:
    """Hold ``store``'s crawl lock for the ``with`` block; StoreBusy at once (never a wait)
    when another crawl holds it, with what the store knows about that crawl."""
    with store.backend.exclusive() as held:
        if not held:
            raise StoreBusy(_busy(store))
        yield


def _busy(store: Store) -> str:
    """The message for a busy store, naming the running crawl when the store knows it."""
    holder = store.running_crawl()
    who = (f"run {holder['id']} (pid {holder['pid']} on {holder['host']}, started {holder['started_at']})"
           if holder else "another crawl")
    return f"{store.where}: {who} is crawling this store; one crawl per store at a time, so this one does not start"
