"""``scraper report``: the dashboard's charts as one self-contained HTML file, and a PNG.

Coverage, volume, extraction health, top stories and (with ``--term``) a term's trend, for
readers who run no server. SQLite only, read-only, like ``explore``; the work is in
pipelines/report.py, imported when the command runs (it brings vl-convert).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.options import DB_ENV, DEFAULT_DB, db_target


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="charts of coverage, volume, health and stories as one HTML file")
    parser.add_argument("--db", type=db_target, default=None,
                        help=f"SQLite database (default: ${DB_ENV}, else {DEFAULT_DB}, else data/demo.db)")
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"),
                        help="the HTML file written (default report.html)")
    parser.add_argument("--term", help="also chart this word or phrase's mentions per site per day")
    parser.add_argument("--png", type=Path, help="also write every chart stacked in one PNG (for a README)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.commands.explore import check_database, default_database, default_database_target
    from pipelines.report import ReportError, write_report
    from scraper.errors import StoreError

    target = args.db or default_database_target()
    if isinstance(target, str):
        print("scraper report: reads a SQLite file; make a snapshot of PostgreSQL first: "
              "scraper export --db DSN --format sqlite -o snapshot.db", file=sys.stderr)
        return EXIT_USAGE
    try:
        db = target or default_database("report")
        check_database(db)
        drawn = write_report(db, args.output, term=args.term, png=args.png)
    except (StoreError, ReportError, OSError) as exc:
        print(f"scraper report: {exc}", file=sys.stderr)
        return EXIT_ERROR
    size = args.output.stat().st_size
    print(f"{args.output}: {size / 1024:,.0f} KiB, self-contained (opens offline); database {db}")
    for item in drawn:
        print(f"  {item.chart.title:<20} {'drawn' if item.spec else item.note}")
    if args.png:
        print(f"{args.png}: {args.png.stat().st_size / 1024:,.0f} KiB")
    return EXIT_OK
