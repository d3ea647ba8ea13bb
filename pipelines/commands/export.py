"""``scraper export``: articles as JSON Lines or CSV, streamed in constant memory."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db
from scraper.errors import StoreError
from scraper.store import Store

#: CSV columns, in order; lists (authors, editors, tags) are written as JSON text (lossless).
COLUMNS = (
    "id", "site", "url", "title", "published", "published_local", "published_raw", "updated",
    "authors", "editors", "tags", "section", "description", "image", "language", "body", "word_count",
    "extractor", "pages", "content_hash", "first_seen", "last_seen", "version",
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="export articles as JSON Lines or CSV")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--site", help="only this site")
    parser.add_argument("--since", type=date_or_time, help="published on/after (UTC date YYYY-MM-DD or ISO time)")
    parser.add_argument("--until", type=date_or_time,
                        help="published on/before (UTC date: the whole day; or ISO time)")
    parser.add_argument("-o", "--output", type=Path, help="write to FILE instead of stdout")
    add_db(parser)
    parser.set_defaults(func=run)


def date_or_time(text: str) -> str:
    """argparse ``type=`` for --since/--until: ``YYYY-MM-DD`` or an ISO 8601 time, checked at
    parse time so a typo is a usage error (exit 2), not a failed export (kept as text: the
    store turns it into a UTC bound)."""
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (YYYY-MM-DD) or ISO time (2025-03-13T08:00:00+07:00)"
        ) from None
    return text


def run(args: argparse.Namespace) -> int:
    try:
        with Store(args.db, readonly=True) as store:
            rows = store.iter_articles(site=args.site, since=args.since, until=args.until)
            if args.output:
                with args.output.open("w", encoding="utf-8", newline="") as out:
                    count = export(rows, args.format, out)
            else:
                count = export(rows, args.format, sys.stdout)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): not an error; pipelines.cli ends quietly
    except (StoreError, ValueError, OSError) as exc:
        print(f"scraper export: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"exported {count} articles", file=sys.stderr)
    return EXIT_OK


def export(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write ``rows`` one at a time (never all in memory); returns how many."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            for key in ("authors", "editors", "tags"):
                row[key] = json.dumps(row[key], ensure_ascii=False)
            writer.writerow(row)
            count += 1
        return count
    for row in rows:
        out.write(json.dumps({k: row[k] for k in COLUMNS}, ensure_ascii=False) + "\n")
        count += 1
    return count
