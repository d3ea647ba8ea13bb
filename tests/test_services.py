"""The rule for missing services (tests/services.py), checked on a real pytest run, and the
Redis database the tests are given (SCRAPER_TEST_REDIS; .ci/run gives each run its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import services

ROOT = Path(__file__).resolve().parent.parent
#: Nothing listens on the discard port.
NOWHERE = "postgresql://postgres@127.0.0.1:9/postgres"


def pytest_run(*, ci: bool) -> subprocess.CompletedProcess[str]:
    """One PostgreSQL-parametrised test, in a pytest of its own, with PostgreSQL nowhere."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({services.PG_ENV: NOWHERE, **({"CI": "true"} if ci else {})})
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
         "tests/test_store.py::test_views_give_wib_time_and_one_row_per_author"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def expected_line() -> str:
    """Without the distributed extra the missing piece is the driver; with it, the server."""
    try:
        import psycopg  # noqa: F401, PLC0415
    except ImportError:
        return f"PostgreSQL tests need psycopg, which is not installed ({services.INSTALL_HINT})"
    return f"PostgreSQL not reachable at 127.0.0.1:9: Connection refused (set {services.PG_ENV} to an admin DSN)"


def test_a_missing_postgresql_skips_with_one_line_naming_it() -> None:
    done = pytest_run(ci=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout  # the SQLite half still runs
    lines = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED (service)")]
    assert lines == [f"SKIPPED (service): {expected_line()}"], done.stdout


def test_with_ci_true_a_missing_postgresql_fails_the_run() -> None:
    done = pytest_run(ci=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed, 1 error" in done.stdout and "skipped" not in done.stdout
    assert expected_line() in done.stdout
    assert "CI=true: a missing service is a failure, not a skip" in done.stdout


def test_the_redis_database_for_the_tests_answers() -> None:
    url = services.redis_url()  # skips (fails with CI=true) when Redis or its client is missing
    import redis  # noqa: PLC0415

    client = redis.Redis.from_url(url)
    key = f"scraper:test:{uuid.uuid4().hex}"
    try:
        assert client.set(key, "ok", ex=60) and client.get(key) == b"ok"
    finally:
        client.delete(key)
        client.close()
