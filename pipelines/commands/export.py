"""``scraper export``: the selected articles as JSON Lines, CSV, Parquet or a SQLite snapshot.

A thin layer: the filters become a :class:`pipelines.export.Selection`, the format and its
writer come from the registry, :mod:`pipelines.formats`.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import sys
from pathlib import Path

from pipelines import formats
from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.export import (
    Selection,
    selected,
)
from pipelines.options import add_date_range, add_db
from scraper.errors import InputError, StoreError
from scraper.filters.daterange import RangeError, parse_range
from scraper.filters.searchquery import check_query
from scraper.filters.textmatch import check_pattern
from scraper.store import Store
from scraper.store.target import missing_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="export articles as JSON Lines, CSV, Parquet or a SQLite file")
    parser.add_argument("--format", choices=formats.names("stored"), default="jsonl",
                        help=formats.help_text("stored", "jsonl"))
    parser.add_argument("--site", action="append", default=[], help="only this site (repeatable)")
    add_date_range(parser)
    parser.add_argument("--query", help="full-text query, as for `scraper search`")
    parser.add_argument("--match", action="append", default=[], type=_pattern, metavar="REGEX",
                        help="keep articles whose title or body matches (case-insensitive; repeatable: any of them)")
    parser.add_argument("--bom", action="store_true",
                        help=f"{_taking_bom()}: start with a UTF-8 byte-order mark (for spreadsheets)")
    parser.add_argument("-o", "--output", type=Path,
                        help=f"write to FILE instead of stdout (required for {', '.join(_to_file())})")
    add_db(parser)
    parser.set_defaults(func=run)


def _to_file() -> list[str]:
    return [name for name in formats.names("stored") if formats.get(name).to_file]


def _taking_bom() -> str:
    return " or ".join(name for name in formats.names("stored") if formats.get(name).bom)


def _pattern(text: str) -> str:
    try:
        return check_pattern(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    try:
        start, end = parse_range(args.since, args.until)
    except RangeError as exc:
        return _usage(str(exc))
    fmt = formats.get(args.format)
    if fmt.to_file and args.output is None:
        return _usage(f"--format {fmt.name} writes a file: give -o FILE")
    if args.bom and not fmt.bom:
        return _usage(f"--bom goes with --format {_taking_bom()}")
    try:
        check_query(args.query or "")
    except InputError as exc:
        return _usage(f"--query: {exc}")
    # The store's note that --query was searched as plain words goes to stderr, prefixed.
    logging.basicConfig(level=logging.WARNING, format="scraper export: %(message)s")
    if why := fmt.missing():
        print(f"scraper export: {why}", file=sys.stderr)
        return EXIT_ERROR
    if problem := missing_db(args.db):
        print(f"scraper export: {problem}", file=sys.stderr)
        return EXIT_ERROR
    selection = Selection(tuple(args.site), start, end, args.query, tuple(args.match))
    try:
        if unknown := _unknown_site(args.db, args.site):
            return _usage(unknown)
        count = _export(args, fmt, selection)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): not an error; pipelines.cli ends quietly
    except (StoreError, ValueError, OSError) as exc:
        print(f"scraper export: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"exported {count} articles", file=sys.stderr)
    return EXIT_OK


def _export(args: argparse.Namespace, fmt: formats.Format, selection: Selection) -> int:
    """A file format creates ``-o`` itself; a stream format gets stdout or ``-o`` opened as
    UTF-8 with no newline translation, whatever the locale."""
    with Store(args.db, readonly=True) as store:
        rows = selected(store, selection)
        if fmt.to_file:
            return fmt.write_stored(rows, formats.Target(store, path=args.output))
        if args.output is None:
            sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
            return fmt.write_stored(rows, formats.Target(store, stream=sys.stdout, bom=args.bom))
        with args.output.open("w", encoding="utf-8", newline="") as out:
            return fmt.write_stored(rows, formats.Target(store, stream=out, bom=args.bom))


def _unknown_site(db: str, names: list[str]) -> str | None:
    """Why a ``--site`` name is a mistake (as in ``crawl``: exit 2), or None. A name is known
    when a profile has it or articles are filed under it (a site crawled without a profile
    is filed under its host)."""
    if not names:
        return None
    from scraper.sites import all_profiles  # noqa: PLC0415 - the profiles only when --site is given

    with Store(db, readonly=True) as store:
        known = {p.name for p in all_profiles()} | store.stored_sites()
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=3)
            hint = f"did you mean {', '.join(close)}?" if close else "see `scraper sites` and `scraper stats`"
            return f"unknown site {name!r}: no profile and no article has it ({hint})"
    return None


def _usage(message: str) -> int:
    print(f"scraper export: {message}", file=sys.stderr)
    return EXIT_USAGE
