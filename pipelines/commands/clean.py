"""``scraper clean [FILE|-]``: the boilerplate filter on plain text."""

from __future__ import annotations

import argparse
import sys

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.extract_one import read_target
from scraper.errors import InputError
from scraper.extract.boilerplate import clean_text
from scraper.extract.htmlinput import decode_text


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("clean", help="keep only the story paragraphs of plain text")
    parser.add_argument("file", nargs="?", default="-", help="text file, or - for stdin (default)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        text = decode_text(read_target(args.file))
    except InputError as exc:
        print(f"scraper clean: {exc}", file=sys.stderr)
        return EXIT_ERROR
    cleaned = clean_text(text)
    if cleaned:
        sys.stdout.write(cleaned + "\n")
    return EXIT_OK
