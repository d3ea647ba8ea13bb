"""Real services for the scale-out tests (Redis, PostgreSQL on 127.0.0.1), or a clear skip.

On a user's plain machine these services are absent: the tests that need them skip with
one line naming the missing service. In CI (``CI=true``) a missing service is a failure,
never a skip: CI machines run them, so their absence is a broken CI, not a reason to pass.
"""

from __future__ import annotations

import os

import pytest

REDIS_URL = os.environ.get("SCRAPER_TEST_REDIS", "redis://127.0.0.1:6379/13")


def unavailable(service: str, why: object) -> None:
    """Skip (or, in CI, fail) the calling test: ``service`` cannot be used."""
    message = f"{service} not reachable: {why}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{message} (CI=true: the service must run)", pytrace=False)
    pytest.skip(message)


def redis_url() -> str:
    """The test Redis database (``$SCRAPER_TEST_REDIS``); skips/fails when absent. Tests
    keep to their own queue and key prefix in it (see test_distributed), so parallel runs
    sharing a database do not meet."""
    try:
        from redis import Redis  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        unavailable("Redis client (pip install '.[distributed]')", exc)
    try:
        client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
        client.close()
    except Exception as exc:  # noqa: BLE001 - any connection failure means the same: no Redis
        unavailable(f"Redis at {REDIS_URL}", exc)
    return REDIS_URL
