"""Articles out of the store for analysts: which ones (a :class:`Selection`). Their columns
are the store's declaration (:data:`scraper.store.columns.EXPORTED`; the lists in
:data:`~scraper.store.columns.JSON_LISTS` are JSON arrays in JSON Lines, JSON text in CSV and
``list<string>`` in Parquet); the formats that write them (JSON Lines, CSV, Parquet, a SQLite
snapshot) are in :mod:`pipelines.formats`.

Every format streams: rows come from :meth:`scraper.store.Store.select_articles` in
batches and leave in batches, so a million-row export runs in the memory of one batch
(``bench/bench_export.py`` measures it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scraper.filters.textmatch import compile_match
from scraper.store import Store

__all__ = ["BATCH_ROWS", "Selection", "selected"]

#: Rows per Parquet row group and per snapshot transaction: a few MB of text at a time.
BATCH_ROWS = 2000


@dataclass(frozen=True)
class Selection:
    """Which articles to export: every filter is optional and they combine with AND."""

    sites: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    #: Full-text query, with ``scraper search``'s rules.
    query: str | None = None
    #: Regexes, any of which must be found in the title or body (scraper.filters.textmatch).
    match: tuple[str, ...] = ()


def selected(store: Store, selection: Selection) -> Iterator[dict[str, Any]]:
    """The selected articles, streamed: SQL does sites, dates and the full-text query; the
    regexes run here, on each row as it passes."""
    rows = store.select_articles(sites=selection.sites, start=selection.start, end=selection.end,
                                 query=selection.query)
    keep = compile_match(selection.match)
    return rows if keep is None else (row for row in rows if keep(row["title"], row["body"]))
