"""Articles out of the store for analysts: JSON Lines, CSV, Parquet, or a SQLite snapshot.

Every format streams: rows come from :meth:`scraper.store.Store.select_articles` in
batches and leave in batches, so a million-row export runs in the memory of one batch
(``bench/bench_export.py`` measures it). The SQLite snapshot is written through the Store's
read and import API, not by copying the file, so the same code will turn a PostgreSQL store
into a SQLite file.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from scraper.errors import StoreError
from scraper.filters.textmatch import compile_match
from scraper.store import Store
from scraper.store.columns import EXPORTED

__all__ = ["COLUMNS", "FORMATS", "Selection", "export_text", "parquet_missing", "selected",
           "write_parquet", "write_sqlite"]

FORMATS = ("jsonl", "csv", "parquet", "sqlite")
#: Formats written to a file (-o), never to stdout.
FILE_FORMATS = frozenset({"parquet", "sqlite"})
#: Exported columns, in order; lists (authors, editors, tags) are JSON arrays in JSON Lines,
#: JSON text in CSV (lossless) and list<string> in Parquet.
COLUMNS = EXPORTED  # scraper/store/columns.py: the articles' columns, declared once
_LISTS = ("authors", "editors", "tags")
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


# --- text formats -----------------------------------------------------------------------

def export_text(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO, *, bom: bool = False) -> int:
    """Write ``rows`` as JSON Lines or CSV, one at a time; returns how many. ``bom`` starts
    a CSV with a UTF-8 byte-order mark (``--bom``): spreadsheet programs then read the file
    as UTF-8 instead of the system code page, and “kutipan” or "é" survive."""
    count = 0
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in _LISTS else v for k, v in row.items()})
            count += 1
        return count
    if fmt != "jsonl":
        raise ValueError(f"not a text format: {fmt}")
    for row in rows:
        out.write(json.dumps({k: row[k] for k in COLUMNS}, ensure_ascii=False) + "\n")
        count += 1
    return count


# --- Parquet (optional extra) -----------------------------------------------------------

def parquet_missing() -> str | None:
    """Why Parquet cannot be written here (pyarrow is an optional extra), or None."""
    try:
        import pyarrow  # noqa: F401, PLC0415
        import pyarrow.parquet  # noqa: F401, PLC0415
    except ImportError:
        return "--format parquet needs pyarrow: pip install 'indonews-scraper[parquet]'"
    return None


#: The columns that are UTC times in the store, timestamps in Parquet.
_TIMES = ("published", "updated", "first_seen", "last_seen")


def _parquet_schema() -> Any:
    import pyarrow as pa  # noqa: PLC0415

    moment = pa.timestamp("s", tz="UTC")
    types = {"id": pa.int64(), "word_count": pa.int64(), "pages": pa.int64(), "version": pa.int64(),
             "story_id": pa.int64(), "duplicate_of": pa.int64(),
             **dict.fromkeys(_TIMES, moment)}
    return pa.schema([(name, pa.list_(pa.string()) if name in _LISTS else types.get(name, pa.string()))
                      for name in COLUMNS])


def _utc(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC) if value else None


def _utc_or_none(value: str | None) -> datetime | None:
    """``updated`` is the store's UTC time when the page's date was readable, else the page's
    own text (kept in the database and the text formats); a timestamp column holds no text."""
    try:
        return _utc(value)
    except ValueError:
        return None


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write ``rows`` to a Parquet file, ``BATCH_ROWS`` per row group. ``published``,
    ``updated``, ``first_seen`` and ``last_seen`` become UTC timestamps (pandas reads them as
    datetimes); an ``updated`` the page wrote in a form we could not read is null here."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    schema = _parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        iterator = iter(rows)
        while chunk := list(islice(iterator, BATCH_ROWS)):
            columns = {name: [_cell(name, row[name]) for row in chunk] for name in COLUMNS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            count += len(chunk)
    return count


def _cell(name: str, value: Any) -> Any:
    if name == "updated":
        return _utc_or_none(value)
    return _utc(value) if name in _TIMES else value


# --- SQLite snapshot ------------------------------------------------------------------

def write_sqlite(source: Store, rows: Iterable[dict[str, Any]], path: Path) -> int:
    """A fresh store at ``path`` holding ``rows`` (from ``source``), their earlier versions
    and the full-text index: a file ``scraper stats/search`` and Datasette open as they
    open the crawl's own. Built under a temporary name and renamed when complete, so a
    failed export never leaves half a database behind; an existing file is never replaced."""
    if path.exists():
        raise StoreError(f"{path}: already exists; the snapshot is written to a new file only")
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    count = 0
    try:
        with Store(partial) as target:
            iterator = iter(rows)
            while chunk := list(islice(iterator, BATCH_ROWS)):
                target.import_articles(chunk, source.article_versions(row["id"] for row in chunk))
                count += len(chunk)
        if path.exists():
            raise StoreError(f"{path}: appeared while the snapshot was written; left untouched")
        partial.rename(path)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return count
