"""The crawl job: discover -> fetch -> extract -> store, for every site at once.

One event loop, one :class:`~scraper.fetch.client.Fetcher` (per-host politeness and robots.txt
shared by all sites), one :class:`~scraper.store.Store` connection used only from the loop
thread to read, and the batched writer's own connection in its thread
(:mod:`pipelines.store_writer`). Sites run concurrently; inside a site a few workers take URLs from a queue. Each
URL is fetched as a whole article by :func:`scraper.extract.article_documents.fetch_whole_article` (the same
function the one-off command uses); the CPU-bound extraction it calls runs in a small
pool so fetches keep flowing.

Accounting is the point of the job: every fetch attempt goes to ``fetches`` (the fetcher's
``on_attempt``), and every URL taken from discovery ends in exactly one outcome:
new / updated / unchanged (stored), not_article (page archived), failed (reason in
``fetches``), blocked, or skipped (robots.txt). Nothing vanishes silently. A URL that
fails on its own account (a dead link) is kept in ``url_failures`` and tried again on a
back-off over the next runs, then given up; it never fails its site.

Incremental: a URL already stored (as an article or an archived page) is not fetched
again, except articles published in the last ``recheck_hours`` whose last fetch is older
than ``recheck_after``: those get a conditional GET, so an edit becomes a new version and
an unchanged page costs a 304.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from pipelines.backfill import backfill_site
from pipelines.crawl_lock import crawl_lock
from pipelines.drift import drift
from pipelines.extract_pool import ExtractPool
from pipelines.search import search_site
from pipelines.site_work import NO_ARCHIVE, OUTCOMES, CrawlOptions, Progress, SiteReport, Stopped
from pipelines.store_writer import BatchWriter
from pipelines.templates import HostTemplates
from scraper.article import Article
from scraper.dedupe.stories import dedupe
from scraper.discover.adhoc_profile import ADHOC_NOTE
from scraper.discover.sources import Candidate, Discovery, discover_site
from scraper.errors import FailureKind, FetchError, StoreError
from scraper.extract.article_documents import fetch_whole_article
from scraper.fetch.client import Fetcher
from scraper.fetch.page import PageRecord
from scraper.fetch.politeness import Pacer
from scraper.fetch.robots import RobotsShare
from scraper.fetch.urls import canonicalize, url_date
from scraper.localtime import read_published
from scraper.sites.base import SiteProfile
from scraper.store import Known, Store

__all__ = ["NO_ARCHIVE", "OUTCOMES", "CrawlFailed", "CrawlOptions", "RunReport", "crawl",
           "end_run", "retry_after", "run_status", "stored_report"]

log = logging.getLogger("scraper.crawl")

#: A URL that failed on its own account (gone, not HTML, too large, unreadable) is tried
#: again after these pauses, one per failure so far; after the last it is given up.
RETRY_BACKOFF = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1))


def retry_after(failures: int, now: datetime | None = None) -> datetime | None:
    """When a URL that has failed ``failures`` times may be fetched again (None: given up)."""
    if failures > len(RETRY_BACKOFF):
        return None
    return (now or datetime.now(UTC)) + RETRY_BACKOFF[failures - 1]


@dataclass
class RunReport:
    run_id: int | None
    sites: list[SiteReport]
    status: str = "ok"
    interrupted: bool = False

    def totals(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for site in self.sites:
            for key in ("discovered", "known", "deferred", "given_up", "non_http"):
                total[key] += getattr(site, key)
            for key in OUTCOMES:
                total[key] += site.outcomes[key]
        return {k: total[k] for k in ("discovered", "known", "deferred", "given_up", "non_http", *OUTCOMES)}

    @property
    def ok(self) -> bool:
        return bool(self.sites) and not all(s.failed for s in self.sites)


def run_status(sites: list[SiteReport], interrupted: bool = False) -> str:
    """A run's status, for every executor (one process, or Celery workers): interrupted
    when stopped; ok when no site failed; partial when some did; failed when all did."""
    if interrupted:
        return "interrupted"
    if not any(s.failed for s in sites):
        return "ok"
    return "partial" if not all(s.failed for s in sites) else "failed"


def stored_report(store: Store, run_id: int) -> RunReport:
    """A distributed run's report as the store holds it: every task's part
    (:meth:`Store.run_parts`, one per task, whatever its redeliveries) merged per site,
    with the run's recorded status. What the run's end, ``--wait`` and any worker read."""
    sites: dict[str, SiteReport] = {}
    for part in store.run_parts(run_id):
        report = SiteReport.from_json(part)
        if report.site in sites:
            sites[report.site].merge(report)
        else:
            sites[report.site] = report
    status = store.run_status(run_id)
    return RunReport(run_id, [sites[name] for name in sorted(sites)], status or "running")


"""progress(site, event, total): event "queued" (total = URLs to fetch) or an outcome."""


class CrawlFailed(StoreError):
    """The store failed mid-run (a full disk): the run ended there. Its message is the
    store's; ``report`` holds what the run had stored by then, counted as committed."""

    def __init__(self, error: StoreError, report: RunReport) -> None:
        super().__init__(str(error))
        self.report = report


