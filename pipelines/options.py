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


def add_resolve(parser: argparse.ArgumentParser) -> None:
    """``--resolve HOST=ADDR:PORT`` (repeatable, ``*`` for every host)."""
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=ADDR:PORT",
        help="connect to ADDR:PORT over plain HTTP for HOST ('*' = all hosts); repeatable",
    )
