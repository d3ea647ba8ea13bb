"""``scraper worker``: a Celery worker doing the crawl's tasks (see pipelines/distributed).

Run one per machine (``-c`` processes, default one per core); they take discovery, fetch
and re-extraction tasks from the broker, share per-host politeness through Redis and write
to the store each task names (PostgreSQL when several machines write). See docs/SCALING.md.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.exits import EXIT_ERROR
from pipelines.options import positive_int


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("worker", help="run a Celery worker for distributed crawls (pip install '.[distributed]')")
    parser.add_argument("--broker", default=None, metavar="URL",
                        help="Celery broker (default: $SCRAPER_BROKER, else redis://127.0.0.1:6379/0)")
    parser.add_argument("-c", "--concurrency", type=positive_int, default=None, metavar="N",
                        help="worker processes (default: one per core)")
    parser.add_argument("--loglevel", default="INFO")
    parser.add_argument("-n", "--hostname", default=None, help="worker name (default: celery@<host>)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from pipelines.distributed.app import configure  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        print(f"scraper worker: needs pip install '.[distributed]' ({exc.name} is missing)", file=sys.stderr)
        return EXIT_ERROR
    app = configure(args.broker)
    argv = ["worker", f"--loglevel={args.loglevel}", "--pool=prefork", "-Q", app.conf.task_default_queue]
    if args.concurrency:
        argv.append(f"--concurrency={args.concurrency}")
    if args.hostname:
        argv.append(f"--hostname={args.hostname}")
    app.worker_main(argv)
    return 0
