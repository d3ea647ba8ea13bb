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
from pipelines.options import add_db
from scraper.article import Article
from scraper.errors import StoreError
from scraper.page import PageRecord
from scraper.store import Store

Extract = Callable[[list[PageRecord]], Article]  # scraper.extract.extract_pages


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reextract", help="re-run extraction over stored raw pages")
    parser.add_argument("--site", help="only pages of this site")
    add_db(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scraper.extract import extract_pages  # lazy: the extractor is heavy to import

    try:
        with Store(args.db) as store:
            counts = reextract(store, extract=extract_pages, site=args.site)
    except StoreError as exc:
        print(f"scraper reextract: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(" ".join(f"{key}={counts[key]}" for key in ("pages", *RESULTS)))
    return EXIT_OK


RESULTS = ("new", "updated", "unchanged", "not_article", "incomplete", "error")


def reextract(store: Store, *, extract: Extract, site: str | None = None) -> Counter[str]:
    """Re-extract every archived document (each URL's latest page with its later pages)
    of ``site`` and save the result.

    ``extract`` is ``scraper.extract.extract_pages`` in production. A multi-page article
    whose later pages are not all archived is left as it is ("incomplete"): re-reading
    page 1 alone would cut its text. Returns counts: pages, new, updated, unchanged,
    not_article, incomplete, error.
    """
    counts: Counter[str] = Counter({key: 0 for key in ("pages", *RESULTS)})
    for pages in store.iter_documents(site=site):
        counts["pages"] += len(pages)
        article = extract(pages)
        if article.next_page:
            counts["incomplete"] += 1
            continue
        if article.status != "ok":
            counts[article.status] += 1
            continue
        # seen as of the page's fetch: re-extraction never moves last_seen forward
        counts[store.save_article(article, pages=pages, seen_at=pages[0].fetched_at)] += 1
    return counts
