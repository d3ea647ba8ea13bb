"""Fixtures shared by the store's tests: a fresh database on each backend.

``db_target`` is parametrised: ``[sqlite]`` is a new file in tmp_path, ``[postgresql]`` a
new empty schema in this session's own PostgreSQL database (see tests/services.py for
where the server is and what happens when it is missing: skip here, failure in CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import services

from scraper.store import Store

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_session() -> Iterator[services.PostgresSession]:
    session = services.postgres_session()
    yield session
    session.drop()


@pytest.fixture
def pg_dsn(pg_session: services.PostgresSession) -> str:
    """A DSN to a new, empty PostgreSQL schema (the store creates its tables there)."""
    return pg_session.fresh()


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A new database on each backend: a SQLite path, or a PostgreSQL DSN."""
    if request.param == "sqlite":
        return tmp_path / "articles.db"
    return str(request.getfixturevalue("pg_dsn"))


@pytest.fixture
def store(db_target: Path | str) -> Iterator[Store]:
    """A fresh writable Store on each backend."""
    with Store(db_target) as opened:
        yield opened


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The missing services, one line each, where a plain ``make test`` shows them."""
    for line in services.MISSING.values():
        terminalreporter.write_line(f"{'FAILED' if services.in_ci() else 'SKIPPED'} (service): {line}")
