"""The crawl's single writer: store writes committed in batches, off the event loop.

Why: a commit per article (and per fetch-log row) costs more than the row itself once
extraction runs on other cores. Writes are queued and committed together, one
transaction per ``size`` writes or ``interval`` seconds, whichever comes first.

The guarantees of one write per transaction remain, per batch: an article and its pages
land together or not at all; a kill -9 loses at most the batches not yet committed, whose
URLs are then simply unknown to the store and fetched again by the next run; a write that
fails (a bad article) is undone alone (:meth:`Store.apply` gives it a savepoint); a failed
commit (disk full, read-only) is raised to every waiting caller and ends the run.

Where the batch runs:
- ``thread=True`` (the crawl): in one writer thread with its own connection to the same
  database (:meth:`Store.twin`), one batch at a time, in order. The event loop keeps
  fetching and feeding the extraction workers while SQLite compresses, indexes and
  commits (it releases the GIL while it works); what is queued meanwhile is the next batch
  (group commit). On a 5,000-page real-size crawl the loop was stalled ~13% of the run by
  inline commits.
- ``thread=False``: synchronously on the loop thread, through the caller's own store
  (``reextract``, which streams the archive from that connection while it writes).

Back-pressure: a commit can lag (a WAL checkpoint, a slow disk) while pages keep arriving,
and every queued write holds its pages. :meth:`room` makes producers wait while
``max_pending`` writes are queued, so memory stays flat however long the crawl runs (a
5,000-page crawl's peak rose by 30 MB in bursts without it).

A write is ``(Store method, args, kwargs)``, the store it runs on given at commit time,
so the same call works on either connection: ``writer.submit(Store.save_article, article)``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from scraper.errors import StoreError
from scraper.store import Store

__all__ = ["BatchWriter"]

T = TypeVar("T")
_Write = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], "asyncio.Future[Any] | None"]


class BatchWriter:
    """``await writer.submit(Store.save_article, article)`` -> the write's result."""

    def __init__(self, store: Store, *, size: int = 100, interval: float = 0.25, thread: bool = False,
                 max_pending: int | None = None) -> None:
        self.store, self.size, self.interval = store, size, interval
        self.max_pending = max_pending or 2 * size
        self._pending: list[_Write] = []
        self._drained = asyncio.Event()  # set whenever the queue is taken for a commit
        self._timer: asyncio.Task[None] | None = None
        self._running: asyncio.Future[Any] | None = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="store-writer") if thread else None
        #: The writer thread's own connection (opened and used in that thread only), under
        #: the limits of the caller's connection (read here, in the caller's thread).
        self._twin: Store | None = None
        self._limits = store.limits() if thread else {}
        self.failed: StoreError | None = None
        self.batches = 0

    def submit(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> asyncio.Future[T]:
        """Queue ``method(store, *args, **kwargs)``; the future is done when its batch is
        committed, with the write's result or what it (or the commit) raised."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue((method, args, kwargs, future))
        return future

    @property
    def full(self) -> bool:
        """``max_pending`` writes are queued (and the run has not failed)."""
        return len(self._pending) >= self.max_pending and self.failed is None

    async def room(self) -> None:
        """Wait while :attr:`full` (until the running commit is done and takes the queue);
        returns at once after a failed commit, which the writes raise."""
        while self.full:
            self._drained.clear()
            await self._drained.wait()

    def post(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Queue a write without waiting (the fetch log). After a failed commit it is
        dropped: the run is failing, and the writes that are waited for raise."""
        if self.failed is None:
            self._queue((method, args, kwargs, None))

    def _queue(self, write: _Write) -> None:
        if self.failed is not None:
            raise self.failed
        self._pending.append(write)
        if len(self._pending) >= self.size:
            self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(self.interval)
        self._timer = None
        self.flush()

    def flush(self) -> None:
        """Commit what is queued now: inline, or handed to the writer thread (when a batch
        is already there, what is queued goes when it is done)."""
        if self._running is not None or not self._pending:
            return
        batch, self._pending = self._pending, []
        self._drained.set()
        if self._thread is None:
            try:
                results = self._commit(self.store, batch)
            except StoreError as exc:
                self._fail(batch, exc)
                return
            self._settle(batch, results)
            return
        self._running = asyncio.get_running_loop().run_in_executor(self._thread, self._commit_in_thread, batch)
        self._running.add_done_callback(partial(self._done, batch))

    @staticmethod
    def _commit(store: Store, batch: list[_Write]) -> list[Any]:
        return store.apply([partial(method, store, *args, **kwargs) for method, args, kwargs, _ in batch])

    def _commit_in_thread(self, batch: list[_Write]) -> list[Any]:
        if self._twin is None:
            self._twin = self.store.twin(self._limits)
        return self._commit(self._twin, batch)

    def _done(self, batch: list[_Write], running: asyncio.Future[list[Any]]) -> None:
        self._running = None
        error = running.exception()
        if isinstance(error, StoreError):
            self._fail(batch + self._pending, error)
            self._pending = []
            return
        if error is not None:  # a bug, not a database error: whoever waits sees it
            self._fail(batch, StoreError(f"write batch: {error!r}"))
            return
        self._settle(batch, running.result())
        self.flush()  # what queued up while this batch was committed

    def _settle(self, batch: list[_Write], results: list[Any]) -> None:
        self.batches += 1
        for (*_, future), result in zip(batch, results, strict=True):
            if future is None or future.done():
                continue
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)

    def _fail(self, batch: list[_Write], error: StoreError) -> None:
        self.failed = error
        self._drained.set()
        for *_, future in batch:
            if future is not None and not future.done():
                future.set_exception(error)

    async def close(self) -> None:
        """Commit everything still queued and close the writer thread's connection; raise
        if any commit failed."""
        if self._timer is not None:
            self._timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer
            self._timer = None
        try:
            while True:
                self.flush()
                if self._running is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.shield(self._running)
                await asyncio.sleep(0)  # committed writes' callbacks may queue follow-ups
                if not self._pending and self._running is None:
                    break
                if self.failed is not None:
                    break
        finally:
            await self._stop_thread()
        if self.failed is not None:
            raise self.failed

    async def _stop_thread(self) -> None:
        if self._thread is None:
            return
        thread, self._thread = self._thread, None
        if self._twin is not None:
            await asyncio.get_running_loop().run_in_executor(thread, self._twin.close)
            self._twin = None
        thread.shutdown(wait=True)
