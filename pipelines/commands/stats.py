"""``scraper stats``: what the database holds and how the crawl is doing, at a glance.

Rich tables on a terminal, tab-separated plain text when piped (so ``grep``/``cut`` work),
``--json`` for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db
from scraper.errors import StoreError
from scraper.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("stats", help="articles per site and day, fallback share, failures, runs")
    add_db(parser)
    parser.add_argument("--days", type=int, default=14, help="days shown per day (default 14)")
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        with Store(args.db, readonly=True) as store:
            stats = store.stats(days=args.days)
    except StoreError as exc:
        print(f"scraper stats: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_stats(stats, sys.stdout)
    return EXIT_OK


#: (title, key in Store.stats(), columns shown)
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Totals", "totals", ("articles", "pages", "fetches", "versions")),
    ("Articles per site", "sites", ("site", "articles", "fallback", "fallback_share", "latest", "last_seen")),
    ("Articles per day (WIB)", "per_day", ("day", "site", "articles")),
    ("Fetch failures by kind", "failures", ("error_kind", "count", "last")),
    ("Last runs", "runs", ("id", "started_at", "status", "discovered", "new", "updated", "unchanged",
                           "not_article", "failed", "blocked")),
)


def print_stats(stats: dict[str, Any], out: TextIO) -> None:
    for title, key, columns in SECTIONS:
        rows = stats[key] if isinstance(stats[key], list) else [stats[key]]
        print_table(title, columns, rows, out)


def print_table(title: str, columns: Sequence[str], rows: list[dict[str, Any]], out: TextIO) -> None:
    """A rich table on a terminal, tab-separated text otherwise."""
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    if out.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(column)
        for line in cells:
            table.add_row(*line)
        Console(file=out).print(table)
        return
    print(f"# {title}", file=out)
    print("\t".join(columns), file=out)
    for line in cells:
        print("\t".join(line), file=out)
    print(file=out)
