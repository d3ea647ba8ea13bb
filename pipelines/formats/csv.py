"""CSV for ``scraper export``: a header row of the store's columns, then one row per
article; the lists (authors, editors, tags) as JSON text, so nothing is lost. ``--bom``
starts the file with a UTF-8 byte-order mark: spreadsheet programs then read it as UTF-8
instead of the system code page, and “kutipan” or "é" survive."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any

from pipelines.formats import Format, Target


def write_stored(rows: Iterable[dict[str, Any]], target: Target) -> int:
    from scraper.store.columns import EXPORTED, JSON_LISTS  # noqa: PLC0415 - see pipelines.formats: nothing heavy at load

    out, count = target.text(), 0
    if target.bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=EXPORTED, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in JSON_LISTS else v for k, v in row.items()})
        count += 1
    return count


FORMAT = Format("csv", "CSV with a header row; lists as JSON text", stored=write_stored, bom=True)
