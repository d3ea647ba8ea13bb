"""The crawl's single writer: store writes committed in batches, from the event loop thread.

Why: a commit per article (and per fetch-log row) costs more than the row itself once
extraction runs on other cores. Writes are queued and committed together, one
transaction per ``size`` writes or ``interval`` seconds, whichever comes first.

The guarantees of one write per transaction remain, per batch: an article and its pages
land together or not at all; a kill -9 loses at most the batch not yet committed, whose
URLs are then simply unknown to the store and fetched again by the next run; a write that
fails (a bad article) is undone alone (:meth:`Store.apply` gives it a savepoint); a failed
commit (disk full, read-only) is raised to every waiting caller and ends the run.

The SQLite connection is used only from the loop thread: a batch runs synchronously
inside the loop (a few milliseconds), never in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from scraper.errors import StoreError
from scraper.store import Store

__all__ = ["BatchWriter"]

T = TypeVar("T")


class BatchWriter:
    """``await writer.write(lambda: store.save_article(...))`` -> the write's result."""

    def __init__(self, store: Store, *, size: int = 100, interval: float = 0.25) -> None:
        self.store, self.size, self.interval = store, size, interval
        self._pending: list[tuple[Callable[[], Any], asyncio.Future[Any] | None]] = []
        self._timer: asyncio.Task[None] | None = None
        self.failed: StoreError | None = None
        self.batches = 0

    async def write(self, op: Callable[[], T]) -> T:
        """Queue ``op`` and wait for its batch; raises what the write (or the commit) raised."""
        return await self.submit(op)

    def submit(self, op: Callable[[], T]) -> asyncio.Future[T]:
        """Queue ``op``; the future is done when its batch is committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue(op, future)
        return future

    def post(self, op: Callable[[], Any]) -> None:
        """Queue ``op`` without waiting (the fetch log). After a failed commit it is dropped:
        the run is failing, and the writes that are waited for raise."""
        if self.failed is None:
            self._queue(op, None)

    def _queue(self, op: Callable[[], Any], future: asyncio.Future[Any] | None) -> None:
        if self.failed is not None:
            raise self.failed
        self._pending.append((op, future))
        if len(self._pending) >= self.size:
            self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(self.interval)
        self._timer = None
        self.flush()

    def flush(self) -> None:
        """Commit what is queued now (synchronously, on the loop thread)."""
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            results = self.store.apply([op for op, _ in batch])
        except StoreError as exc:
            self.failed = exc
            for _, future in batch:
                if future is not None and not future.done():
                    future.set_exception(exc)
            return
        self.batches += 1
        for (_, future), result in zip(batch, results, strict=True):
            if future is None or future.done():
                continue
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)

    async def close(self) -> None:
        """Commit everything still queued; raise if any commit failed."""
        if self._timer is not None:
            self._timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer
            self._timer = None
        while True:
            self.flush()
            await asyncio.sleep(0)  # committed writes' callbacks may queue follow-ups
            if not self._pending:
                break
        if self.failed is not None:
            raise self.failed
