"""``scraper extract TARGET...``: the one-off extraction command (contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import sys

from pipelines.exits import EXIT_ERROR, EXIT_NOT_ARTICLE, EXIT_OK, EXIT_USAGE
from pipelines.extract_one import extract_file, is_url
from pipelines.options import add_resolve
from pipelines.output import FORMATS, write
from scraper.article import Article


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("extract", help="extract the article of URLs or saved HTML files")
    parser.add_argument("targets", nargs="+", metavar="TARGET", help="URL, saved HTML file, or - for stdin")
    parser.add_argument("--url", help="the page's address, for a file or stdin")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--db", default=None, help="also store the articles in this SQLite database")
    parser.add_argument("--no-profiles", action="store_true", help="use the generic path only (for evaluation)")
    parser.add_argument("--allow-private", action="store_true", help="allow URLs on private/loopback addresses")
    add_resolve(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.url and len(args.targets) > 1:
        print("scraper extract: --url goes with a single TARGET", file=sys.stderr)
        return EXIT_USAGE
    articles = [_one(target, args) for target in args.targets]
    write(articles, args.format, sys.stdout)
    for article in articles:
        if article.status == "error":
            print(f"scraper extract: {article.error}", file=sys.stderr)
    return _exit_status(articles)


def _one(target: str, args: argparse.Namespace) -> Article:
    if is_url(target):
        from pipelines.extract_url import extract_url  # noqa: PLC0415 - needs the fetcher

        return extract_url(target, resolve=args.resolve, allow_private=args.allow_private,
                           use_profiles=not args.no_profiles, db=args.db)
    article = extract_file(target, args.url, use_profiles=not args.no_profiles)
    if args.db:
        from pipelines.store_one import store_article  # noqa: PLC0415

        store_article(args.db, article, target, args.url)
    return article


def _exit_status(articles: list[Article]) -> int:
    if any(a.status == "error" for a in articles):
        return EXIT_ERROR
    if articles and all(a.status == "not_article" for a in articles):
        return EXIT_NOT_ARTICLE
    return EXIT_OK
