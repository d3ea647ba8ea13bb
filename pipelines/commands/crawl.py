"""``scraper crawl``: the scheduled job (see pipelines/crawl.py for what a run does).

``--every 30m`` repeats the run forever with that pause between runs (systemd/cron can
also call it once per period; see docs/SCHEDULING.md). SIGTERM or Ctrl-C stops a run
after the articles in flight (the run is recorded as "interrupted") and ends the loop.
Exit status: 0 when the run did its work (even if some sites failed), 1 when every site
failed or the database cannot be written, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import signal
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pipelines.crawl import NO_ARCHIVE, CrawlOptions, RunReport, SiteReport, crawl
from pipelines.crawl_report import CrawlProgress, print_summary
from pipelines.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from pipelines.options import add_db, add_distributed, add_resolve, add_workers, positive_int
from pipelines.search import word_patterns
from scraper.adhoc import adhoc_profiles
from scraper.daterange import parse_range
from scraper.dates import WIB
from scraper.discover import DiscoveryLimits
from scraper.errors import InputError, StoreError
from scraper.fetch import FetchConfig
from scraper.resolve import ResolveMap
from scraper.sites import all_profiles, get_profile
from scraper.sites.base import SiteProfile
from scraper.store import Store
from scraper.urls import is_http_url

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``1h30m``, ``90s``, ``2h``, ``45`` (seconds) -> timedelta. Raises ValueError."""
    text = text.strip().lower()
    pos, seconds = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            break
        seconds += float(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if not text or pos != len(text):
        raise ValueError(f"bad duration {text!r} (examples: 90s, 30m, 1h30m)")
    return timedelta(seconds=seconds)


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
                       "A source's listed title is checked before fetching")
    reach.add_argument("--search", action="append", default=[], metavar="WORD",
                       help="search each site's own search for WORD (repeatable) and store the articles that hold "
                       "it, within --since/--until; a site without search falls back to its dated archive + "
                       "headline match (the summary says which)")
    parser.add_argument("--no-dedupe", action="store_true",
                        help="do not file the articles under stories at the end of the run (run `scraper dedupe` later)")
    add_distributed(parser)
    parser.set_defaults(func=run)


def _profiles(args: argparse.Namespace) -> list[SiteProfile]:
    """``--site`` names, the sites of ``--sitemap/--feed/--start``, or every site."""
    names: list[str] = args.site
    chosen = adhoc_profiles(sitemaps=args.sitemap, feeds=args.feed, starts=args.start)
    for url in (*args.sitemap, *args.feed, *args.start):
        if not is_http_url(url):
            raise InputError(f"not an http(s) URL: {url!r}")
    if not names:
        return chosen or list(all_profiles())
    for name in names:
        profile = get_profile(name)
        if profile is None:
            known = ", ".join(p.name for p in all_profiles())
            raise InputError(f"unknown site {name!r} (known: {known})")
        chosen.append(profile)
    return chosen


def options_from_args(args: argparse.Namespace) -> CrawlOptions:
    fetch = FetchConfig.fast(max_delay=0.0) if args.no_delay else FetchConfig()
    if args.ignore_robots:
        fetch = replace(fetch, obey_robots=False)
    if args.allow_private:
        fetch = replace(fetch, public_only=False)
    if args.per_host_concurrency:
        fetch = replace(fetch, per_host_concurrency=args.per_host_concurrency)
    if args.delay is not None:
        if args.delay < 0:
            raise InputError("--delay must be >= 0")
        fetch = replace(fetch, delay=args.delay)
    if args.max_articles is not None and args.max_articles < 0:
        raise InputError("--max-articles must be >= 0")
    try:
        # Archives file stories by their WIB day: a bare date or month means a WIB one here.
        since, until = parse_range(args.since, args.until, datetime.now(UTC), tz=WIB)
        match = tuple(re.compile(p, re.IGNORECASE) for p in args.match)
    except (ValueError, re.error) as exc:
        raise InputError(str(exc)) from None
    words = tuple(w.strip() for w in getattr(args, "search", ()))  # (a worker's job args have none)
    if any(not w for w in words):
        raise InputError("--search needs a word")
    if words and getattr(args, "distributed", False):
        raise InputError("--search runs on this machine only (not with --distributed)")
    if words and not match:
        match = word_patterns(words)  # store only what holds a searched word
    if until is not None and since is None:
        raise InputError("--until goes with --since")
    adhoc = bool(args.sitemap or args.feed or args.start)
    return CrawlOptions(
        profiles=_profiles(args), max_articles=args.max_articles, fetch=fetch,
        resolve=ResolveMap.from_specs(args.resolve), recheck_hours=args.recheck_hours,
        recheck_after=_duration(args.recheck_after), workers=args.workers,
        workers_per_site=max(4, 2 * fetch.per_host_concurrency), since=since, until=until, match=match,
        search=words, dedupe=not getattr(args, "no_dedupe", False),
        # the sources given are the crawl: not every sitemap the site's robots.txt lists
        limits=DiscoveryLimits(robots_sitemaps=not adhoc),
    )


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
        job = enqueue_crawl(args, [p.name for p in options.profiles], broker=args.broker)
    except (ValueError, OSError) as exc:  # redis/kombu connection errors are OSErrors
        print(f"scraper crawl: cannot enqueue: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"run {job['run']}: {len(options.profiles)} site tasks enqueued", flush=True)
    if not args.wait:
        return EXIT_OK
    counts = wait(job)
    report = RunReport(job["run"], [SiteReport.from_counters(s, c) for s, c in counts.items()])
    with Store(args.db) as store:
        report.status = store.run_status(job["run"]) or "?"
    print_summary(report, sys.stdout, tty=sys.stdout.isatty())
    return EXIT_OK if report.ok or not report.sites else EXIT_ERROR


async def _main(args: argparse.Namespace, options: CrawlOptions, every: timedelta | None, tty: bool) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    status = EXIT_OK
    while True:
        report = await _one_run(args, options, stop, tty)
        status = EXIT_OK if (report.ok and _range_answered(options, report)) or report.interrupted else EXIT_ERROR
        if every is None or stop.is_set():
            return status
        try:
            await asyncio.wait_for(stop.wait(), timeout=every.total_seconds())
        except TimeoutError:
            continue
        return status


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
        if tty:
            from rich.console import Console

            with CrawlProgress(Console(stderr=True)) as progress:
                report = await crawl(store, options, stop=stop, progress=progress)
        else:
            report = await crawl(store, options, stop=stop)
    print_summary(report, sys.stdout, tty=sys.stdout.isatty())
    sys.stdout.flush()
    return report
