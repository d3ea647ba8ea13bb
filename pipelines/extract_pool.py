"""Extraction off the event loop, on every core: worker processes fed by the async fetchers.

Why processes: extraction is CPU-bound Python (parsing, the paragraph walk, regexes), so
in threads it shares one core with the event loop; on real-size pages the crawl then
runs at the speed of one core while the others idle. Each job also compresses the pages
for the archive (:meth:`PageRecord.pack`), the other CPU cost of a stored page.

Why not ``ProcessPoolExecutor``: its feeder and result threads pickle 100 KB pages while
holding the GIL, and the event loop then waits for the GIL at every turn (measured: a
median loop lag of 8 ms, fetches 5x slower). Here the workers are plain subprocesses
(:mod:`pipelines.extract_worker`) talking over their stdin/stdout pipes, read and written
by the event loop itself: no extra thread in the crawl process.

What the pool guarantees:
- back-pressure: one job per worker at a time; callers wait for an idle worker, so memory
  stays flat however fast pages arrive;
- a bound per page: a job running longer than ``timeout`` seconds has its worker killed
  (and replaced) and ends as an error Article with ``error_kind`` extract_timeout; a
  worker that dies is replaced and its job tried once more (``extract_crash`` after);
- ``close(now=True)`` (SIGTERM) kills the workers at once;
- ``workers=1`` keeps everything in this process (one extraction thread): for tests,
  small runs and machines where processes are unwelcome. The page's bound holds there
  too (:func:`pipelines.time_bound.bounded_async`): past ``timeout`` the thread is
  interrupted and the page ends as ``extract_timeout``. ``thread=False`` asks for one process even with
  ``workers=1`` (a Celery worker: its bound is then a kill).

The site profile travels by name (profiles hold compiled regexes and hook closures,
which do not pickle); a worker looks it up in its own registry.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import pickle
import sys
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from pipelines.extract_worker import HEADER, run_job
from pipelines.time_bound import bounded_async
from scraper.article import Article, error_article
from scraper.errors import FailureKind
from scraper.extract.template import Template
from scraper.fetch.page import Packed, PageRecord

__all__ = ["ExtractPool", "default_workers"]

T = TypeVar("T")

log = logging.getLogger("scraper.pool")
_ROOT = str(Path(__file__).resolve().parent.parent)


def default_workers() -> int:
    """One extraction process per core available to us."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


#: Pipe capacity asked for (Linux, F_SETPIPE_SZ): a whole page in one write, so neither
#: side waits for the other to be scheduled between 64 KB chunks.
PIPE_BYTES = 1024 * 1024


def _widen(stream: object) -> None:
    transport = getattr(stream, "transport", None) or getattr(stream, "_transport", None)
    pipe = transport.get_extra_info("pipe") if transport is not None else None
    if pipe is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return
    with contextlib.suppress(OSError):  # capped by /proc/sys/fs/pipe-max-size: keep the default
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


class _WorkerDied(Exception):
    """The worker process ended (or broke the protocol) while holding a job."""


class _Worker:
    """One ``python -m pipelines.extract_worker`` process and its pipes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls) -> _Worker:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "pipelines.extract_worker",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
            limit=64 * 1024 * 1024,
        )
        for pipe in (process.stdin, process.stdout):
            _widen(pipe)
        return cls(process)

    async def run(self, job: tuple[list[PageRecord], str | None, bool, bool, Template | None],
                  ) -> tuple[Article, list[Packed | None]]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            stdin.write(HEADER.pack(len(payload)) + payload)
            await stdin.drain()
            (size,) = HEADER.unpack(await stdout.readexactly(HEADER.size))
            result: tuple[Article, list[Packed | None]] = pickle.loads(await stdout.readexactly(size))
        except (ConnectionError, asyncio.IncompleteReadError, pickle.UnpicklingError, EOFError) as exc:
            raise _WorkerDied(str(exc) or type(exc).__name__) from None
        return result

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def stop(self) -> None:
        """End the worker: close its stdin (it exits at EOF), kill it if it lingers."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except TimeoutError:
            self.kill()
            await self.process.wait()


