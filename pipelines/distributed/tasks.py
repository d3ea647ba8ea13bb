"""The tasks: the crawl's own steps, run by Celery workers on any machine.

- ``scraper.discover`` (one per site of a run): the site's sources, or for a backfill one
  ``scraper.discover_day`` per (archive, day) not yet done; new URLs go out as
  ``scraper.fetch_batch`` tasks of ``BATCH`` URLs.
- ``scraper.fetch_batch``: fetch + extract + store each URL with the crawl's own code
  (:class:`pipelines.crawl.Run`), its politeness shared with every worker through Redis.
  A batch delivered twice first drops the URLs already stored: nothing is fetched or
  stored twice.
- ``scraper.reextract_batch``: re-extraction of archived documents by page id.

A job is a JSON dict: the run id, the store (path or DSN), the coordination Redis, and the
crawl's command-line arguments, from which every worker builds the same options as the
one-machine crawl (:func:`pipelines.commands.crawl.options_from_args`): one place for them.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from celery import Task
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

from pipelines.crawl import CrawlOptions, Run, RunReport, SiteReport, dedupe_pass, finish_run, sitewide_pass
from pipelines.distributed.app import app
from pipelines.distributed.politeness import RedisPacer, RedisRobotsShare
from pipelines.distributed.tracker import Tracker
from scraper.archive import day_bounds, walk_day
from scraper.dates import WIB
from scraper.discover import discover_site
from scraper.fetch import Fetcher
from scraper.sites.base import SiteProfile
from scraper.store import Store

__all__ = ["BATCH", "discover", "discover_day", "fetch_batch", "reextract_batch", "send"]

log = logging.getLogger("scraper.worker")

#: URLs per fetch task: small enough that a killed worker strands little work.
BATCH = 20
def send(task: str, job: dict[str, Any], *args: Any, group: str | None = None) -> str:
    """Enqueue ``task``, tracked in the run's group (and ``group``) before it is sent."""
    task_id = uuid.uuid4().hex
    tracker = _tracker(job)
    tracker.add(_run_group(job), task_id)
    if group:
        tracker.add(group, task_id)
    app.send_task(task, args=[job, *args], task_id=task_id)
    return task_id


# --- tasks ----------------------------------------------------------------------------------

@app.task(name="scraper.discover", bind=True)
def discover(self: Task, job: dict[str, Any]) -> None:
    with _finally_done(self, job):
        asyncio.run(_discover(job))


@app.task(name="scraper.discover_day", bind=True)
def discover_day(self: Task, job: dict[str, Any], archive_url: str, day: str) -> None:
    with _finally_done(self, job):
        asyncio.run(_discover_day(job, archive_url, date.fromisoformat(day)))


@app.task(name="scraper.fetch_batch", bind=True)
def fetch_batch(self: Task, job: dict[str, Any], urls: list[str], day_group: str | None = None) -> None:
    with _finally_done(self, job, day_group):
        asyncio.run(_fetch_batch(job, urls))


@app.task(name="scraper.reextract_batch", bind=True)
def reextract_batch(self: Task, job: dict[str, Any], page_ids: list[int]) -> None:
    from pipelines.reextract import reextract  # noqa: PLC0415 - workers import it when needed

    with _finally_done(self, job), Store(job["db"]) as store:
        async def run() -> Counter[str]:
            from pipelines.extract_pool import ExtractPool  # noqa: PLC0415

            pool = ExtractPool(1)
            try:
                return await reextract(store, extract=pool.extract, documents=store.documents(page_ids))
            finally:
                await pool.close()

        counts = asyncio.run(run())
        _tracker(job).count(_run_key(job), "reextract", dict(counts))


# --- the work -------------------------------------------------------------------------------

async def _discover(job: dict[str, Any]) -> None:
    async with _run(job) as (run, profile, report):
        if run.options.since is not None and profile.archives:
            _enqueue_days(job, run, profile, report)
            return
        assert run.fetcher is not None
        found = await discover_site(profile, run.fetcher, run.store, run.options.limits)
        report.sources, report.non_http = len(found.sources), found.non_http
        report.failed_sources = [f"{s.url} ({s.error})" for s in found.failed_sources]
        _enqueue_batches(job, [c.url for c, _ in run.work(profile, found.candidates, report)])


def _enqueue_days(job: dict[str, Any], run: Run, profile: SiteProfile, report: SiteReport) -> None:
    from pipelines.backfill import range_days  # noqa: PLC0415

    opts = run.options
    assert opts.since is not None
    for archive in profile.archives:
        done = run.store.completed_days(profile.name, archive.url)
        for day in range_days(opts.since, opts.until or datetime.now(WIB)):
            if day in done:
                report.days_done_before += 1
            else:
                send("scraper.discover_day", job, archive.url, day.isoformat())


