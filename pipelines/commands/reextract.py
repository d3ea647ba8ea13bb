"""``scraper reextract``: run the current extractor again over the archived raw pages.

Why: when a site profile or the boilerplate filter improves, the stored articles can be
refreshed without fetching anything. Changed articles get a new version (the old text
stays in ``article_versions``); unchanged ones are left as they are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable

from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db, missing_db
from scraper.article import Article
from scraper.errors import StoreError
from scraper.store import Store

Extract = Callable[..., Article]  # extract_html(body, url, *, fetched_at=...) -> Article


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reextract", help="re-run extraction over stored raw pages")
    parser.add_argument("--site", help="only pages of this site")
    add_db(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scraper.extract import extract_html  # lazy: the extractor is heavy to import

    problem = missing_db(args.db)  # re-processes what a crawl stored: never a new, empty file
    if problem:
        print(f"scraper reextract: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        with Store(args.db) as store:
            counts = reextract(store, extract=extract_html, site=args.site)
    except StoreError as exc:
        print(f"scraper reextract: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(" ".join(f"{key}={counts[key]}" for key in ("pages", *RESULTS)))
    return EXIT_OK


RESULTS = ("new", "updated", "unchanged", "not_article", "error")


def reextract(store: Store, *, extract: Extract, site: str | None = None) -> Counter[str]:
    """Re-extract the latest stored page of every URL (of ``site``) and save the result.

    ``extract`` is ``scraper.extract.extract_html`` in production and a small fake in
    tests. Returns counts: pages, new, updated, unchanged, not_article, error.
    """
    counts: Counter[str] = Counter({key: 0 for key in ("pages", *RESULTS)})
    for page in store.iter_pages(site=site):
        counts["pages"] += 1
        article = extract(page.body, page.final_url, fetched_at=page.fetched_at)
        if article.status != "ok":
            counts[article.status] += 1
            continue
        # seen as of the page's fetch: re-extraction never moves last_seen forward
        counts[store.save_article(article, page=page, seen_at=page.fetched_at)] += 1
    return counts
