"""``scraper search QUERY``: full-text search (FTS5) with highlighted snippets."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.options import add_db
from scraper.errors import InputError, StoreError
from scraper.filters.searchquery import check_query
from scraper.store import Store

#: Markers the terminal output turns into bold; piped output gets **word**.
_OPEN, _CLOSE = "\x02", "\x03"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("search", help="full-text search over titles and bodies")
    parser.add_argument("query", help='FTS5 query: words, "a phrase", a OR b, prefix*')
    add_db(parser)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
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
            hits = store.search(args.query, limit=args.limit, highlight=(_OPEN, _CLOSE))
    except StoreError as exc:
        print(f"scraper search: {exc}", file=sys.stderr)
        return EXIT_ERROR
    tty = sys.stdout.isatty()
    for hit in hits:
        if args.json:
            hit["snippet"] = _plain(hit["snippet"])
            print(json.dumps(hit, ensure_ascii=False))
        elif tty:
            _print_rich(hit)
        else:
            print(f"{hit['published'] or '-'}\t{hit['site']}\t{hit['title']}\t{hit['url']}")
            print(f"    {_plain(hit['snippet'])}")
    if not hits and not args.json:
        print("no matches", file=sys.stderr)
    return EXIT_OK


def _plain(snippet: str | None) -> str:
    text = (snippet or "").replace(_OPEN, "**").replace(_CLOSE, "**")
    return " ".join(text.split())


def _print_rich(hit: dict) -> None:
    from rich.console import Console
    from rich.text import Text

    line = Text()
    line.append(f"{hit['published'] or '-'}  {hit['site']}  ", style="dim")
    line.append(hit["title"] or "", style="bold")
    line.append(f"\n{hit['url']}\n    ", style="cyan")
    for n, part in enumerate(" ".join((hit["snippet"] or "").split()).split(_OPEN)):
        marked, _, rest = part.partition(_CLOSE) if n else ("", "", part)
        line.append(marked, style="bold yellow")
        line.append(rest)
    Console().print(line)
