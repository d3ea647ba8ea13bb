"""A SQLite snapshot for ``scraper export``: a fresh store holding the selected articles,
their earlier versions and the full-text index (no raw pages), a file ``scraper
stats/search`` and Datasette open as they open the crawl's own. It is written through the
Store's read and import API, not by copying the file, so the same code turns a PostgreSQL
store into a SQLite file. Built under a temporary name and renamed when complete, so a
failed export never leaves half a database behind; an existing file is never replaced."""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import islice
from typing import Any

from pipelines.formats import Format, Target
from scraper.errors import StoreError


def write_stored(rows: Iterable[dict[str, Any]], target: Target) -> int:
    from pipelines.export import BATCH_ROWS  # noqa: PLC0415 - see pipelines.formats: nothing heavy at load
    from scraper.store import Store  # noqa: PLC0415

    path = target.file()
    if path.exists():
        raise StoreError(f"{path}: already exists; the snapshot is written to a new file only")
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    count = 0
    try:
        with Store(partial) as snapshot:
            iterator = iter(rows)
            while chunk := list(islice(iterator, BATCH_ROWS)):
                snapshot.import_articles(chunk, target.source.article_versions(row["id"] for row in chunk))
                count += len(chunk)
        if path.exists():
            raise StoreError(f"{path}: appeared while the snapshot was written; left untouched")
        partial.rename(path)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return count


FORMAT = Format("sqlite", "a new SQLite store file: the articles, their versions, the full-text index",
                stored=write_stored, to_file=True, note="-o a new file")
