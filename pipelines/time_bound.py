"""A time bound for work that runs in this process: a page's extraction in ``--workers 1``,
``scraper extract`` and the distributed worker's thread (the pool's processes are bounded
by a kill instead, :mod:`pipelines.extract_pool`).

The work runs in a daemon thread; past its bound the waiting side raises TimeoutError and
the thread is interrupted (:class:`ExtractionTimeout` raised in it at its next bytecode).
One C call that never returns, which no extraction step makes, would outlive the
interrupt; the caller goes on all the same. This module imports no asyncio at load, so
``scraper extract FILE`` does not pay for it.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from typing import TypeVar

__all__ = ["ExtractionTimeout", "bounded", "bounded_async"]

T = TypeVar("T")


class ExtractionTimeout(Exception):
    """Raised inside an extraction thread that ran past its bound."""


def _interrupt(thread_id: int) -> None:
    """Raise :class:`ExtractionTimeout` in the thread ``thread_id`` at its next bytecode."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(ExtractionTimeout))


def _start(work: Callable[[], T]) -> tuple[Future[T], int]:
    """``work()`` in a new daemon thread: its future and the thread's id."""
    future: Future[T] = Future()

    def target() -> None:
        # The waiting side may have given up (cancelled the future) before the interrupt
        # lands, or the interrupt may land just after the work ended: either way, quietly.
        with contextlib.suppress(InvalidStateError, ExtractionTimeout):
            try:
                result = work()
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting side
                future.set_exception(exc)
            else:
                future.set_result(result)

    thread = threading.Thread(target=target, name="extract", daemon=True)
    thread.start()
    assert thread.ident is not None
    return future, thread.ident


def bounded(work: Callable[[], T], timeout: float) -> T:
    """``work()`` in a thread, interrupted past ``timeout`` seconds (raises TimeoutError):
    the per-page bound of the in-process modes (``--workers 1``, ``scraper extract``)."""
    future, ident = _start(work)
    try:
        return future.result(timeout)
    except TimeoutError:
        _interrupt(ident)
        raise


async def bounded_async(work: Callable[[], T], timeout: float) -> T:
    """:func:`bounded` awaited from an event loop (the loop keeps running meanwhile)."""
    import asyncio  # noqa: PLC0415 - only callers on an event loop need it

    future, ident = _start(work)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
    except TimeoutError:
        _interrupt(ident)
        raise