async def _discover_day(job: dict[str, Any], archive_url: str, day: date) -> None:
    async with _run(job) as (run, profile, report):
        archive = next(a for a in profile.archives if a.url == archive_url)
        assert run.fetcher is not None
        walk = await walk_day(run.fetcher, profile, archive, day)
        report.days, report.sources, report.non_http = 1, 1, walk.non_http
        if walk.error:
            report.failed_sources.append(f"{archive_url} {day} ({walk.error})")
        urls = [c.url for c, _ in run.work(profile, walk.candidates, report)]
        group = f"day:{_run_key(job)}:{profile.name}:{archive_url}:{day}"
        settled = walk.error is None and datetime.now(WIB) >= day_bounds(archive, day)[1] + _settle()
        if settled:  # the watermark is written by whichever task of the day finishes last
            _tracker(job).redis.hset(f"{job['prefix']}:daymeta:{group}", mapping={
                "site": profile.name, "archive": archive_url, "day": day.isoformat(), "pages": walk.pages,
                "links": len(walk.candidates), "capped": int(walk.capped)})
        _enqueue_batches(job, urls, group if settled else None)
        if settled and not urls:
            _complete_day(job, group)


async def _fetch_batch(job: dict[str, Any], urls: list[str]) -> None:
    async with _run(job) as (run, profile, report):
        known = run.store.known(urls)
        now = datetime.now(WIB)
        # A batch delivered again (its worker died) skips what was stored meanwhile.
        items = [(c, known.get(c.url)) for c in _candidates(urls)
                 if c.url not in known or run._due(known[c.url], now)]
        report.known += len(urls) - len(items)
        await run.process(profile, items, report)


# --- plumbing -------------------------------------------------------------------------------

@asynccontextmanager
async def _run(job: dict[str, Any]) -> AsyncIterator[tuple[Run, SiteProfile, SiteReport]]:
    """The crawl's Run for one task: the job's options, a store, a fetcher whose politeness
    and robots.txt are shared through Redis; the site's counters go to the tracker."""
    from pipelines.commands.crawl import options_from_args  # noqa: PLC0415 - one place for options

    options: CrawlOptions = replace(options_from_args(argparse.Namespace(**job["args"])), workers=1)
    profile = next(p for p in options.profiles if p.name == job["site"])
    aredis = AsyncRedis.from_url(job["redis"])
    pacer = RedisPacer(aredis, prefix=job["prefix"], concurrency=options.fetch.per_host_concurrency,
                       delay=options.fetch.delay, max_delay=options.fetch.max_delay,
                       error_floor=options.fetch.error_delay)
    report = SiteReport(profile.name)
    with Store(job["db"]) as store:
        run = Run(store, options, asyncio.Event(), None)
        run.run_id = job["run"]
        try:
            async with Fetcher(options.fetch, resolve=options.resolve, on_attempt=run.on_attempt, pacer=pacer,
                               robots_share=RedisRobotsShare(aredis, prefix=job["prefix"])) as fetcher:
                run.fetcher = fetcher
                yield run, profile, report
            await run.writer.close()
        finally:
            await run.pool.close()
            await aredis.aclose()
    _tracker(job).count(_run_key(job), profile.name, report.counters())


def _enqueue_batches(job: dict[str, Any], urls: list[str], day_group: str | None = None) -> None:
    for start in range(0, len(urls), BATCH):
        send("scraper.fetch_batch", job, urls[start : start + BATCH], day_group, group=day_group)


def _candidates(urls: list[str]) -> Iterator[Any]:
    from scraper.discover import Candidate  # noqa: PLC0415

    return (Candidate(url, "batch") for url in urls)


@contextmanager
def _finally_done(task: Task, job: dict[str, Any], day_group: str | None = None) -> Iterator[None]:
    """Whatever the task did (or raised), it leaves its groups; the last one out of the
    run finishes it, the last one out of a day writes its watermark. A worker killed mid-
    task never gets here: the task stays pending and is delivered again."""
    try:
        yield
    finally:
        tracker, task_id = _tracker(job), str(task.request.id)
        if day_group and tracker.done(day_group, task_id):
            _complete_day(job, day_group)
        if tracker.done(_run_group(job), task_id):
            _finish(job)


def _complete_day(job: dict[str, Any], group: str) -> None:
    raw: dict[Any, Any] = _tracker(job).redis.hgetall(f"{job['prefix']}:daymeta:{group}")
    meta = {_text(k): _text(v) for k, v in raw.items()}
    if not meta:
        return
    with Store(job["db"]) as store:
        store.complete_day(meta["site"], meta["archive"], date.fromisoformat(meta["day"]), pages=int(meta["pages"]),
                           links=int(meta["links"]), capped=bool(int(meta["capped"])))


def _finish(job: dict[str, Any]) -> None:
    """Record the run's end in the store: totals and per-site counts, the same status rule
    as the one-machine crawl."""
    per_site = _tracker(job).counts(_run_key(job))
    reports = [SiteReport.from_counters(site, counts) for site, counts in per_site.items() if site != "reextract"]
    report = RunReport(job["run"], reports)
    report.status = "ok" if not any(s.failed for s in reports) else ("partial" if report.ok else "failed")
    if job["run"] is not None:
        with Store(job["db"]) as store:
            if not job["args"].get("no_dedupe"):
                dedupe_pass(store)
            sitewide_pass(store)
            finish_run(store, report, report.status, extra={"sites": per_site})


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _settle() -> Any:
    from pipelines.backfill import SETTLE  # noqa: PLC0415

    return SETTLE


def _tracker(job: dict[str, Any]) -> Tracker:
    return Tracker(Redis.from_url(job["redis"]), job["prefix"])


def _run_key(job: dict[str, Any]) -> str:
    return str(job["run"] if job["run"] is not None else job["token"])


def _run_group(job: dict[str, Any]) -> str:
    return f"run:{_run_key(job)}"