T = TypeVar("T")


class Run:
    """One run's work with one store and fetcher. ``pool``: an extraction pool the caller
    owns (a Celery worker keeps one across tasks); by default the run makes its own."""

    def __init__(self, store: Store, options: CrawlOptions, stop: asyncio.Event, progress: Progress | None,
                 *, run_id: int | None = None, pool: ExtractPool | None = None):
        self.store, self.options, self.stop, self.progress = store, options, stop, progress
        self.run_id = run_id
        self.pool = pool or ExtractPool(options.workers, bands=options.dedupe)
        self.writer = BatchWriter(store, size=options.batch_size, interval=options.batch_interval, thread=True,
                                  max_pending=options.batch_size)
        self.fetcher: Fetcher | None = None
        #: URLs in the store's failure list taken this run (cleared when they work).
        self.retrying: set[str] = set()
        #: Every site's report as it is made (what a run that fails half-way did), and the
        #: first store error a site met (the run ends with it).
        self.reports: list[SiteReport] = []
        self.store_error: StoreError | None = None
        #: Learned templates of the hosts read on the generic path (pipelines.templates).
        self.templates = HostTemplates(store)

    @contextlib.asynccontextmanager
    async def fetching(self, *, pacer: Pacer | None = None,
                       robots_share: RobotsShare | None = None) -> AsyncIterator[Fetcher]:
        """The run's fetcher while the block runs: the run's fetch settings and ``--resolve``,
        every attempt logged to ``fetches``; ``pacer``/``robots_share``: politeness shared
        beyond this process (a Celery worker's, through Redis)."""
        async with Fetcher(self.options.fetch, resolve=self.options.resolve, on_attempt=self.on_attempt,
                           pacer=pacer, robots_share=robots_share) as fetcher:
            self.fetcher = fetcher
            yield fetcher

    # --- fetch log --------------------------------------------------------------------

    def on_attempt(self, url: str, attempt: int, status: int | None, kind: FailureKind | None,
                   error: str | None, elapsed_ms: float) -> None:
        self.writer.post(Store.record_fetch, url, run_id=self.run_id, status=status, error_kind=kind,
                         error=error, elapsed_ms=elapsed_ms, attempt=attempt)

    # --- one site -----------------------------------------------------------------------

    async def site(self, profile: SiteProfile) -> SiteReport:
        report = SiteReport(profile.name, adhoc=profile.notes == ADHOC_NOTE)
        self.reports.append(report)
        try:
            await self._site(profile, report)
        except StoreError as exc:
            # The store failing ends the run, which raises it once at its end: every site
            # hits it (a full disk), and each raising it would be one more traceback.
            self.store_error = self.store_error or exc
        except Exception as exc:  # noqa: BLE001 - one site's bug must not stop the others
            log.exception("site %s failed", profile.name)
            report.error = f"{type(exc).__name__}: {exc}"
        return report

    async def _site(self, profile: SiteProfile, report: SiteReport) -> None:
        if report.adhoc and (self.options.since or self.options.search) and not (profile.archives or profile.search):
            profile = await self._wordpress(profile, report)
        if self.options.search:
            await search_site(self, profile, report)
            return
        await self.discover_and_process(profile, report)

    async def _wordpress(self, profile: SiteProfile, report: SiteReport) -> SiteProfile:
        """A site without a profile: its WordPress day archives and REST search, if it is one."""
        from scraper.discover.wordpress import wordpress_profile  # noqa: PLC0415 - only ranges/searches of ad hoc sites

        assert self.fetcher is not None
        found = await wordpress_profile(self.fetcher, profile)
        report.wordpress = found is not None
        return found or profile

    async def discover_and_process(self, profile: SiteProfile, report: SiteReport) -> None:
        """A backfill from the site's dated archives, or discovery from its sources (a
        range then reaches only as far back as they do: the report says so)."""
        assert self.fetcher is not None
        if self.options.since is not None and profile.archives:
            await backfill_site(self, profile, report)
            return
        try:
            queue = await self.discover(profile, report)
        except Stopped:
            return
        await self.process(profile, queue, report)

    async def discover(self, profile: SiteProfile, report: SiteReport) -> list[tuple[Candidate, Known | None]]:
        """The site's work from its sources, accounted in ``report`` (both executors: the
        local one processes it, a Celery task sends it out in batches). Raises Stopped."""
        assert self.fetcher is not None
        if self.options.since is not None and not report.route:
            report.route = NO_ARCHIVE
        found = await self.unless_stopped(discover_site(profile, self.fetcher, self.store, self.options.limits))
        self.note_discovery(found, report)
        queue = self.work(profile, found.candidates, report)
        report.queued = len(queue)
        if self.progress:
            self.progress(profile.name, "queued", len(queue))
        return queue

    async def process(self, profile: SiteProfile, queue: list[tuple[Candidate, Known | None]],
                      report: SiteReport) -> None:
        """Fetch, extract and store ``queue`` with the site's workers."""
        pending: asyncio.Queue[tuple[Candidate, Known | None]] = asyncio.Queue()
        for item in queue:
            pending.put_nowait(item)
        workers = [asyncio.ensure_future(self._worker(profile, pending, report))
                   for _ in range(self.options.workers_per_site)]
        try:
            await asyncio.gather(*workers)
        except BaseException:
            # One worker met a failing store: the others must not go on fetching and
            # extracting for a run that is over (their late results broke the pool's pipes).
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise

    def _in_scope(self, candidates: list[Candidate], report: SiteReport) -> list[Candidate]:
        """Drop, unfetched, what a source already places outside the run's date range
        (its date, or the date in the URL) or whose listed title ``--match`` rejects."""
        kept = []
        for candidate in candidates:
            if not self._in_range(candidate.published, url_date(candidate.url)):
                report.outcomes["out_of_range"] += 1
            elif candidate.title and not self._matches(candidate.title):
                report.outcomes["unmatched"] += 1
            else:
                kept.append(candidate)
        return kept

    def _in_range(self, when: datetime | None, day: date | None = None) -> bool:
        opts = self.options
        if opts.since is None and opts.until is None:
            return True
        if when is not None:
            return (opts.since is None or when >= opts.since) and (opts.until is None or when < opts.until)
        if day is not None:  # a URL's date is a local day: a day of slack either side
            low = (opts.since - timedelta(days=1)).date() if opts.since else date.min
            high = (opts.until + timedelta(days=1)).date() if opts.until else date.max
            return low <= day <= high
        return True

    def _matches(self, *texts: str | None) -> bool:
        return not self.options.match or any(p.search(t) for p in self.options.match for t in texts if t)

    def note_discovery(self, found: Discovery, report: SiteReport) -> None:
        """A discovery's sources, skipped links and failed sources, into the report."""
        report.sources = len(found.sources)
        report.non_http = found.non_http
        report.failed_sources = [f"{s.url} ({s.error})" for s in found.failed_sources]
        for source in found.failed_sources:
            log.warning("%s: source failed: %s: %s", found.site, source.url, source.error)

    def work(self, profile: SiteProfile, found: list[Candidate], report: SiteReport
              ) -> list[tuple[Candidate, Known | None]]:
        """New URLs (newest first), then known recent articles due for a re-check (not in a
        backfill); capped. Out of scope (range, ``--match`` on a listed title): dropped
        unfetched. URLs that failed before wait for their retry time; given up: left out."""
        opts, now = self.options, datetime.now(UTC)
        report.discovered += len(found)
        candidates = self._in_scope(found, report)
        if opts.since is None:
            recent = self.store.recent_article_urls(profile.name, now - timedelta(hours=opts.recheck_hours))
            seen = {c.url for c in candidates}
            candidates += [Candidate(u, "recheck") for u in recent if u not in seen]
        known = self.store.known([c.url for c in candidates], match_filter=opts.match_filter)
        failures = self.store.failures(c.url for c in candidates if c.url not in known)
        fresh: list[tuple[Candidate, Known | None]] = []
        waiting = 0
        for c in candidates:
            if c.url in known:
                continue
            if c.url in failures:
                retry = failures[c.url]
                if retry is None or retry > now:
                    report.given_up += retry is None
                    report.deferred += retry is not None
                    waiting += 1
                    continue
                self.retrying.add(c.url)
            fresh.append((c, None))
        due = [(c, known[c.url]) for c in candidates if c.url in known and self.due(known[c.url], now)]
        report.known += len(candidates) - len(fresh) - len(due) - waiting
        work = [*fresh, *due]
        return work[: opts.max_articles] if opts.max_articles is not None else work

    def due(self, known: Known, now: datetime) -> bool:
        """A stored URL is fetched again: a recent article last fetched long enough ago."""
        if self.options.since is not None:
            return False  # a backfill reads archives; edits are the scheduled crawl's work
        if not known.is_article or not known.published or not known.last_fetched:
            return False
        return (now - known.published <= timedelta(hours=self.options.recheck_hours)
                and now - known.last_fetched >= self.options.recheck_after)

    async def _worker(self, profile: SiteProfile, pending: asyncio.Queue[tuple[Candidate, Known | None]],
                      report: SiteReport) -> None:
        while not self.stop.is_set():
            if self.writer.failed is not None:
                raise self.writer.failed
            try:
                candidate, known = pending.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                if self.writer.full:  # a lagging commit holds the fetchers back: memory stays flat
                    await self.unless_stopped(self.writer.room())
                outcome = await self.unless_stopped(self._one(profile, candidate.url, known, report))
            except Stopped:
                return  # the URL in flight is simply not done: the next run takes it
            if isinstance(outcome, str):
                self._count(profile, candidate.url, report, outcome)
            else:  # a saved article: counted when its batch commits; the worker moves on
                outcome.add_done_callback(partial(self._committed, profile, candidate.url, report))

    def _committed(self, profile: SiteProfile, url: str, report: SiteReport, saved: asyncio.Future[str]) -> None:
        if saved.cancelled():
            return
        error = saved.exception()  # read even when ignored: else asyncio logs it at exit
        if error is None:  # committed, even if a later batch failed: it is in the store
            self._count(profile, url, report, saved.result())
            return
        if self.writer.failed is None:  # this write alone failed: say which
            log.error("%s: could not store %s: %s", profile.name, url, error)
        # else its batch's commit failed (a full disk): the run ends with that error, said once
        report.reasons[FailureKind.STORE] += 1
        self._count(profile, url, report, "failed")

    def _count(self, profile: SiteProfile, url: str, report: SiteReport, outcome: str) -> None:
        report.outcomes[outcome] += 1
        if outcome != "failed" and url in self.retrying:
            self.writer.post(Store.clear_failures, [url])
        if self.progress and report.unit == "articles":
            self.progress(profile.name, outcome, None)

    async def unless_stopped(self, work: Awaitable[T]) -> T:
        """Await ``work``, abandoning it as soon as the run is stopped (SIGTERM must end a
        crawl within seconds, not after a fetch's retries and back-off)."""
        task = asyncio.ensure_future(work)
        stopper = asyncio.ensure_future(self.stop.wait())
        try:
            await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            task.cancel()  # whoever waited is gone: so is the work (its error, if any, too)
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
            raise
        finally:
            stopper.cancel()
        if task.done():
            return task.result()
        task.cancel()
        try:
            # A cancellation can be swallowed on its way in (3.11's wait_for returns a result
            # that arrived with it): the work then completes, an article may already be
            # queued for the store, and its outcome must be counted, not dropped.
            return await task
        except asyncio.CancelledError:
            raise Stopped from None

    # --- one URL ------------------------------------------------------------------------

    async def _one(
        self, profile: SiteProfile, url: str, known: Known | None, report: SiteReport
    ) -> str | asyncio.Future[str]:
        """Fetch, extract and store one URL; its outcome, or (for an article to save) the
        future outcome that its batch's commit will give."""
        assert self.fetcher is not None
        etag, modified = self.store.validators(url) if known else (None, None)
        try:
            got = await fetch_whole_article(self.fetcher, url, profile=profile, etag=etag, last_modified=modified,
                                            extract=partial(self._extract, profile))
        except FetchError as exc:  # the fetcher logged every attempt in fetches
            kind = exc.kind
            if kind.outcome == "failed":
                return self._failed(profile, url, report, kind, str(exc), site=kind.site_level(exc.status))
            if kind.site_level(exc.status):  # a bot wall is the site's trouble; robots.txt's refusal is not
                report.site_failures += 1
            return kind.outcome  # blocked, or skipped (robots.txt)
        if got.article is None:
            return "unchanged"
        article = got.article
        if article.status == "error":
            self.writer.post(Store.save_pages, got.pages, profile.name)
            kind = article.error_kind or FailureKind.EXTRACT
            self.writer.post(Store.record_fetch, url, run_id=self.run_id, status=got.pages[0].status,
                             error_kind=kind, error=article.error)
            return self._failed(profile, url, report, kind, article.error, site=kind.site_level())
        if article.url:
            article.url = canonicalize(article.url)
        if article.status == "ok" and not self._in_range(read_published(article.published)):
            self.writer.post(Store.save_pages, got.pages, profile.name)
            return "out_of_range"  # archived, so the next run does not fetch it again
        if article.status == "ok" and self.options.match:
            if not self._matches(article.title, article.body):
                self.writer.post(Store.save_pages, got.pages, profile.name)
                self.writer.post(Store.leave_out, url, site=profile.name, match_filter=self.options.match_filter)
                return "unmatched"
            report.matched += 1
        if article.status == "ok":
            report.note_article(article)
        return self.writer.submit(Store.save_article, article, pages=got.pages)

    def _failed(self, profile: SiteProfile, url: str, report: SiteReport, kind: FailureKind, error: str | None,
                *, site: bool) -> str:
        """Count a failed URL; one that failed on its own account backs off across runs."""
        report.reasons[kind] += 1
        if site:
            report.site_failures += 1
        else:
            self.writer.post(Store.record_failure, url, site=profile.name, kind=kind, error=error,
                             retry_after=retry_after)
        return "failed"

    async def _extract(self, profile: SiteProfile, pages: list[PageRecord]) -> Article:
        template = self.templates.for_document(pages)
        article = await self.pool.extract(pages, profile.name, template)
        self.templates.note(pages, article)
        return article


