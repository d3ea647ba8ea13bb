"""``scraper dedupe``: file articles under stories so syndicated copies count once.

The crawl runs the same pass at the end of every run; this command is for databases
filled otherwise (``extract --db``, ``reextract``, an import, an older scraper) and for
``--rebuild`` after the threshold or the rules changed.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db
from scraper.dedupe.neardup import THRESHOLD
from scraper.dedupe.stories import dedupe
from scraper.errors import StoreError
from scraper.store import Store
from scraper.store.target import missing_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("dedupe", help="group syndicated copies of one story (near-duplicate text)")
    add_db(parser)
    parser.add_argument("--rebuild", action="store_true", help="forget every story and place all articles again")
    parser.add_argument("--threshold", type=_share, default=THRESHOLD,
                        help=f"Jaccard similarity of word 4-grams from which two texts are one story "
                             f"(default {THRESHOLD}; data/README.md has its precision and recall)")
    parser.set_defaults(func=run)


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"a similarity between 0 and 1, not {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    if problem := missing_db(args.db):
        print(f"scraper dedupe: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        with Store(args.db) as store:
            counts = dedupe(store, threshold=args.threshold, rebuild=args.rebuild)
    except StoreError as exc:
        print(f"scraper dedupe: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"checked={counts['checked']} copies={counts['copies']} new_stories={counts['stories']} "
          f"too_short={counts['short']}")
    return EXIT_OK
