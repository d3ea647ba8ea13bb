"""Per-host politeness: how many requests a host gets at once and how far apart.

News sites are shared infrastructure; a crawl that hammers one gets blocked and deserves
it. Every request passes :meth:`Politeness.slot` for its host: at most ``concurrency``
requests in flight, and request *starts* at least ``delay`` seconds apart, where the
delay is ``max(configured, robots Crawl-delay)``. After a 429 or 5xx the host's delay
doubles (up to ``max_delay``) and a Retry-After pauses the whole host; the delay never
shrinks again during the run, so an erroring site is never crawled faster.
Set ``delay=0, error_floor=0`` for tests and benchmarks.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["HostState", "Pacer", "Politeness"]


class Pacer(Protocol):
    """What the fetcher needs of per-host politeness: this process's :class:`Politeness`,
    or one shared by every worker of a distributed crawl (a Redis-backed twin)."""

    def slot(self, host: str) -> AbstractAsyncContextManager[None]: ...
    def set_crawl_delay(self, host: str, seconds: float | None) -> None: ...
    def penalize(self, host: str, retry_after: float | None = None) -> None: ...


@dataclass
class HostState:
    """What we know about one host's pace."""

    delay: float
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    errors: int = 0


class Politeness:
    """Per-host concurrency and spacing, shared by every fetch of a crawl."""

    def __init__(
        self,
        concurrency: int = 2,
        delay: float = 1.0,
        *,
        max_delay: float = 60.0,
        error_floor: float = 1.0,
    ) -> None:
        self.concurrency = max(1, concurrency)
        self.delay = max(0.0, delay)
        self.max_delay = max_delay
        self.error_floor = error_floor
        self._hosts: dict[str, HostState] = {}

    def state(self, host: str) -> HostState:
        host = host.lower()
        if host not in self._hosts:
            self._hosts[host] = HostState(self.delay, asyncio.Semaphore(self.concurrency))
        return self._hosts[host]

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Apply robots.txt Crawl-delay: the host's delay becomes at least ``seconds`` (capped)."""
        if seconds:
            state = self.state(host)
            state.delay = max(state.delay, min(float(seconds), self.max_delay))

    def penalize(self, host: str, retry_after: float | None = None) -> None:
        """The host answered 429/5xx: slow down, and pause it for ``retry_after`` seconds."""
        state = self.state(host)
        state.errors += 1
        state.delay = min(self.max_delay, max(state.delay * 2, self.error_floor))
        if retry_after:
            state.next_start = max(state.next_start, time.monotonic() + retry_after)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's connections; enter no sooner than its delay allows."""
        state = self.state(host)
        async with state.semaphore:
            async with state.lock:  # queue the waiters so each start is spaced
                wait = state.next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                state.next_start = time.monotonic() + state.delay
            yield
