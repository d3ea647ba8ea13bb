"""An outage of the broker, Redis or the store is the infrastructure's, never a page's.

:func:`infrastructure` tells such a failure from the task's own; :func:`until_up` waits
it out, backing off, and does the work again once the service answers. Work done again
is safe: every task is idempotent (stored URLs are skipped, groups are sets).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from scraper.errors import StoreError

__all__ = ["infrastructure", "until_up"]

log = logging.getLogger("scraper.worker")
T = TypeVar("T")

#: The longest pause between two tries while a service is down (seconds).
MAX_PAUSE = 5.0
#: True while this process waits for a service (a time limit striking then is an
#: outage's, and the task goes back to the queue instead of being parked).
waiting = False


def infrastructure(exc: BaseException) -> bool:
    """True when ``exc`` says a service is unreachable (Redis, the broker, the store's
    server or a locked SQLite file), not that the work itself is wrong."""
    if isinstance(exc, RedisConnectionError | RedisTimeoutError | BrokerError | ConnectionError):
        return True
    if isinstance(exc, StoreError):
        text = str(exc).lower()
        cause = exc.__cause__
        lost = type(cause).__name__ in ("OperationalError", "InterfaceError") and (
            type(cause).__module__.startswith("psycopg") or "locked" in str(cause))
        return lost or "cannot connect" in text or "connection" in text or "server closed" in text
    return False


def until_up(work: Callable[[], T], *, what: str, before_retry: Callable[[], None] | None = None) -> T:
    """``work()``, tried again (pause doubling up to :data:`MAX_PAUSE`) for as long as it
    fails for the infrastructure's reasons; any other failure is raised."""
    global waiting  # noqa: PLW0603 - one per process: tasks run one at a time in it
    pause = 0.25
    while True:
        try:
            result = work()
        except Exception as exc:
            if not infrastructure(exc):
                waiting = False
                raise
            log.warning("waiting for %s: %s (trying again in %.1fs)", what, " ".join(str(exc).split()), pause)
        else:
            waiting = False
            return result
        waiting = True
        time.sleep(pause)
        pause = min(MAX_PAUSE, pause * 2)
        if before_retry is not None:
            with suppress(Exception):
                before_retry()
