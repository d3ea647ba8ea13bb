"""What a backend gives the store: the connection and the little SQL that differs.

:class:`scraper.store.core.Store` holds every rule and speaks to a backend only through
this protocol; :mod:`scraper.store.sqlite` and :mod:`scraper.store.postgres` implement it,
and :func:`scraper.store.target.open_backend` picks one for a ``--db`` value.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

__all__ = ["Backend"]


class Backend(Protocol):
    """What a backend gives the store (see :class:`scraper.store.sqlite.SqliteBackend`)."""

    name: str
    where: str
    readonly: bool
    errors: tuple[type[Exception], ...]
    begin_sql: str
    for_update: str
    conn: Any
    #: The schema version the database had when it was opened (before any migration).
    found_version: int
    #: How many bound parameters one statement may carry (multi-row inserts are cut to fit).
    max_params: int

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any: ...
    @property
    def in_transaction(self) -> bool: ...
    def close(self) -> None: ...
    def limits(self) -> dict[str, int]: ...
    def set_limits(self, limits: dict[str, int]) -> None: ...
    def explain(self, error: Exception) -> str: ...
    def greatest(self, a: str, b: str) -> str: ...
    def local_day(self, column: str) -> str: ...
    def search_sql(self) -> str: ...
    def plain_words(self, query: str) -> str: ...
    def fts_filter(self) -> tuple[str, str, str]: ...
    def columns(self, table: str) -> frozenset[str]: ...
    def serialize(self, key: str) -> None: ...
    def retryable(self, error: BaseException | None) -> bool: ...
    def identity(self) -> str:
        """The database's name as every machine that reaches it sees it, without
        credentials (distributed task messages and Redis keys carry a hash of it)."""
    def exclusive(self) -> AbstractContextManager[bool]:
        """Try, without waiting, to hold "a crawl runs on this database" for the ``with``
        block: yields whether it is held. Released when the process or connection dies."""
