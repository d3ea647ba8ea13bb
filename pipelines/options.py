"""Options shared by several subcommands, defined once."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

DEFAULT_DB = Path("data/articles.db")
DB_ENV = "SCRAPER_DB"


def default_db() -> Path:
    """``$SCRAPER_DB`` when set, else ``data/articles.db``."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def add_db(parser: argparse.ArgumentParser, *, required_default: bool = True) -> None:
    """``--db PATH``; with ``required_default=False`` the default is None (no store)."""
    parser.add_argument(
        "--db",
        type=Path,
        default=default_db() if required_default else None,
        help=f"SQLite database (default: ${DB_ENV} or {DEFAULT_DB})",
    )


def missing_db(path: Path) -> str | None:
    """Why ``path`` cannot be an existing database, or None when it is a file.

    Commands that only read or re-process a database (reextract, stats, search, export,
    explore, migrate) call this first: opening SQLite on a mistyped path would create an
    empty database there and report "0 articles" instead of the typo.
    """
    if path.is_file():
        return None
    if path.exists():
        return f"{path}: not a database file"
    return f"{path}: no such database (check --db; `scraper crawl --db {path}` creates one)"


def add_resolve(parser: argparse.ArgumentParser) -> None:
    """``--resolve HOST=ADDR:PORT`` (repeatable, ``*`` for every host)."""
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=ADDR:PORT",
        help="connect to ADDR:PORT over plain HTTP for HOST ('*' = all hosts); repeatable",
    )
