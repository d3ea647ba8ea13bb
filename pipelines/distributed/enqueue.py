"""The caller's side: ``scraper crawl/reextract --distributed`` enqueue work and (``--wait``)
follow it to the end, instead of doing it.

What is enqueued is a job (:func:`pipelines.distributed.tasks.new_job`): the store's
identity, the run id and the crawl plan; never the store's address, credentials, or any
network policy (the workers have their own).
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
from typing import Any, TextIO

from redis import Redis

from pipelines.crawl_plan import CrawlPlan
from pipelines.distributed.app import configure
from pipelines.distributed.outage import infrastructure
from pipelines.distributed.politeness import held_leases
from pipelines.distributed.settings import ENV, queue_for, store_identity
from pipelines.distributed.tasks import new_job, run_key, send
from pipelines.distributed.tracker import Tracker
from scraper.errors import InputError
from scraper.store import Store

__all__ = ["coordination_url", "enqueue_crawl", "enqueue_reextract", "parked_tasks", "wait"]


def coordination_url(broker: str) -> str:
    """Where workers share politeness and progress: ``$SCRAPER_REDIS``, else the broker
    when it is Redis."""
    url = os.environ.get(ENV["redis"]) or (broker if broker.startswith(("redis://", "rediss://")) else "")
    if not url:
        raise ValueError(f"a Redis for coordination is needed: set {ENV['redis']}=redis://... (the broker is not Redis)")
    return url


def _tracker(broker: str, store: Store) -> Tracker:
    redis = Redis.from_url(coordination_url(broker), socket_timeout=10, socket_connect_timeout=5)
    return Tracker(redis, os.environ.get(ENV["prefix"]) or "scraper", store_identity(store))


def parked_tasks(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """The store's dead letters, newest first (``scraper stats``)."""
    broker = os.environ.get(ENV["broker"]) or "redis://127.0.0.1:6379/0"
    return _tracker(broker, store).parked(limit)


def enqueue_crawl(db: str, plan: CrawlPlan, *, broker: str | None) -> dict[str, Any]:
    """Record a run in the store and enqueue one discovery task per site; returns the job."""
    broker = configure(broker).conf.broker_url
    with Store(db) as store:
        tracker = _tracker(broker, store)
        run = store.start_run([p.name for p in plan.profiles])
    job = new_job(tracker.store, run, plan)
    for profile in plan.profiles:
        send(tracker, "scraper.discover", job, profile.name)
    return job


def enqueue_reextract(db: str, site: str | None, *, broker: str | None, batch: int = 200) -> tuple[dict[str, Any], int]:
    """Enqueue the archive's documents in batches; returns the job and the number of documents."""
    broker = configure(broker).conf.broker_url
    with Store(db) as store:
        tracker = _tracker(broker, store)
        ids = store.document_ids(site)
    job = new_job(tracker.store, None, None)
    for start in range(0, len(ids), batch):
        send(tracker, "scraper.reextract_batch", job, ids[start : start + batch])
    return job, len(ids)


def wait(job: dict[str, Any], db: str, *, broker: str | None = None, timeout: float | None = None, poll: float = 0.5,
         say: TextIO = sys.stderr) -> dict[str, dict[str, int]]:
    """Block until every task of ``job`` is done (or ``timeout``). A broker or store blip is
    waited out, and said: what the run waits for. Returns a re-extraction's counts; a crawl
    run's report is in the store (:func:`pipelines.crawl.stored_report`)."""
    broker = configure(broker).conf.broker_url
    deadline = None if timeout is None else time.monotonic() + timeout
    tracker: Tracker | None = None
    group, last, said = f"run:{run_key(job)}", "", 0.0
    while True:
        try:
            if tracker is None:
                with Store(db) as store:
                    tracker = _tracker(broker, store)
            pending = tracker.pending(group)
            if not pending and _recorded(job, db):
                return tracker.counts(run_key(job))
            news = f"waiting for {pending} task(s) of run {run_key(job)}"
            parked = [p for p in tracker.parked(20) if p.get("run") == job.get("run")]
            if parked:
                news += f"; {len(parked)} parked (see `scraper stats`)"
            held = _held(tracker, broker, job)
        except Exception as exc:  # noqa: BLE001 - only outages are waited out
            if not infrastructure(exc):
                raise
            tracker, held = None, ""
            news = f"waiting for Redis/the store to answer again: {' '.join(str(exc).split())}"
        if news != last or time.monotonic() - said > 30:  # what changed, or a reminder
            print(news + held, file=say, flush=True)
            last, said = news, time.monotonic()
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(news)
        time.sleep(poll)


def _held(tracker: Tracker, broker: str, job: dict[str, Any]) -> str:
    """What the run's workers hold, said while ``--wait`` waits: the leases on the run's
    hosts (who has a request in flight) and the run's unacknowledged tasks."""
    return _leases(tracker, job) + _unacked(tracker, broker, job)


def _leases(tracker: Tracker, job: dict[str, Any]) -> str:
    try:
        profiles = CrawlPlan.from_json(job.get("plan")).profiles if job.get("plan") else []
    except InputError:
        return ""
    held = held_leases(tracker.redis, tracker.prefix, lambda host: any(p.matches_host(host) for p in profiles))
    if not held:
        return ""
    return "; leases: " + ", ".join(f"{host} {len(tokens)} ({' '.join(tokens)})" for host, tokens in sorted(held.items()))


def _unacked(tracker: Tracker, broker: str, job: dict[str, Any]) -> str:
    """With a Redis broker: this run's tasks that workers hold unacknowledged (kombu's
    ``unacked`` hash, read for this store's queue and this job only), and when the oldest
    comes back to the queue if its worker is dead (its ``unacked_index`` time)."""
    if not broker.startswith(("redis://", "rediss://")) or coordination_url(broker) != broker:
        return ""
    queue, since = queue_for(tracker.store), []
    for tag, raw in tracker.redis.hscan_iter("unacked", count=500):
        if _of_job(raw, queue, job):
            since.append(tracker.redis.zscore("unacked_index", tag) or time.time())
    if not since:
        return ""
    timeout = int(os.environ.get("SCRAPER_VISIBILITY_TIMEOUT", "900"))
    back = max(0, int(min(since) + timeout - time.time()))
    return (f"; {len(since)} of this run's tasks held by workers (one whose worker died "
            f"is redelivered within {back}s)")


def _of_job(raw: bytes | str, queue: str, job: dict[str, Any]) -> bool:
    """An ``unacked`` entry (kombu: ``[message, exchange, routing_key]``) is a task of
    ``job`` on ``queue``: its first argument is the job, told by its token."""
    try:
        message, _, routing_key = json.loads(raw)
        if routing_key != queue:
            return False
        body = message["body"]
        if message.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args = json.loads(body)[0]
        return bool(args) and isinstance(args[0], dict) and args[0].get("token") == job.get("token")
    except (ValueError, KeyError, TypeError, IndexError):
        return False  # not a message of ours to read


def _recorded(job: dict[str, Any], db: str) -> bool:
    """The run's end is in the store (the last task writes it just after leaving the group)."""
    if job.get("run") is None:
        return True
    with Store(db) as store:
        return store.run_status(job["run"]) not in (None, "running")