async def crawl(
    store: Store, options: CrawlOptions, *, stop: asyncio.Event | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """One crawl run over ``options.profiles``; recorded in ``runs``. Raises StoreError when
    the database cannot be written (the run cannot do its work at all), StoreBusy when
    another crawl is running on the store (:mod:`pipelines.crawl_lock`). Runs left
    ``running`` by a crawl that was killed are recorded as ``interrupted`` first."""
    with crawl_lock(store):
        for dead in store.settle_dead_runs(locked=True):
            log.warning("run %s was still 'running' but its process is gone: recorded as interrupted", dead)
        return await _crawl(store, options, stop or asyncio.Event(), progress)


async def _crawl(store: Store, options: CrawlOptions, stop: asyncio.Event, progress: Progress | None) -> RunReport:
    run = Run(store, options, stop, progress,
              run_id=store.start_run([p.name for p in options.profiles], owner=True))
    report = RunReport(run.run_id, [])
    failed = False
    try:
        async with run.fetching():
            report.sites = list(await asyncio.gather(*(run.site(p) for p in options.profiles)))
        await run.writer.close()
        if run.store_error is not None:
            raise run.store_error
        run.templates.finish()
    except BaseException as exc:
        failed = True
        with contextlib.suppress(StoreError):
            await run.writer.close()
        report.sites = report.sites or run.reports  # what was committed, counted as it was
        report.status = "failed"
        finish_run(store, report, "failed")
        if isinstance(exc, StoreError):
            raise CrawlFailed(exc, report) from exc
        raise
    finally:
        await run.pool.close(now=stop.is_set() or failed)  # a failed run's jobs in flight are moot
    report.interrupted = stop.is_set()
    end_run(store, report, dedupe=options.dedupe)
    return report


def end_run(store: Store, report: RunReport, *, dedupe: bool) -> None:
    """The end of every run, whichever executor ran it: its status (:func:`run_status`),
    the post-passes (not after an interruption: the next run does them), the record."""
    report.status = run_status(report.sites, report.interrupted)
    if not report.interrupted:
        if dedupe:
            dedupe_pass(store)
        sitewide_pass(store)
    finish_run(store, report, report.status)


def dedupe_pass(store: Store) -> None:
    """The post-pass filing this run's new and edited articles under stories (syndicated
    copies, :mod:`scraper.dedupe.stories`); a failure is logged, the articles stay queued."""
    try:
        counts = dedupe(store)
    except StoreError as exc:
        log.error("dedupe pass failed (articles stay queued for the next run): %s", exc)
        return
    log.info("dedupe: %d checked, %d copies of stored stories", counts["checked"], counts["copies"])


def sitewide_pass(store: Store) -> None:
    """The post-pass learning each site's every-page keywords from its stored tags (and
    taking them out of its articles, :meth:`Store.learn_sitewide_tags`); a failure is
    logged: the tags stay as they are until the next run learns them."""
    try:
        learned = store.learn_sitewide_tags()
    except StoreError as exc:
        log.error("site-wide keyword pass failed (tags unchanged): %s", exc)
        return
    for site, keywords in learned.items():
        log.info("%s: %d keywords are on nearly every page, no longer tags: %s", site, len(keywords),
                 ", ".join(keywords))


def finish_run(store: Store, report: RunReport, status: str, *, extra: dict[str, Any] | None = None) -> None:
    """Record the end of ``report``'s run (totals, sites failed, status); ``extra`` goes into
    its counts too (a distributed run's per-site numbers). Never raises: the run is over."""
    if report.run_id is None:
        return
    counts: dict[str, Any] = dict(report.totals())
    counts["sites_failed"] = sum(s.failed for s in report.sites)
    counts.update(extra or {})
    try:
        for site in report.sites:
            if site.extracted:
                history = store.site_runs(site.site, limit=11).get(site.site, [])
                site.drift = drift(site.rates(), [h for h in history if h["run_id"] != report.run_id])
                store.record_site_run(report.run_id, site.site, site.rates())
        store.finish_run(report.run_id, counts, status)
    except StoreError as exc:
        log.error("could not record the end of run %s (%s); the next crawl records it as interrupted",
                  report.run_id, exc)