class ExtractPool:
    """``await pool.extract(pages, profile_name)`` -> Article (pages packed in place)."""

    def __init__(self, workers: int | None = None, *, timeout: float = 60.0, use_profiles: bool = True,
                 bands: bool = True, thread: bool | None = None) -> None:
        self.workers = workers or default_workers()
        self.timeout = timeout
        self.use_profiles = use_profiles
        #: Compute each article's MinHash band keys too (for the syndicated-copy pass).
        self.bands = bands
        self.restarts = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._thread = self.workers == 1 if thread is None else thread
        #: One in-process extraction at a time (the thread mode's back-pressure).
        self._one = asyncio.Lock()

    async def extract(self, pages: list[PageRecord], profile: str | None = None,
                      template: Template | None = None) -> Article:
        """``template``: the host's learned template, for a page on the generic path."""
        if self._thread:
            return await self._in_thread(pages, profile, template)
        # The text is not sent: the worker decodes the body again, which is cheaper than piping it
        # (bench/bench_page_transfer.py, real pages: 0.014 ms decoding vs 0.021 ms median and twice
        # the bytes piped; see scraper/fetch/page.py). It needs the body anyway: it compresses it.
        job = ([replace(page, text=None) for page in pages], profile, self.use_profiles, self.bands, template)
        idle = await self._workers()
        worker = await idle.get()
        try:
            for attempt in (1, 2):
                try:
                    article, packed = await asyncio.wait_for(worker.run(job), self.timeout)
                except TimeoutError:
                    worker = await self._replace(worker, f"a page took over {self.timeout:.0f}s: {pages[0].url}")
                    return error_article(f"extraction took over {self.timeout:.0f}s", pages[0].url,
                                         FailureKind.EXTRACT_TIMEOUT)
                except _WorkerDied as exc:
                    worker = await self._replace(worker, f"a worker died ({exc}) on {pages[0].url}")
                    if attempt == 2:
                        return error_article("the extraction worker died on this page", pages[0].url,
                                             FailureKind.EXTRACT_CRASH)
                    continue
                for page, done in zip(pages, packed, strict=True):
                    page.packed = page.packed or done
                return article
        finally:
            idle.put_nowait(worker)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _in_thread(self, pages: list[PageRecord], profile: str | None, template: Template | None) -> Article:
        def job() -> tuple[Article, list[Packed | None]]:
            return run_job(pages, profile, self.use_profiles, self.bands, template)

        async with self._one:
            try:
                article, packed = await bounded_async(job, self.timeout)
            except TimeoutError:
                self.restarts += 1
                log.warning("extraction interrupted: a page took over %.0fs: %s", self.timeout, pages[0].url)
                return error_article(f"extraction took over {self.timeout:.0f}s", pages[0].url, FailureKind.EXTRACT_TIMEOUT)
        for page, done in zip(pages, packed, strict=True):
            page.packed = page.packed or done
        return article

    async def _workers(self) -> asyncio.Queue[_Worker]:
        """The idle-worker queue, started on first use (a run with nothing to extract
        starts no process)."""
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in await asyncio.gather(*(_Worker.start() for _ in range(self.workers))):
                self._all.add(worker)
                self._idle.put_nowait(worker)
        return self._idle

    async def _replace(self, worker: _Worker, why: str) -> _Worker:
        """Kill ``worker`` (a stuck page cannot hold a core) and start its successor."""
        log.warning("extraction worker replaced: %s", why)
        self.restarts += 1
        worker.kill()
        await worker.process.wait()
        self._all.discard(worker)
        fresh = await _Worker.start()
        self._all.add(fresh)
        return fresh

    async def close(self, *, now: bool = False) -> None:
        """Stop the workers: after their current job, or (``now``, on SIGTERM) at once."""
        workers, self._all = list(self._all), set()
        if now:
            for worker in workers:
                worker.kill()
            await asyncio.gather(*(w.process.wait() for w in workers))
        else:
            await asyncio.gather(*(w.stop() for w in workers))
