"""``scraper extract TARGET...``: the one-off extraction command (contract in the README)."""

from __future__ import annotations

import argparse
import sys

from pipelines import formats
from pipelines.exits import EXIT_ERROR, EXIT_NOT_ARTICLE, EXIT_OK, EXIT_USAGE
from pipelines.extract_one import Outcome, extract_file, extract_url, is_url
from pipelines.options import add_deadline, add_resolve
from scraper.article import Article
from scraper.errors import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("extract", help="extract the article of URLs or saved HTML files")
    parser.add_argument("targets", nargs="+", metavar="TARGET", help="URL, saved HTML file, or - for stdin")
    parser.add_argument("--url", help="the page's address, for a file or stdin")
    parser.add_argument("--format", choices=formats.names("extracted"), default="json",
                        help=formats.help_text("extracted", "json"))
    parser.add_argument("--db", default=None, metavar="PATH|DSN",
                        help="also store the articles (and raw pages) in this database (SQLite file or postgresql:// DSN)")
    parser.add_argument("--no-profiles", action="store_true", help="use the generic path only (for evaluation)")
    parser.add_argument("--allow-private", action="store_true", help="allow URLs on private/loopback addresses")
    add_resolve(parser)
    add_deadline(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.url and len(args.targets) > 1:
        print("scraper extract: --url goes with a single TARGET", file=sys.stderr)
        return EXIT_USAGE
    outcomes = [_one(target, args) for target in args.targets]
    articles = [article for article, _ in outcomes]
    formats.get(args.format).write_extracted(articles, sys.stdout)
    for article in articles:
        if article.status == "error":
            print(f"scraper extract: {article.error}", file=sys.stderr)
    if args.db and not _store(args.db, outcomes):
        return EXIT_ERROR
    return _exit_status(articles)


def _one(target: str, args: argparse.Namespace) -> Outcome:
    if is_url(target):
        return extract_url(target, resolve=args.resolve, allow_private=args.allow_private,
                           use_profiles=not args.no_profiles, deadline=args.deadline)
    return extract_file(target, args.url, use_profiles=not args.no_profiles)


def _store(db: str, outcomes: list[Outcome]) -> bool:
    from scraper.store import Store  # noqa: PLC0415 - only with --db

    try:
        with Store(db) as store:
            for article, pages in outcomes:
                if pages and article.status != "error":
                    store.save_article(article, pages=pages)
    except StoreError as exc:
        print(f"scraper extract: {exc}", file=sys.stderr)
        return False
    return True


def _exit_status(articles: list[Article]) -> int:
    if any(a.status == "error" for a in articles):
        return EXIT_ERROR
    if articles and all(a.status == "not_article" for a in articles):
        return EXIT_NOT_ARTICLE
    return EXIT_OK
