"""The tasks: the crawl's own steps, run by Celery workers on any machine.

- ``scraper.discover.sources`` (one per site of a run): the site's sources, or for a backfill one
  ``scraper.discover_day`` per (archive, day) not yet done; new URLs go out as
  ``scraper.fetch_batch`` tasks of ``BATCH`` URLs.
- ``scraper.fetch_batch``: fetch + extract + store each URL with the crawl's own code
  (:class:`pipelines.crawl.Run`), its politeness shared with every worker through Redis.
  A batch delivered twice first drops the URLs already stored: nothing is fetched or
  stored twice.
- ``scraper.reextract_batch``: re-extraction of archived documents by page id.

A message (a *job*) holds only: the store's identity, the run id, the serialised
:class:`~pipelines.crawl_plan.CrawlPlan`, and the task's site, URLs or page ids. The store,
the coordination Redis, ``--resolve``, private-network access and robots obedience are the
worker's own (:mod:`pipelines.distributed.settings`). A worker refuses a message for another
store, a plan that does not parse, and any URL outside its site's domains (recorded as a
failed fetch, kind ``refused``).

Failures are of two kinds, handled apart:

- *infrastructure* (the broker/Redis or the store unreachable): not the page's fault and
  never a page outcome. The task waits, backing off, and does its work again when the
  service is back (stored URLs are skipped); its message stays unacknowledged meanwhile.
- *the task's own* (a bug, a page past every bound): the task is parked on the store's
  dead-letter list with its reason (``scraper stats`` shows it) and leaves its groups, so
  the run still ends. A task delivered :data:`~pipelines.distributed.tracker.MAX_TRIES`
  times (its worker died or hit the hard time limit each time) is parked, not run again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from collections import Counter
from collections.abc import Callable, Coroutine
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from celery import Task
from celery.exceptions import Reject, SoftTimeLimitExceeded
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

from pipelines.backfill import as_backfill, day_candidates, day_settled, days_to_walk, watermark
from pipelines.crawl import Run, end_run, stored_report
from pipelines.crawl_plan import CrawlPlan, build_options
from pipelines.distributed import outage
from pipelines.distributed.app import app
from pipelines.distributed.outage import until_up
from pipelines.distributed.politeness import RedisPacer, RedisRobotsShare
from pipelines.distributed.settings import WorkerSettings, queue_for, store_identity
from pipelines.distributed.tracker import MAX_TRIES, Tracker
from pipelines.extract_pool import ExtractPool
from pipelines.site_work import CrawlOptions, SiteReport
from scraper.discover.archive_days import walk_day
from scraper.discover.sources import Candidate
from scraper.errors import FailureKind, InputError, StoreError
from scraper.fetch.urls import host_of
from scraper.localtime import WIB
from scraper.sites.base import SiteProfile
from scraper.store import Store

__all__ = ["BATCH", "Refused", "discover", "discover_day", "fetch_batch", "new_job", "reextract_batch", "send"]

log = logging.getLogger("scraper.worker")
T = TypeVar("T")

#: URLs per fetch task: small enough that a killed worker strands little work.
BATCH = 20
#: The message format this code reads (a worker refuses others).
VERSION = 2


class Refused(Exception):
    """A message this worker will not obey (another store's, or not a valid job)."""


def new_job(store: str, run: int | None, plan: CrawlPlan | None) -> dict[str, Any]:
    """A job: what every task message of one run (or re-extraction) carries."""
    return {"v": VERSION, "store": store, "run": run, "plan": plan.to_json() if plan else None,
            "token": uuid.uuid4().hex}


def run_key(job: dict[str, Any]) -> str:
    return str(job["run"] if job.get("run") is not None else job["token"])


def send(tracker: Tracker, task: str, job: dict[str, Any], *args: Any, group: str | None = None) -> str:
    """Enqueue ``task``, tracked in the run's group (and ``group``) before it is sent."""
    task_id = uuid.uuid4().hex
    tracker.add(f"run:{run_key(job)}", task_id)
    if group:
        tracker.add(group, task_id)
    app.send_task(task, args=[job, *args], task_id=task_id, queue=queue_for(tracker.store))
    return task_id


# --- this worker process ---------------------------------------------------------------------

class _Process:
    """What a pool process keeps between tasks: its settings, one event loop and one
    extraction process (started once, killed and replaced when a page exceeds its bound)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.settings = WorkerSettings.from_env()
        self.redis = Redis.from_url(self.settings.redis, socket_timeout=10, socket_connect_timeout=5)
        self.loop = asyncio.new_event_loop()
        self.pool = ExtractPool(1, thread=False, timeout=self.settings.extract_timeout)

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        try:
            return self.loop.run_until_complete(work)
        except BaseException:
            self.reset()
            raise

    def reset(self) -> None:
        """After a task cut short (an outage, a time limit): what it left running is
        cancelled, and a fresh loop and extraction process serve the next attempt."""
        with suppress(Exception):
            left = asyncio.all_tasks(self.loop)
            for task in left:
                task.cancel()
            self.loop.run_until_complete(asyncio.wait_for(asyncio.gather(*left, return_exceptions=True), 10))
        with suppress(Exception):
            self.loop.run_until_complete(self.pool.close(now=True))
        with suppress(Exception):
            self.loop.close()
        self.loop = asyncio.new_event_loop()
        self.pool = ExtractPool(1, thread=False, timeout=self.settings.extract_timeout)


_PROCESS: _Process | None = None


def _process() -> _Process:
    global _PROCESS  # noqa: PLW0603 - one per pool process, made after the fork
    if _PROCESS is None or _PROCESS.pid != os.getpid():
        _PROCESS = _Process()
    return _PROCESS


@dataclass
class _Context:
    """One task's view: its job, the worker's store and tracker, the plan's options."""

    job: dict[str, Any]
    task_id: str
    proc: _Process
    store: Store
    tracker: Tracker
    options: CrawlOptions

    @property
    def settings(self) -> WorkerSettings:
        return self.proc.settings

    def reopen(self) -> None:
        """A new connection to the store (after an outage broke the old one)."""
        with suppress(Exception):
            self.store.close()
        self.store = Store(self.settings.db)


# --- the tasks --------------------------------------------------------------------------------

class _Tracked(Task):
    """What fails outside :func:`_perform` is parked here: a message whose arguments do not
    fit the task (refused), and a task killed at its hard time limit (the pool process is
    gone: the parent parks it and leaves its groups, so the run still ends)."""

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        if type(exc).__name__ != "TimeLimitExceeded":
            _refuse(_process(), self.name, task_id, Refused(f"{type(exc).__name__}: {exc}"), tuple(args or ()))
            return
        if not args or not isinstance(args[0], dict):
            return
        job = args[0]
        with suppress(Exception):
            settings = WorkerSettings.from_env()
            tracker = Tracker(Redis.from_url(settings.redis), settings.prefix, str(job.get("store")))
            tracker.park(self.name, task_id, f"killed at the hard time limit ({exc})", _detail(args))
            _leave(tracker, job, task_id, _day_group(self.name, args), None)


@app.task(name="scraper.discover", bind=True, base=_Tracked)
def discover(self: Task, job: dict[str, Any], site: str) -> None:
    _perform(self, job, (site,), lambda ctx: ctx.proc.run(_discover(ctx, site)))


@app.task(name="scraper.discover_day", bind=True, base=_Tracked)
def discover_day(self: Task, job: dict[str, Any], site: str, archive_url: str, day: str) -> None:
    _perform(self, job, (site, archive_url, day),
             lambda ctx: ctx.proc.run(_discover_day(ctx, site, archive_url, date.fromisoformat(day))))


@app.task(name="scraper.fetch_batch", bind=True, base=_Tracked)
def fetch_batch(self: Task, job: dict[str, Any], site: str, urls: list[str], day_group: str | None = None) -> None:
    first_known: set[str] = set()  # across attempts: what was stored before this task began
    _perform(self, job, (site, urls), lambda ctx: ctx.proc.run(_fetch_batch(ctx, site, urls, first_known)),
             day_group=day_group)


@app.task(name="scraper.reextract_batch", bind=True, base=_Tracked)
def reextract_batch(self: Task, job: dict[str, Any], page_ids: list[int]) -> None:
    from pipelines.reextract import reextract  # noqa: PLC0415 - workers import it when needed

    def work(ctx: _Context) -> None:
        counts: Counter[str] = ctx.proc.run(reextract(ctx.store, extract=ctx.proc.pool.extract,
                                                       documents=ctx.store.documents(page_ids)))
        ctx.tracker.count(run_key(job), "reextract", dict(counts))

    _perform(self, job, (page_ids,), work, plan_needed=False)


# --- admission, outcome, and the run's end -------------------------------------------------------

def _perform(task: Task, job: Any, args: tuple[Any, ...], work: Callable[[_Context], None], *,
             day_group: str | None = None, plan_needed: bool = True) -> None:
    """Admit the message, do ``work`` (again after an outage), park it if it cannot be
    done, and leave the task's groups whatever happened (the run's end is written by the
    last one out)."""
    proc, task_id = _process(), str(task.request.id)
    ctx = until_up(lambda: _admit(proc, job, task_id, plan_needed), what="the store")
    if isinstance(ctx, Refused):
        _refuse(proc, task.name, task_id, ctx, args)
        return
    try:
        tries = until_up(lambda: ctx.tracker.delivered(task_id), what="Redis")
        if tries > MAX_TRIES:
            _park(ctx, task.name, task_id, f"delivered {tries} times: its worker died or was killed each time", args)
        else:
            _attempt(ctx, task.name, task_id, work, args)
        until_up(lambda: _leave(ctx.tracker, job, task_id, day_group, ctx), what="Redis and the store")
    finally:
        ctx.store.close()


def _attempt(ctx: _Context, name: str, task_id: str, work: Callable[[_Context], None], args: tuple[Any, ...]) -> None:
    """``work``, again and again while the infrastructure is down; parked if it fails."""
    try:
        until_up(lambda: work(ctx), what="Redis and the store", before_retry=ctx.reopen)
    except SoftTimeLimitExceeded:
        if outage.waiting:  # the limit struck while a service was down: not the task's fault
            raise Reject("an outage outlasted the task's time limit: back to the queue", requeue=True) from None
        _park(ctx, name, task_id, "soft time limit reached", args)
    except Exception as exc:  # noqa: BLE001 - the task's own failure: parked with its reason
        log.exception("%s %s failed", name, task_id)
        _park(ctx, name, task_id, f"{type(exc).__name__}: {exc}", args)


def _admit(proc: _Process, job: Any, task_id: str, plan_needed: bool) -> _Context | Refused:
    """The task's context, or why the message is refused. Store outages raise (waited on)."""
    if not isinstance(job, dict) or job.get("v") != VERSION or not isinstance(job.get("store"), str):
        return Refused(f"not a job of message format {VERSION}")
    store = Store(proc.settings.db)
    try:
        own = store_identity(store)
        if job["store"] != own:
            store.close()
            return Refused(f"for store {job['store']}, this worker's store is {own}")
        plan = CrawlPlan.from_json(job.get("plan")) if plan_needed else CrawlPlan(sites=()).checked()
    except InputError as exc:
        store.close()
        return Refused(f"bad crawl plan: {exc}")
    except BaseException:
        store.close()
        raise
    options = replace(build_options(plan, proc.settings.trust), workers=1)
    return _Context(job, task_id, proc, store, Tracker(proc.redis, proc.settings.prefix, own), options)


def _refuse(proc: _Process, name: str, task_id: str, why: Refused, args: tuple[Any, ...]) -> None:
    log.error("refused %s %s: %s", name, task_id, why)
    with suppress(Exception):
        store = Store(proc.settings.db)
        try:
            own = store_identity(store)
        finally:
            store.close()
        Tracker(proc.redis, proc.settings.prefix, own).park(name, task_id, f"refused: {why}", _detail(args))


def _park(ctx: _Context, name: str, task_id: str, reason: str, args: tuple[Any, ...]) -> None:
    log.error("parked %s %s: %s", name, task_id, reason)
    until_up(lambda: ctx.tracker.park(name, task_id, reason, {"run": ctx.job.get("run"), **_detail(args)}),
             what="Redis")


def _detail(args: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    """What a dead letter says about its task: its site, and its URLs or page ids."""
    detail: dict[str, Any] = {}
    for value in args:
        if isinstance(value, str) and "site" not in detail:
            detail["site"] = value
        elif isinstance(value, list):
            detail["items"] = value[:50]
    return detail


def _day_group(name: str, args: Any) -> str | None:
    if name == "scraper.fetch_batch" and len(args) > 3 and isinstance(args[3], str):
        return args[3]
    return None


def _leave(tracker: Tracker, job: dict[str, Any], task_id: str, day_group: str | None,
           ctx: _Context | None) -> None:
    """Leave the task's groups; the last one out of a day writes its watermark, the last
    one out of the run finishes it. Idempotent: safe to do again after an outage."""
    settings = ctx.settings if ctx else WorkerSettings.from_env()
    if day_group and tracker.done(day_group, task_id):
        _complete_day(tracker, settings.db, day_group)
    if tracker.done(f"run:{run_key(job)}", task_id):
        _finish(tracker, settings.db, job)


def _complete_day(tracker: Tracker, db: str, group: str) -> None:
    meta = tracker.day_meta(group)
    if not meta:
        return
    with Store(db) as store:
        store.complete_day(meta["site"], meta["archive"], date.fromisoformat(meta["day"]), pages=int(meta["pages"]),
                           links=int(meta["links"]), capped=bool(int(meta["capped"])))


def _finish(tracker: Tracker, db: str, job: dict[str, Any]) -> None:
    """Record the run's end in the store: its report is the merge of every task's part
    (:func:`pipelines.crawl.stored_report`), its end that of every crawl
    (:func:`pipelines.crawl.end_run`: the status rule, the post-passes)."""
    if job.get("run") is None:
        return
    with Store(db) as store:
        report = stored_report(store, job["run"])
        end_run(store, report, dedupe=(job.get("plan") or {}).get("dedupe", True))
        if store.run_status(job["run"]) == "running":  # finish_run logs a store error and goes on
            raise StoreError(f"{store.where}: cannot connect to record the end of run {job['run']}")


# --- the work -----------------------------------------------------------------------------------

async def _discover(ctx: _Context, site: str) -> None:
    async with _run(ctx, site) as (run, profile, report):
        if run.options.since is not None and profile.archives:
            _enqueue_days(ctx, run, profile, report)
            return
        _enqueue_batches(ctx, site, [c.url for c, _ in await run.discover(profile, report)])


def _enqueue_days(ctx: _Context, run: Run, profile: SiteProfile, report: SiteReport) -> None:
    for day, archives in days_to_walk(run, profile, report):
        for archive in archives:
            send(ctx.tracker, "scraper.discover_day", ctx.job, profile.name, archive.url, day.isoformat())


async def _discover_day(ctx: _Context, site: str, archive_url: str, day: date) -> None:
    async with _run(ctx, site) as (run, profile, report):
        archive = next((a for a in profile.archives if a.url == archive_url), None)
        if archive is None:
            raise InputError(f"{archive_url} is not an archive of {site}")
        assert run.fetcher is not None
        walk = await walk_day(run.fetcher, profile, archive, day)
        as_backfill(report)
        urls = [c.url for c, _ in run.work(profile, day_candidates([walk], report), report)]
        group = f"day:{run_key(ctx.job)}:{profile.name}:{archive_url}:{day}"
        settled = day_settled(archive, day, walk)
        if settled:  # the watermark is written by whichever task of the day finishes last
            key = watermark(archive, run.options.match_filter)
            ctx.tracker.day_meta(group, {"site": profile.name, "archive": key, "day": day.isoformat(),
                                         "pages": walk.pages, "links": len(walk.candidates),
                                         "capped": int(walk.capped)})
        _enqueue_batches(ctx, site, urls, group if settled else None)
        if settled and not urls:
            _complete_day(ctx.tracker, ctx.settings.db, group)


async def _fetch_batch(ctx: _Context, site: str, urls: list[str], first_known: set[str]) -> None:
    async with _run(ctx, site) as (run, profile, report):
        urls = _own_urls(run, profile, urls, report)
        known = run.store.known(urls)
        if not first_known:  # what was stored before this task first ran (in this process or a dead one)
            earlier = run.store.first_seen_in_run(run.run_id, known) if run.run_id is not None else set()
            first_known.update(set(known) - earlier, ["\0started"])
        now = _now()
        # A batch delivered again (its worker died, or an outage cut it short) skips what was
        # stored meanwhile: URLs stored by an earlier attempt of this task count as new.
        items = [(Candidate(url, "batch"), known.get(url)) for url in urls
                 if url not in known or run.due(known[url], now)]
        again = [url for url in urls if url in known and url not in first_known]
        report.outcomes["new"] += len(again)
        report.known += len(urls) - len(items) - len(again)
        await run.process(profile, items, report)


def _own_urls(run: Run, profile: SiteProfile, urls: list[str], report: SiteReport) -> list[str]:
    """The batch's URLs on the site's own domains; any other is refused, and recorded so
    (a forged message cannot send a worker to another host)."""
    kept = []
    for url in urls:
        if isinstance(url, str) and profile.matches_host(host_of(url)):
            kept.append(url)
            continue
        log.warning("refused %r: not on a domain of %s", url, profile.name)
        run.writer.post(Store.record_fetch, str(url)[:2000], run_id=run.run_id, status=None, error_kind=FailureKind.REFUSED,
                        error=f"not on a domain of site {profile.name}: refused", elapsed_ms=0.0, attempt=1)
        report.outcomes["failed"] += 1
        report.reasons[FailureKind.REFUSED] += 1
    return kept


class _RunScope:
    """``async with _run(ctx, site) as (run, profile, report)``: the crawl's Run for one
    task, its politeness and robots.txt shared through Redis. When the work completes, the
    site's report is the task's part of its run, kept in the store once per task id (an
    attempt cut short by an outage counts nothing; a redelivered task does not count twice)."""

    def __init__(self, ctx: _Context, site: str) -> None:
        self.ctx, self.site = ctx, site

    async def __aenter__(self) -> tuple[Run, SiteProfile, SiteReport]:
        ctx = self.ctx
        options = ctx.options
        profile = next((p for p in options.profiles if p.name == self.site), None)
        if profile is None:
            raise InputError(f"site {self.site!r} is not in this run's plan")
        self.aredis = AsyncRedis.from_url(ctx.settings.redis, socket_timeout=10, socket_connect_timeout=5)
        scope = f"{ctx.settings.prefix}:{ctx.tracker.store}:run:{run_key(ctx.job)}"
        pacer = RedisPacer(self.aredis, prefix=ctx.settings.prefix, scope=scope,
                           concurrency=options.fetch.per_host_concurrency, delay=options.fetch.delay,
                           max_delay=options.fetch.max_delay, error_floor=options.fetch.error_delay)
        self.report = SiteReport(profile.name)
        self.run = Run(ctx.store, options, asyncio.Event(), None, run_id=ctx.job.get("run"), pool=ctx.proc.pool)
        self.fetching = self.run.fetching(pacer=pacer,
                                          robots_share=RedisRobotsShare(self.aredis, prefix=ctx.settings.prefix))
        await self.fetching.__aenter__()
        return self.run, profile, self.report

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        try:
            await self.fetching.__aexit__(kind, exc, tb)
            if exc is None:
                await self.run.writer.close()
            else:
                with suppress(Exception):
                    await self.run.writer.close()
        finally:
            with suppress(Exception):
                await self.aredis.aclose()
        run_id = self.ctx.job.get("run")
        if exc is None and run_id is not None:
            self.ctx.store.record_run_part(run_id, self.ctx.task_id, self.report.site, self.report.to_json())


def _run(ctx: _Context, site: str) -> _RunScope:
    return _RunScope(ctx, site)


def _enqueue_batches(ctx: _Context, site: str, urls: list[str], day_group: str | None = None) -> None:
    for start in range(0, len(urls), BATCH):
        send(ctx.tracker, "scraper.fetch_batch", ctx.job, site, urls[start : start + BATCH], day_group,
             group=day_group)


def _now() -> datetime:
    return datetime.now(WIB)

