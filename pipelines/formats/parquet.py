"""Parquet for ``scraper export`` (the optional ``[parquet]`` extra: pyarrow), written to a
file, ``BATCH_ROWS`` per row group: the lists are ``list<string>``; ``published``,
``updated``, ``first_seen`` and ``last_seen`` are UTC timestamps (pandas reads them as
datetimes), and an ``updated`` the page wrote in a form we could not read is null here
(the database and the text formats keep its text)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from pipelines.formats import Format, Target

#: The columns that are UTC times in the store, timestamps in Parquet.
_TIMES = ("published", "updated", "first_seen", "last_seen")


def missing() -> str | None:
    """Why Parquet cannot be written here (pyarrow is an optional extra), or None."""
    try:
        import pyarrow  # noqa: F401, PLC0415
        import pyarrow.parquet  # noqa: F401, PLC0415
    except ImportError:
        return "--format parquet needs pyarrow: pip install 'indonews-scraper[parquet]'"
    return None


def _schema() -> Any:
    import pyarrow as pa  # noqa: PLC0415

    from scraper.store.columns import EXPORTED, JSON_LISTS  # noqa: PLC0415 - see pipelines.formats: nothing heavy at load

    moment = pa.timestamp("s", tz="UTC")
    types = {"id": pa.int64(), "word_count": pa.int64(), "pages": pa.int64(), "version": pa.int64(),
             "story_id": pa.int64(), "duplicate_of": pa.int64(),
             **dict.fromkeys(_TIMES, moment)}
    return pa.schema([(name, pa.list_(pa.string()) if name in JSON_LISTS else types.get(name, pa.string()))
                      for name in EXPORTED])


def _utc(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC) if value else None


def _utc_or_none(value: str | None) -> datetime | None:
    """``updated`` is the store's UTC time when the page's date was readable, else the page's
    own text (kept in the database and the text formats); a timestamp column holds no text."""
    try:
        return _utc(value)
    except ValueError:
        return None


def _cell(name: str, value: Any) -> Any:
    if name == "updated":
        return _utc_or_none(value)
    return _utc(value) if name in _TIMES else value


def write_stored(rows: Iterable[dict[str, Any]], target: Target) -> int:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    from pipelines.export import BATCH_ROWS  # noqa: PLC0415
    from scraper.store.columns import EXPORTED  # noqa: PLC0415

    schema = _schema()
    count = 0
    with pq.ParquetWriter(str(target.file()), schema, compression="zstd") as writer:
        iterator = iter(rows)
        while chunk := list(islice(iterator, BATCH_ROWS)):
            columns = {name: [_cell(name, row[name]) for row in chunk] for name in EXPORTED}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            count += len(chunk)
    return count


FORMAT = Format("parquet", "Parquet, to a file: typed columns, UTC timestamps (the [parquet] extra)",
                stored=write_stored, to_file=True, missing=missing, note="needs the [parquet] extra")
