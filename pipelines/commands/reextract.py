"""``scraper reextract``: run the current extractor again over the archived raw pages
(see :mod:`pipelines.reextract`)."""

from __future__ import annotations

import argparse
import sys

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db, add_distributed, add_workers
from pipelines.reextract import RESULTS, reextract_archive
from scraper.errors import StoreError
from scraper.store import Store
from scraper.store.target import missing_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reextract", help="re-run extraction over stored raw pages")
    parser.add_argument("--site", help="only pages of this site")
    add_workers(parser)
    add_db(parser)
    add_distributed(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problem = missing_db(args.db)  # re-processes what a crawl stored: never a new, empty file
    if problem:
        print(f"scraper reextract: {problem}", file=sys.stderr)
        return EXIT_ERROR
    if args.distributed:
        return _distributed(args)
    try:
        with Store(args.db) as store:
            counts = reextract_archive(store, site=args.site, workers=args.workers)
    except StoreError as exc:
        print(f"scraper reextract: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(" ".join(f"{key}={counts[key]}" for key in ("pages", *RESULTS)))
    return EXIT_OK


def _distributed(args: argparse.Namespace) -> int:
    try:
        from pipelines.distributed.enqueue import enqueue_reextract, wait  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        print(f"scraper reextract: --distributed needs pip install '.[distributed]' ({exc.name} is missing)",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        job, documents = enqueue_reextract(str(args.db), args.site, broker=args.broker)
    except (ValueError, OSError, StoreError) as exc:
        print(f"scraper reextract: cannot enqueue: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{documents} documents enqueued", flush=True)
    if args.wait:
        counts = wait(job, str(args.db), broker=args.broker).get("reextract", {})
        print(" ".join(f"{key}={counts.get(key, 0)}" for key in ("pages", *RESULTS)))
    return EXIT_OK
