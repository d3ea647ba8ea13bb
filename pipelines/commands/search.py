"""``scraper search QUERY``: full-text search (FTS5) with highlighted snippets."""

from __future__ import annotations

import argparse
import logging
import sys

from pipelines import formats
from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.options import add_db
from scraper.errors import InputError, StoreError
from scraper.filters.searchquery import check_query
from scraper.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("search", help="full-text search over titles and bodies")
    parser.add_argument("query", help='FTS5 query: words, "a phrase", a OR b, prefix*')
    add_db(parser)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--format", choices=formats.names("hits"), default="text",
                        help=formats.help_text("hits", "text"))
    parser.add_argument("--json", dest="format", action="store_const", const="jsonl",
                        help="one JSON object per line (--format jsonl)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The store's note that a query was searched as plain words goes to stderr, prefixed.
    logging.basicConfig(level=logging.WARNING, format="scraper search: %(message)s")
    try:
        check_query(args.query)
    except InputError as exc:
        print(f"scraper search: {exc}; narrow it down (fewer words, fewer word* prefixes)", file=sys.stderr)
        return EXIT_USAGE
    try:
        with Store(args.db, readonly=True) as store:
            hits = store.search(args.query, limit=args.limit, highlight=formats.HIGHLIGHT)
    except StoreError as exc:
        print(f"scraper search: {exc}", file=sys.stderr)
        return EXIT_ERROR
    formats.get(args.format).write_hits(hits, sys.stdout)
    return EXIT_OK
