"""``scraper migrate``: bring an existing database's schema up to date, and nothing else.

Why a command of its own: the reading commands (explore, stats, search, export) never
write, so a database from an older scraper needs one explicit writing step before they
open it. crawl and reextract migrate on their own, but they also fetch or re-extract.
On PostgreSQL it is also how a new, empty database gets the scraper's tables
(``createdb news`` then ``scraper migrate --db postgresql://.../news``).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db
from scraper.errors import StoreError
from scraper.store import Store
from scraper.store.migrations import SCHEMA_VERSION, check_ours
from scraper.store.target import missing_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("migrate", help="upgrade an existing database's schema (the only change it makes)")
    add_db(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problem = missing_db(args.db)
    if problem:
        print(f"scraper migrate: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        if isinstance(args.db, Path):
            _check_sqlite(args.db)  # a foreign SQLite file is refused before it is opened for writing
        with Store(args.db) as store:  # opening for writing applies the missing migrations
            before, where = store.backend.found_version, store.where
    except (StoreError, sqlite3.Error) as exc:
        print(f"scraper migrate: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if before == SCHEMA_VERSION:
        print(f"{where}: schema version {SCHEMA_VERSION}, already up to date")
    else:
        print(f"{where}: schema version {before} -> {SCHEMA_VERSION}")
    return EXIT_OK


def _check_sqlite(db: Path) -> int:
    """The schema version, read without writing; a foreign SQLite file is refused."""
    conn = sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True)
    try:
        return check_ours(conn, str(db))
    finally:
        conn.close()
