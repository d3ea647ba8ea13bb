"""Options shared by several subcommands, defined once."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from scraper.errors import InputError

DEFAULT_DB = Path("data/articles.db")
DB_ENV = "SCRAPER_DB"


def db_target(text: str) -> Path | str:
    """argparse ``type=`` for ``--db``: a ``postgresql://`` DSN stays a string (it is
    never a file name), anything else is a SQLite path."""
    from scraper.store.target import parse_target  # the store's imports are the command's to pay, not --help's

    return parse_target(text)


def default_db() -> Path | str:
    """``$SCRAPER_DB`` when set (a path or a DSN), else ``data/articles.db``."""
    return db_target(os.environ.get(DB_ENV) or str(DEFAULT_DB))


def add_db(parser: argparse.ArgumentParser, *, required_default: bool = True) -> None:
    """``--db PATH|DSN``; with ``required_default=False`` the default is None (no store)."""
    parser.add_argument(
        "--db",
        type=db_target,
        default=default_db() if required_default else None,
        metavar="PATH|DSN",
        help=f"SQLite database file or postgresql://user@host/dbname (default: ${DB_ENV} or {DEFAULT_DB})",
    )


def resolve_spec(text: str) -> str:
    """argparse ``type=`` for ``--resolve``: a malformed spec is a usage error (exit 2)
    at parse time, for every command that takes the option, before any work starts.
    The string itself is kept: the commands hand the list on to the fetcher."""
    from scraper.fetch.resolve import parse_resolve  # noqa: PLC0415 - httpx only when --resolve is given

    try:
        parse_resolve([text])
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def positive_int(text: str) -> int:
    """argparse type: a whole number >= 1 (a bad value is a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_seconds(text: str) -> float:
    """argparse type: a number of seconds > 0 (a bad value is a usage error, exit 2)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {text!r}")
    return value


def add_deadline(parser: argparse.ArgumentParser) -> None:
    """``--deadline SECONDS``: one article's total time on the network (crawl, extract)."""
    parser.add_argument("--deadline", type=positive_seconds, default=None, metavar="SECONDS",
                        help="give up an article after this long on the network in total: robots.txt, every page, "
                        "AMP/payload documents, retries and back-off (default 30; failure kind 'deadline')")


def add_workers(parser: argparse.ArgumentParser) -> None:
    """``--workers N``: extraction processes (crawl, reextract)."""
    parser.add_argument("--workers", type=positive_int, default=None, metavar="N",
                        help="extraction processes (default: one per core; 1 = in this process)")


def add_distributed(parser: argparse.ArgumentParser) -> None:
    """``--distributed``, ``--broker``, ``--wait``: enqueue the work for ``scraper worker``s."""
    group = parser.add_argument_group("scale-out (needs pip install '.[distributed]')")
    group.add_argument("--distributed", action="store_true",
                       help="enqueue the work on the broker for `scraper worker` processes instead of doing it here")
    group.add_argument("--broker", default=None, metavar="URL",
                       help="Celery broker (default: $SCRAPER_BROKER, else redis://127.0.0.1:6379/0)")
    group.add_argument("--wait", action="store_true", help="with --distributed: wait until the work is done")


def add_resolve(parser: argparse.ArgumentParser) -> None:
    """``--resolve HOST=ADDR:PORT`` (repeatable, ``*`` for every host)."""
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        type=resolve_spec,
        metavar="HOST=ADDR:PORT",
        help="connect to ADDR:PORT over plain HTTP for HOST ('*' = all hosts); repeatable",
    )


def range_bound(text: str) -> str:
    """argparse ``type=`` for ``--since``/``--until``: any form :mod:`scraper.filters.daterange`
    reads (2025-03-01, 2025-03, 30d, an ISO time), checked at parse time so a typo is a usage
    error (exit 2). The text is kept: the command turns the pair into one UTC range."""
    from scraper.filters.daterange import RangeError, parse_bound  # noqa: PLC0415

    try:
        parse_bound(text)
    except RangeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def add_date_range(parser: argparse.ArgumentParser, what: str = "published") -> None:
    """``--since`` / ``--until`` with the forms of :mod:`scraper.filters.daterange`."""
    parser.add_argument("--since", type=range_bound, metavar="WHEN",
                        help=f"{what} on/after: 2025-03-01, 2025-03 (the month), 30d (the last 30 days), "
                             "or an ISO time; dates are UTC")
    parser.add_argument("--until", type=range_bound, metavar="WHEN",
                        help=f"{what} on/before: a date or month includes all of it; or an ISO time")
