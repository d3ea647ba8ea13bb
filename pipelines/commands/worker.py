"""``scraper worker``: a Celery worker doing the crawl's tasks (see pipelines/distributed).

Run one per machine (``-c`` processes, default one per core); they take discovery, fetch
and re-extraction tasks from the broker, share per-host politeness through Redis and write
to *their own* store (``--db``, else ``$SCRAPER_DB``: PostgreSQL when several machines
write). Everything that decides where requests go and what is written comes from here,
never from a task message (see pipelines/distributed/settings.py). A DSN with a password
belongs in ``$SCRAPER_DB``, not on the command line. See docs/SCALING.md.
"""

from __future__ import annotations

import argparse
import os
import sys

from pipelines.exits import EXIT_ERROR, EXIT_USAGE
from pipelines.options import add_resolve, positive_int


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("worker", help="run a Celery worker for distributed crawls (pip install '.[distributed]')")
    parser.add_argument("--broker", default=None, metavar="URL",
                        help="Celery broker (default: $SCRAPER_BROKER, else redis://127.0.0.1:6379/0)")
    parser.add_argument("--db", default=None, metavar="PATH|DSN",
                        help="the store this worker writes (default: $SCRAPER_DB, else data/articles.db); "
                        "tasks for another store are refused")
    parser.add_argument("--redis", default=None, metavar="URL",
                        help="Redis for politeness and progress (default: $SCRAPER_REDIS, else the broker)")
    add_resolve(parser)
    parser.add_argument("--allow-private", action="store_true",
                        help="allow private/loopback addresses not named by --resolve (off: SSRF guard)")
    parser.add_argument("--ignore-robots", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extract-timeout", type=float, default=None, metavar="SECONDS",
                        help="a page whose extraction takes longer is recorded failed (default 60)")
    parser.add_argument("-c", "--concurrency", type=positive_int, default=None, metavar="N",
                        help="worker processes (default: one per core)")
    parser.add_argument("--loglevel", default="INFO")
    parser.add_argument("-n", "--hostname", default=None, help="worker name (default: celery@<host>)")
    parser.set_defaults(func=run)


def _settle_env(args: argparse.Namespace) -> None:
    """This worker's own settings, for its pool processes (forked: they inherit them)."""
    from pipelines.distributed.settings import ENV  # noqa: PLC0415

    given = {"db": args.db, "redis": args.redis, "broker": args.broker,
             "resolve": " ".join(args.resolve) if args.resolve else None,
             "allow_private": "1" if args.allow_private else None,
             "ignore_robots": "1" if args.ignore_robots else None,
             "extract_timeout": str(args.extract_timeout) if args.extract_timeout else None}
    for key, value in given.items():
        if value is not None:
            os.environ[ENV[key]] = value


def run(args: argparse.Namespace) -> int:
    try:
        from pipelines.distributed.app import configure  # noqa: PLC0415 - the optional extra
        from pipelines.distributed.settings import WorkerSettings, queue_for, store_identity  # noqa: PLC0415
        from scraper.errors import StoreError  # noqa: PLC0415
        from scraper.store import Store  # noqa: PLC0415
    except ImportError as exc:
        print(f"scraper worker: needs pip install '.[distributed]' ({exc.name} is missing)", file=sys.stderr)
        return EXIT_ERROR
    if args.extract_timeout is not None and args.extract_timeout <= 0:
        print("scraper worker: --extract-timeout must be > 0", file=sys.stderr)
        return EXIT_USAGE
    _settle_env(args)
    try:
        settings = WorkerSettings.from_env()
        with Store(settings.db) as store:  # its identity names the queue this worker takes
            queue = queue_for(store_identity(store))
    except ValueError as exc:
        print(f"scraper worker: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"scraper worker: {exc}", file=sys.stderr)
        return EXIT_ERROR
    app = configure(args.broker)
    argv = ["worker", f"--loglevel={args.loglevel}", "--pool=prefork", "-Q", queue]
    if args.concurrency:
        argv.append(f"--concurrency={args.concurrency}")
    if args.hostname:
        argv.append(f"--hostname={args.hostname}")
    app.worker_main(argv)
    return 0
