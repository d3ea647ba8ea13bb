"""``scraper stats``: what the database holds and how the crawl is doing, at a glance.

Rich tables on a terminal (like ``crawl`` and ``sites``), sized to fit it; tab-separated
plain text when piped or with ``--plain`` (so ``grep``/``cut`` work); ``--json`` for scripts.
A database whose articles are all older than ``--days`` (an archive, the demo) shows the
latest days that have articles instead of an empty per-day table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db
from scraper.errors import StoreError
from scraper.store import Store

_UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("stats", help="articles per site and day, fallback share, failures, runs")
    add_db(parser)
    parser.add_argument("--days", type=int, default=14, help="days shown per day (default 14)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    output.add_argument("--plain", action="store_true",
                        help="tab-separated text even on a terminal (the form used when piped)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        with Store(args.db, readonly=True) as store:
            stats = store.stats(days=args.days)
            _show_dead_runs(stats["runs"], store.dead_runs())
            _show_running_parts(stats["runs"], store)
            if not stats["per_day"]:
                stats["latest_days"] = store.latest_days(args.days)
            parked = _parked(store)
            if parked is not None:
                stats["parked"] = parked
    except StoreError as exc:
        print(f"scraper stats: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_stats(stats, sys.stdout, days=args.days, rich=sys.stdout.isatty() and not args.plain)
    return EXIT_OK


def _show_dead_runs(runs: list[dict[str, Any]], dead: list[dict[str, Any]]) -> None:
    """Show a run whose crawl process is gone as ``interrupted``, with the articles it
    stored (stats opens the store read-only: the next crawl records it so)."""
    found = {run["id"]: run for run in dead}
    for run in runs:
        if run["id"] in found:
            run.update(status="interrupted", new=found[run["id"]]["new"])


def _show_running_parts(runs: list[dict[str, Any]], store: Store) -> None:
    """A distributed run still going has no counts in ``runs`` until its end: show what its
    tasks have recorded so far (``run_parts``, the store's one truth for it)."""
    running = [run for run in runs if run["status"] == "running"]
    if not running:
        return
    from pipelines.crawl import stored_report  # noqa: PLC0415 - only a running run needs the crawl's report

    for run in running:
        report = stored_report(store, run["id"])
        if report.sites:
            totals = report.totals()
            run.update({key: totals[key] for key in ("discovered", "new", "updated", "unchanged", "not_article",
                                                      "failed", "blocked")})


def _parked(store: Store) -> list[dict[str, Any]] | None:
    """The store's dead-letter list when this machine is set up for distributed crawls
    (``$SCRAPER_REDIS`` or ``$SCRAPER_BROKER`` set, the extra installed), else None."""
    if not (os.environ.get("SCRAPER_REDIS") or os.environ.get("SCRAPER_BROKER")):
        return None
    try:
        from pipelines.distributed.enqueue import parked_tasks  # noqa: PLC0415 - the optional extra
    except ImportError:
        return None
    try:
        return parked_tasks(store)
    except Exception as exc:  # noqa: BLE001 - the store's numbers stand without it
        print(f"scraper stats: cannot read the dead-letter list: {' '.join(str(exc).split())}", file=sys.stderr)
        return None


def sections(stats: dict[str, Any], days: int) -> Iterator[tuple[str, Sequence[str], list[dict[str, Any]]]]:
    """(title, columns, rows) of each table, in order."""
    yield "Totals", ("articles", "pages", "fetches", "versions"), [stats["totals"]]
    yield ("Articles per site", ("site", "articles", "fallback", "fallback_share", "latest", "last_seen"),
           stats["sites"])
    if stats["per_day"] or not stats.get("latest_days"):
        yield f"Articles per day (WIB), last {days} days", ("day", "site", "articles"), stats["per_day"]
    else:
        yield (f"No articles published in the last {days} days; the latest {days} days with articles (WIB)",
               ("day", "site", "articles"), stats["latest_days"])
    yield "Articles per section per site", ("site", "section", "subsection", "articles"), stats["sections"]
    yield "Fetch failures by kind", ("error_kind", "count", "last"), stats["failures"]
    yield ("Last runs", ("id", "started_at", "status", "discovered", "new", "updated", "unchanged",
                         "not_article", "failed", "blocked"), stats["runs"])
    if "parked" in stats:
        yield "Parked distributed tasks (dead letters)", ("run", "task", "site", "reason"), stats["parked"]


def print_stats(stats: dict[str, Any], out: TextIO, *, days: int = 14, rich: bool = False) -> None:
    for title, columns, rows in sections(stats, days):
        if rich:
            print_rich_table(title, columns, rows, out)
        else:
            print_plain_table(title, columns, rows, out)
    if rich:
        out.write("Times are UTC; days are WIB (UTC+7).\n")


def print_plain_table(title: str, columns: Sequence[str], rows: list[dict[str, Any]], out: TextIO) -> None:
    """``# title``, a header line, one tab-separated line per row, a blank line."""
    print(f"# {title}", file=out)
    print("\t".join(columns), file=out)
    for row in rows:
        print("\t".join("" if row.get(c) is None else str(row.get(c)) for c in columns), file=out)
    print(file=out)


def _cell(column: str, value: Any) -> str:
    """Terminal form of a value: shares as percentages, UTC times without seconds."""
    if value is None:
        return "-"
    if column == "fallback_share":
        return f"{float(value):.0%}"
    if isinstance(value, str) and _UTC_TIME.fullmatch(value):
        return f"{value[:10]} {value[11:16]}"
    return str(value)


#: Shorter headers on a terminal, so the widest table (last runs) fits 80 columns.
LABELS = {"fallback_share": "fallback %", "last_seen": "last seen", "error_kind": "error", "started_at": "started",
          "discovered": "found", "not_article": "not art."}


def print_rich_table(title: str, columns: Sequence[str], rows: list[dict[str, Any]], out: TextIO) -> None:
    """A rich table like ``crawl``'s summary: numbers right-aligned, one space between
    columns (the box's divider), and cells that fold rather than end in "…" when narrow."""
    from rich import box  # noqa: PLC0415 - only the terminal form needs rich
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    console = Console(file=out)
    # The title goes above the table, not in it: a table is as wide as its columns and would
    # wrap a long title into a narrow column of words.
    console.print(title, style="italic", highlight=False)
    table = Table(box=box.SIMPLE_HEAVY, padding=0, caption="(none)" if not rows else None)
    cells = [[_cell(c, row.get(c)) for c in columns] for row in rows]
    for n, column in enumerate(columns):
        numeric = bool(cells) and all(line[n] == "-" or line[n].rstrip("%").isdigit() for line in cells)
        table.add_column(LABELS.get(column, column), justify="right" if numeric else "left", overflow="fold")
    for line in cells:
        table.add_row(*line)
    console.print(table)
