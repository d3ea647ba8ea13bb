"""The real services some tests use (PostgreSQL, Redis): where they are, and the rule when
one is missing.

The rule: on a plain machine (a user's clone: no PostgreSQL, no Redis, maybe not even the
``distributed`` extra) the tests that need a service SKIP, each with one line naming it
("PostgreSQL not reachable at 127.0.0.1:5432: connection refused"), and that line is
printed once more at the end of the run. With ``CI=true`` a missing service is a FAILURE,
never a skip: CI has the services, so their absence is a broken CI, not fewer tests.

Where: ``SCRAPER_TEST_PG`` is a DSN to an admin database, in which the session creates its
own database (``scraper_test_<pid>_<random>``, dropped at the end) and each test its own
schema in it (default ``postgresql://postgres@127.0.0.1:5432/postgres``);
``SCRAPER_TEST_REDIS`` is the Redis database the tests may use and empty
(default ``redis://127.0.0.1:6379/15``). ``.ci/run`` sets both to databases of its own.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
from typing import Any, NoReturn
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

PG_ENV, DEFAULT_PG = "SCRAPER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_ENV, DEFAULT_REDIS = "SCRAPER_TEST_REDIS", "redis://127.0.0.1:6379/15"
INSTALL_HINT = "make install EXTRAS=dev,distributed"

#: The one line per missing service, for the end-of-run summary (tests/conftest.py).
MISSING: dict[str, str] = {}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def missing(service: str, line: str) -> NoReturn:
    """Skip the test (a plain machine) or fail it (``CI=true``), with one line."""
    MISSING[service] = line
    if in_ci():
        pytest.fail(f"{line} (CI=true: a missing service is a failure, not a skip)", pytrace=False)
    pytest.skip(line)


def host_port(url: str, default_port: int) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or default_port}"


def one_line(error: BaseException) -> str:
    """The error's own words on one line (a driver's "connection to server at ... failed:"
    preamble and its "Is the server running" hint dropped)."""
    text = " ".join(str(error).split()) or type(error).__name__
    text = re.sub(r"^.*\bfailed: ", "", text)
    return text.split(" Is the server running")[0]


def with_database(dsn: str, database: str, **params: str) -> str:
    """``dsn`` (a URL) naming another database, with extra query parameters."""
    parts = urlsplit(dsn)
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", query, ""))


class PostgresSession:
    """This test session's own database on the server of ``SCRAPER_TEST_PG``; each
    :meth:`fresh` call gives a DSN to a new, empty schema in it (one per test)."""

    def __init__(self, admin_dsn: str) -> None:
        import psycopg  # noqa: PLC0415 - the distributed extra

        self.admin_dsn = admin_dsn
        self.name = f"scraper_test_{os.getpid()}_{secrets.token_hex(3)}"
        with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.dsn = with_database(admin_dsn, self.name)
        self._numbers = itertools.count(1)

    def connect(self, dsn: str | None = None) -> Any:
        import psycopg  # noqa: PLC0415

        return psycopg.connect(dsn or self.dsn, autocommit=True, connect_timeout=5)

    def fresh(self) -> str:
        """A DSN whose tables go into a new empty schema of the session's database."""
        schema = f"t{next(self._numbers)}"
        with self.connect() as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        return with_database(self.admin_dsn, self.name, options=f"-csearch_path={schema}")

    def drop(self) -> None:
        with self.connect(self.admin_dsn) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def postgres_session() -> PostgresSession:
    """The session's database, or a skip/failure naming what is missing."""
    admin = os.environ.get(PG_ENV) or DEFAULT_PG
    where = host_port(admin, 5432)
    try:
        import psycopg  # noqa: PLC0415, F401
    except ImportError:
        missing("PostgreSQL", f"PostgreSQL tests need psycopg, which is not installed ({INSTALL_HINT})")
    try:
        return PostgresSession(admin)
    except Exception as exc:  # noqa: BLE001 - any failure to reach it is "not reachable"
        missing("PostgreSQL", f"PostgreSQL not reachable at {where}: {one_line(exc)} (set {PG_ENV} to an admin DSN)")


def redis_url() -> str:
    """``SCRAPER_TEST_REDIS`` after a PING, or a skip/failure naming what is missing."""
    url = os.environ.get(REDIS_ENV) or DEFAULT_REDIS
    where = host_port(url, 6379)
    try:
        import redis  # noqa: PLC0415
    except ImportError:
        missing("Redis", f"Redis tests need the redis package, which is not installed ({INSTALL_HINT})")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5)
        client.ping()
        client.close()
    except Exception as exc:  # noqa: BLE001
        missing("Redis", f"Redis not reachable at {where}: {one_line(exc)} (set {REDIS_ENV})")
    return url
