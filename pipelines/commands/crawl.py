"""``scraper crawl``: the scheduled job (see pipelines/crawl.py for what a run does).

``--every 30m`` repeats the run forever with that pause between runs (systemd/cron can
also call it once per period; see docs/SCHEDULING.md). SIGTERM or Ctrl-C stops a run
after the articles in flight (the run is recorded as "interrupted") and ends the loop.
Exit status: 0 when the run did its work (even if some sites failed), 1 when every site
failed or the database cannot be written, 2 for bad usage, 4 when another crawl is running
on the store (one crawl per store: pipelines/crawl_lock.py; an ``--every`` loop skips that
period instead), 130 after Ctrl-C (SIGINT).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import threading
from datetime import timedelta
from functools import partial

from pipelines.crawl import NO_ARCHIVE, CrawlFailed, CrawlOptions, RunReport, crawl, stored_report
from pipelines.crawl_lock import StoreBusy
from pipelines.crawl_plan import CrawlPlan, Trust, build_options, parse_duration
from pipelines.crawl_report import CrawlProgress, print_summary
from pipelines.exits import EXIT_BUSY, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from pipelines.options import add_db, add_deadline, add_distributed, add_resolve, add_workers, positive_int
from scraper.errors import InputError, StoreError
from scraper.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("crawl", help="discover, fetch, extract and store new articles (scheduled job)")
    parser.add_argument("--site", action="append", default=[], metavar="NAME",
                        help="crawl only this site (repeatable; default: every site; see `scraper sites`)")
    parser.add_argument("--max-articles", type=int, default=None, metavar="N",
                        help="fetch at most N articles per site in this run")
    add_db(parser)
    add_resolve(parser)
    parser.add_argument("--every", default=None, metavar="DURATION",
                        help="repeat forever, pausing DURATION between runs (e.g. 30m)")
    parser.add_argument("--recheck-hours", type=float, default=48.0, metavar="H",
                        help="re-check articles published in the last H hours for edits (default 48)")
    parser.add_argument("--recheck-after", default="1h", metavar="DURATION",
                        help="...when their last fetch is at least this old (default 1h)")
    parser.add_argument("--no-delay", action="store_true",
                        help="no politeness delays or Crawl-delay, short timeouts: local mirrors only")
    add_workers(parser)
    parser.add_argument("--per-host-concurrency", type=positive_int, default=None, metavar="N",
                        help="connections per host at once (default 2; raise it only for your own mirror)")
    parser.add_argument("--delay", type=float, default=None, metavar="SECONDS",
                        help="at least this long between two requests to one host (default 1; robots.txt's "
                        "Crawl-delay wins when longer)")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow private/loopback addresses not named by --resolve (off: SSRF guard)")
    add_deadline(parser)
    parser.add_argument("--ignore-robots", action="store_true", help=argparse.SUPPRESS)
    reach = parser.add_argument_group("reach: date ranges, sites without a profile, topics")
    reach.add_argument("--since", metavar="DATE", help="backfill from DATE (2025-03-01, 2025-03, 30d) through the "
                       "sites' dated archives; only articles published in the range are stored")
    reach.add_argument("--until", metavar="DATE", help="...up to DATE, inclusive (default: now)")
    reach.add_argument("--sitemap", action="append", default=[], metavar="URL",
                       help="crawl the articles this sitemap lists (a site with no profile: generic path)")
    reach.add_argument("--feed", action="append", default=[], metavar="URL", help="...this RSS/Atom feed lists")
    reach.add_argument("--start", action="append", default=[], metavar="URL",
                       help="...this index/section page links to (one level)")
    reach.add_argument("--match", action="append", default=[], metavar="REGEX",
                       help="keep only articles whose title or body matches (case-insensitive; repeatable: any). "
                       "A source's listed title is checked before fetching. Runs in linear time (RE2): no "
                       "backreferences or lookaround")
    reach.add_argument("--search", action="append", default=[], metavar="WORD",
                       help="search each site's own search for WORD (repeatable) and store the articles that hold "
                       "it, within --since/--until; a site without search falls back to its dated archive + "
                       "headline match (the summary says which)")
    parser.add_argument("--no-dedupe", action="store_true",
                        help="do not file the articles under stories at the end of the run (run `scraper dedupe` later)")
    add_distributed(parser)
    parser.set_defaults(func=run)


def options_from_args(args: argparse.Namespace) -> CrawlOptions:
    """The run's options: its plan (what to crawl, how fast) under this machine's trust
    settings (--resolve, --allow-private, robots), see pipelines/crawl_plan.py."""
    if getattr(args, "search", None) and getattr(args, "distributed", False):
        raise InputError("--search runs on this machine only (not with --distributed)")
    return build_options(CrawlPlan.from_args(args), trust_from_args(args))


def trust_from_args(args: argparse.Namespace) -> Trust:
    return Trust(resolve=tuple(args.resolve), allow_private=bool(args.allow_private),
                 ignore_robots=bool(args.ignore_robots))


def _duration(text: str) -> timedelta:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    tty = sys.stderr.isatty()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        options = options_from_args(args)
        every = _duration(args.every) if args.every else None
    except InputError as exc:
        print(f"scraper crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.distributed:
            return _distributed_every(args, options, every)
        return asyncio.run(_main(args, options, every, tty))
    except StoreError as exc:
        print(f"scraper crawl: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _distributed_every(args: argparse.Namespace, options: CrawlOptions, every: timedelta | None) -> int:
    """``--distributed --every 30m``: the scheduler host of a cluster (see docs/SCALING.md)
    enqueues a run each period until SIGTERM; each run waits for the previous one to be
    done (``--wait`` is implied) so runs never pile up behind slow workers."""
    if every is None:
        return _distributed(args, options)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    args.wait = True
    status = EXIT_OK
    while not stop.is_set():
        status = _distributed(args, options)
        stop.wait(every.total_seconds())
    return status


def _distributed(args: argparse.Namespace, options: CrawlOptions) -> int:
    """Enqueue the run for the workers; with --wait, follow it and print its summary."""
    try:
        from pipelines.distributed.enqueue import enqueue_crawl, wait  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        print(f"scraper crawl: --distributed needs pip install '.[distributed]' ({exc.name} is missing)",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        job = enqueue_crawl(str(args.db), CrawlPlan.from_args(args), broker=args.broker)
    except (ValueError, OSError, InputError) as exc:  # redis/kombu connection errors are OSErrors
        print(f"scraper crawl: cannot enqueue: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"run {job['run']}: {len(options.profiles)} site tasks enqueued", flush=True)
    if not args.wait:
        return EXIT_OK
    wait(job, str(args.db), broker=args.broker)
    with Store(args.db) as store:
        report = stored_report(store, job["run"])
    print_summary(report, sys.stdout, tty=sys.stdout.isatty())
    return EXIT_OK if report.ok or not report.sites else EXIT_ERROR


async def _main(args: argparse.Namespace, options: CrawlOptions, every: timedelta | None, tty: bool) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, partial(_stop, stop, signals, sig))
    status = EXIT_OK
    while True:
        try:
            report = await _one_run(args, options, stop, tty)
            status = EXIT_OK if (report.ok and _range_answered(options, report)) or report.interrupted else EXIT_ERROR
        except StoreBusy as exc:
            if every is None:
                print(f"scraper crawl: {exc}", file=sys.stderr)
                return EXIT_BUSY
            print(f"scraper crawl: {exc}; trying again in {args.every}", file=sys.stderr, flush=True)
        if signal.SIGINT in signals:
            return EXIT_INTERRUPTED
        if every is None or stop.is_set():
            return status
        try:
            await asyncio.wait_for(stop.wait(), timeout=every.total_seconds())
        except TimeoutError:
            continue
        return status


def _stop(stop: asyncio.Event, signals: list[int], sig: int) -> None:
    """A signal ends the run after the articles in flight; which one decides the exit status."""
    signals.append(sig)
    stop.set()


def _range_answered(options: CrawlOptions, report: RunReport) -> bool:
    """False for a backfill that no selected site could answer (none has a dated archive,
    a site search or a route that reaches back): the run read only the latest sources."""
    if options.since is None or not report.sites:
        return True
    if not all(s.route in (NO_ARCHIVE, "latest+headline") for s in report.sites):
        return True
    print("scraper crawl: no selected site has a dated archive for --since/--until "
          "(see the backfill column of `scraper sites`)", file=sys.stderr)
    return False


async def _one_run(
    args: argparse.Namespace, options: CrawlOptions, stop: asyncio.Event, tty: bool
) -> RunReport:
    with Store(args.db) as store:
        try:
            if tty:
                from rich.console import Console

                with CrawlProgress(Console(stderr=True)) as progress:
                    report = await crawl(store, options, stop=stop, progress=progress)
            else:
                report = await crawl(store, options, stop=stop)
        except CrawlFailed as exc:  # what it stored before the store failed; the error follows
            print_summary(exc.report, sys.stdout, tty=sys.stdout.isatty())
            sys.stdout.flush()
            raise
    print_summary(report, sys.stdout, tty=sys.stdout.isatty())
    sys.stdout.flush()
    return report
