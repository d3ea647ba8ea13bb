"""Where a store lives: the one place that reads a ``--db`` value (a file or a server?).

A value starting ``postgresql://`` or ``postgres://`` is a PostgreSQL connection string
(it is never a file name); anything else is a SQLite file path. Commands, the worker's
settings and the store itself all ask here, so a new backend is one scheme below and one
branch in :func:`open_backend`, not a hunt through every command.

Why a missing file is refused here: opening SQLite on a mistyped path would create an
empty database there, so commands that only read or re-process a store check first
(:func:`missing_db`). A DSN's password never appears in a message (:func:`redact_dsn`).
This module imports no driver and nothing heavy: ``--db`` is parsed before a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.errors import StoreError

if TYPE_CHECKING:
    from scraper.store.backend import Backend

__all__ = ["DSN_SCHEMES", "Target", "absolute", "is_dsn", "missing_db", "open_backend", "parse_target", "redact_dsn"]

#: The prefixes of a PostgreSQL connection string.
DSN_SCHEMES = ("postgresql://", "postgres://")
#: A store's address: a SQLite file (Path) or a connection string (str).
Target = Path | str


def is_dsn(target: str | Path) -> bool:
    """True for a PostgreSQL connection string (``postgresql://`` or ``postgres://``)."""
    return str(target).startswith(DSN_SCHEMES)


def parse_target(text: str) -> Target:
    """A ``--db`` value as the store takes it: a DSN stays a string, anything else is a Path."""
    return text if is_dsn(text) else Path(text)


def absolute(text: str) -> str:
    """``text`` as another process in another directory reads it the same: a DSN as given,
    a file path made absolute (a worker's pool children must open the same file)."""
    return text if is_dsn(text) else str(Path(text).resolve())


def missing_db(target: Target) -> str | None:
    """Why ``target`` cannot be an existing database, or None when it is a file (or a DSN:
    the server says whether the database exists, and the store says it clearly).

    Commands that only read or re-process a database (reextract, stats, search, export,
    explore, migrate) call this first: opening SQLite on a mistyped path would create an
    empty database there and report "0 articles" instead of the typo.
    """
    if isinstance(target, str):
        if is_dsn(target):
            return None
        target = Path(target)
    if target.is_file():
        return None
    if target.exists():
        return f"{target}: not a database file"
    return f"{target}: no such database (check --db; `scraper crawl --db {target}` creates one)"


def redact_dsn(dsn: str) -> str:
    """``dsn`` as it may be shown in messages: its password (in the address or as a
    ``password=`` parameter) replaced by ``***``."""
    try:
        parts = urlsplit(dsn)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = [(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, safe="*=-,/:"), parts.fragment))
    except ValueError:
        return dsn.split("://", 1)[0] + "://***"


def open_backend(target: Target, *, readonly: bool = False) -> Backend:
    """The backend for ``target``, connected (and migrated unless ``readonly``). The driver
    of a server backend is imported only here, only when one is asked for."""
    if is_dsn(target):
        try:
            from scraper.store.postgres import PostgresBackend  # noqa: PLC0415 - the optional extra
        except ImportError as exc:
            raise StoreError(
                f"{redact_dsn(str(target))}: PostgreSQL needs the distributed extra ({exc}): "
                "pip install 'indonews-scraper[distributed]'"
            ) from None
        return PostgresBackend(str(target), where=redact_dsn(str(target)), readonly=readonly)
    from scraper.store.sqlite import SqliteBackend  # noqa: PLC0415

    return SqliteBackend(target, readonly=readonly)
