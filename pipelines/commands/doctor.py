"""``scraper doctor``: sites whose extraction got worse than their own recent history.

Reads the per-run fill rates the crawl stores (``run_sites``) and applies the layout-drift
canary (:mod:`pipelines.drift`) to each site's latest run. Exit status: 0 when no site is
flagged, 1 when one is (so a cron job or CI can alert), 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.drift import drift
from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db, missing_db
from scraper.errors import StoreError
from scraper.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("doctor", help="flag sites whose extraction got worse than their recent runs")
    add_db(parser)
    parser.add_argument("--runs", type=int, default=10, metavar="N", help="compare with the N runs before (default 10)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problem = missing_db(args.db)
    if problem:
        print(f"scraper doctor: {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        with Store(args.db, readonly=True) as store:
            runs = store.site_runs(limit=args.runs + 1)
    except StoreError as exc:
        print(f"scraper doctor: {exc}", file=sys.stderr)
        return EXIT_ERROR
    findings = {site: drift(history[0], history[1:]) for site, history in runs.items()}
    flagged = {site: found for site, found in findings.items() if found}
    if args.json:
        print(json.dumps({"flagged": flagged, "sites": len(findings)}, ensure_ascii=False, indent=2))
    elif not findings:
        print("no crawl runs with articles recorded yet")
    else:
        for site, found in sorted(flagged.items()):
            print(f"{site}: {'; '.join(found)}")
        print(f"{len(flagged)} of {len(findings)} sites worse than their recent runs")
    return EXIT_ERROR if flagged else EXIT_OK
