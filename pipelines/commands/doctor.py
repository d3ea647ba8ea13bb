"""``scraper doctor``: sites whose extraction got worse than their own recent history.

Reads the per-run fill rates the crawl stores (``run_sites``) and applies the layout-drift
canary (:mod:`pipelines.drift`) to each site's latest run. Exit status: 0 when no site is
flagged, 1 when one is (so a cron job or CI can alert), 2 for bad usage.

``scraper doctor --live`` asks the sites themselves instead (:mod:`pipelines.probe`): one
polite request per capability (feed, sitemap, today's archive page, a search, one
article), a table or ``--format json``, the answers kept in the store; exit 1 when a
capability that worked before no longer does. ``--every 1d`` repeats it.
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.drift import drift
from pipelines.exits import EXIT_ERROR, EXIT_OK
from pipelines.options import add_db, add_resolve
from scraper.errors import StoreError
from scraper.store import Store
from scraper.store.target import missing_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("doctor", help="flag sites whose extraction got worse than their recent runs")
    add_db(parser)
    parser.add_argument("--runs", type=int, default=10, metavar="N", help="compare with the N runs before (default 10)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    live = parser.add_argument_group("live: ask the sites which capabilities answer today")
    live.add_argument("--live", action="store_true",
                      help="probe each site's feed, sitemap, archive, search and one article (one request each)")
    live.add_argument("--site", action="append", default=[], metavar="NAME", help="probe only this site (repeatable)")
    live.add_argument("--format", choices=("table", "json"), default="table")
    live.add_argument("--word", default=None, metavar="WORD", help="the word searched (default: indonesia)")
    live.add_argument("--every", default=None, metavar="DURATION", help="repeat the probe, pausing DURATION (e.g. 1d)")
    live.add_argument("--no-delay", action="store_true", help="no politeness delays, short timeouts: local mirrors only")
    live.add_argument("--allow-private", action="store_true",
                      help="allow private/loopback addresses not named by --resolve (off: SSRF guard)")
    add_resolve(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.live:
        from pipelines.probe_command import run_live  # noqa: PLC0415 - fetch stack only when probing

        return run_live(args)
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
