"""The caller's side: ``scraper crawl/reextract --distributed`` enqueue work and (``--wait``)
follow it to the end, instead of doing it."""

from __future__ import annotations

import argparse
import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redis import Redis

from pipelines.distributed.app import configure
from pipelines.distributed.tasks import send
from pipelines.distributed.tracker import Tracker
from scraper.daterange import parse_range
from scraper.dates import WIB
from scraper.store import Store, is_dsn

__all__ = ["JOB_ARGS", "coordination_url", "enqueue_crawl", "enqueue_reextract", "wait"]

#: The crawl arguments a worker needs to build the same options (see options_from_args).
JOB_ARGS = ("site", "sitemap", "feed", "start", "since", "until", "match", "no_delay", "ignore_robots",
            "allow_private", "per_host_concurrency", "delay", "max_articles", "resolve", "recheck_hours", "recheck_after",
            "no_dedupe", "workers", "deadline")
PREFIX_ENV, REDIS_ENV = "SCRAPER_PREFIX", "SCRAPER_REDIS"


def coordination_url(broker: str) -> str:
    """Where workers share politeness and progress: ``$SCRAPER_REDIS``, else the broker
    when it is Redis."""
    url = os.environ.get(REDIS_ENV) or (broker if broker.startswith(("redis://", "rediss://")) else "")
    if not url:
        raise ValueError(f"a Redis for coordination is needed: set {REDIS_ENV}=redis://... (the broker is not Redis)")
    return url


def _where(db: str) -> str:
    """The store as every worker must name it: a DSN, or an absolute path."""
    return db if is_dsn(db) else str(Path(db).resolve())


def _job(args: argparse.Namespace, db: str, broker: str, run: int | None) -> dict[str, Any]:
    crawl_args = {k: getattr(args, k, None) for k in JOB_ARGS}
    # Relative ranges ("30d") mean the same instants on every worker: fixed here, once.
    since, until = (parse_range(args.since, args.until, datetime.now(UTC), tz=WIB) if getattr(args, "since", None)
                    else (None, None))
    crawl_args["since"] = since.isoformat() if since else None
    crawl_args["until"] = until.isoformat() if until else None
    return {"run": run, "db": _where(db), "redis": coordination_url(broker), "prefix": os.environ.get(PREFIX_ENV, "scraper"),
            "args": crawl_args, "token": uuid.uuid4().hex}


def enqueue_crawl(args: argparse.Namespace, site_names: list[str], *, broker: str | None) -> dict[str, Any]:
    """Record a run in the store and enqueue one discovery task per site; returns the job."""
    broker = configure(broker).conf.broker_url
    with Store(str(args.db)) as store:
        run = store.start_run(site_names)
    job = _job(args, str(args.db), broker, run)
    for name in site_names:
        send("scraper.discover", {**job, "site": name})
    return job


def enqueue_reextract(db: str, site: str | None, *, broker: str | None, batch: int = 200) -> tuple[dict[str, Any], int]:
    """Enqueue the archive's documents in batches; returns the job and the number of documents."""
    broker = configure(broker).conf.broker_url
    with Store(db) as store:
        ids = store.document_ids(site)
    job = _job(argparse.Namespace(), db, broker, None)
    for start in range(0, len(ids), batch):
        send("scraper.reextract_batch", job, ids[start : start + batch])
    return job, len(ids)


def wait(job: dict[str, Any], *, timeout: float | None = None, poll: float = 0.5) -> dict[str, dict[str, int]]:
    """Block until every task of ``job`` is done (or ``timeout``); returns the per-site counts."""
    tracker = Tracker(Redis.from_url(job["redis"]), job["prefix"])
    group = f"run:{job['run'] if job['run'] is not None else job['token']}"
    deadline = None if timeout is None else time.monotonic() + timeout
    while tracker.pending(group) or not _recorded(job):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"{tracker.pending(group)} tasks still pending")
        time.sleep(poll)
    return tracker.counts(str(job["run"] if job["run"] is not None else job["token"]))


def _recorded(job: dict[str, Any]) -> bool:
    """The run's end is in the store (the last task writes it just after leaving the group)."""
    if job["run"] is None:
        return True
    with Store(job["db"]) as store:
        return store.run_status(job["run"]) not in (None, "running")


