"""The crawl job: discover -> fetch -> extract -> store, for every site at once.

One event loop, one :class:`~scraper.fetch.Fetcher` (per-host politeness and robots.txt
shared by all sites), one :class:`~scraper.store.Store` connection used only from the loop
thread. Sites run concurrently; inside a site a few workers take URLs from a queue. The
CPU-bound extraction runs in a small thread pool so fetches keep flowing; when a
multi-page article needs its next page, the worker thread asks the loop for it
(``run_coroutine_threadsafe``), so that fetch is polite and logged like any other.

Accounting is the point of the job: every fetch attempt goes to ``fetches`` (the fetcher's
``on_attempt``), and every URL taken from discovery ends in exactly one outcome:
new / updated / unchanged (stored), not_article (page archived), failed (reason in
``fetches``), blocked, or skipped (robots.txt). Nothing vanishes silently.

Incremental: a URL already stored (as an article or an archived page) is not fetched
again, except articles published in the last ``recheck_hours`` whose last fetch is older
than ``recheck_after``: those get a conditional GET, so an edit becomes a new version and
an unchanged page costs a 304.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pipelines.crawl_state import Known, StoreArchive, known_state, page_record, recent_articles
from scraper.article import Article
from scraper.charset import decode_html
from scraper.discover import Candidate, Discovery, DiscoveryLimits, discover_site
from scraper.errors import BlockedError, FetchError, RobotsDisallowed, StoreError
from scraper.fetch import FetchConfig, Fetcher, FetchResult
from scraper.resolve import ResolveMap
from scraper.sites.base import SiteProfile
from scraper.store import Store
from scraper.urls import canonicalize

__all__ = ["OUTCOMES", "CrawlOptions", "RunReport", "SiteReport", "crawl"]

log = logging.getLogger("scraper.crawl")

OUTCOMES = ("new", "updated", "unchanged", "not_article", "failed", "blocked", "skipped")
#: Below this many words an "ok" article counts as empty (for the layout-change flag).
EMPTY_WORDS = 30
#: A site is flagged when at least this share of its articles is generic or empty...
FLAG_SHARE = 0.5
#: ...and it stored at least this many articles this run.
FLAG_MIN = 3


@dataclass
class CrawlOptions:
    """Everything one run needs. ``max_articles`` caps article fetches per site."""

    profiles: list[SiteProfile]
    max_articles: int | None = None
    fetch: FetchConfig = field(default_factory=FetchConfig)
    resolve: ResolveMap = field(default_factory=ResolveMap)
    limits: DiscoveryLimits = field(default_factory=DiscoveryLimits)
    recheck_hours: float = 48.0
    recheck_after: timedelta = timedelta(hours=1)
    workers_per_site: int = 4
    extract_threads: int = 2


@dataclass
class SiteReport:
    """One site's run: discovery and the outcome of every URL taken."""

    site: str
    discovered: int = 0
    known: int = 0
    queued: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    fallback: int = 0
    empty: int = 0
    #: Articles extracted this run (new, updated, or re-read and unchanged; not 304s).
    extracted: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    failed_sources: list[str] = field(default_factory=list)
    sources: int = 0
    error: str | None = None

    @property
    def articles(self) -> int:
        return sum(self.outcomes[k] for k in ("new", "updated", "unchanged"))

    @property
    def fallback_share(self) -> float | None:
        return self.fallback / self.extracted if self.extracted else None

    @property
    def flagged(self) -> bool:
        """Most articles came out generic or empty: the site's layout probably changed."""
        n = self.extracted
        return n >= FLAG_MIN and max(self.fallback, self.empty) / n >= FLAG_SHARE

    @property
    def failed(self) -> bool:
        """The site could not do its work this run."""
        if self.error:
            return True
        attempted = sum(self.outcomes[k] for k in OUTCOMES if k != "skipped")
        bad = self.outcomes["failed"] + self.outcomes["blocked"]
        if attempted:
            return bad == attempted
        return self.sources > 0 and len(self.failed_sources) == self.sources

    def count(self, outcome: str) -> int:
        return self.outcomes[outcome]


@dataclass
class RunReport:
    run_id: int | None
    sites: list[SiteReport]
    status: str = "ok"
    interrupted: bool = False

    def totals(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for site in self.sites:
            total["discovered"] += site.discovered
            total["known"] += site.known
            for key in OUTCOMES:
                total[key] += site.outcomes[key]
        return {k: total[k] for k in ("discovered", "known", *OUTCOMES)}

    @property
    def ok(self) -> bool:
        return bool(self.sites) and not all(s.failed for s in self.sites)


Progress = Callable[[str, str, int | None], None]
"""progress(site, event, total): event "queued" (total = URLs to fetch) or an outcome."""


class _Run:
    def __init__(self, store: Store, options: CrawlOptions, stop: asyncio.Event, progress: Progress | None):
        self.store, self.options, self.stop, self.progress = store, options, stop, progress
        self.run_id: int | None = None
        self.pool = ThreadPoolExecutor(options.extract_threads, thread_name_prefix="extract")
        self.loop = asyncio.get_running_loop()
        self.fetcher: Fetcher | None = None

    # --- fetch log --------------------------------------------------------------------

    def on_attempt(self, url: str, attempt: int, status: int | None, kind: str | None,
                   error: str | None, elapsed_ms: float) -> None:
        self.store.record_fetch(url, run_id=self.run_id, status=status, error_kind=kind, error=error,
                                elapsed_ms=elapsed_ms, attempt=attempt)

    # --- one site -----------------------------------------------------------------------

    async def site(self, profile: SiteProfile) -> SiteReport:
        report = SiteReport(profile.name)
        try:
            await self._site(profile, report)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - one site's bug must not stop the others
            log.exception("site %s failed", profile.name)
            report.error = f"{type(exc).__name__}: {exc}"
        return report

    async def _site(self, profile: SiteProfile, report: SiteReport) -> None:
        assert self.fetcher is not None
        found = await discover_site(profile, self.fetcher, StoreArchive(self.store), self.options.limits)
        self._note_discovery(found, report)
        queue = self._work(profile, found.candidates, report)
        report.queued = len(queue)
        if self.progress:
            self.progress(profile.name, "queued", len(queue))
        pending: asyncio.Queue[tuple[Candidate, Known | None]] = asyncio.Queue()
        for item in queue:
            pending.put_nowait(item)
        workers = [self._worker(profile, pending, report) for _ in range(self.options.workers_per_site)]
        await asyncio.gather(*workers)

    def _note_discovery(self, found: Discovery, report: SiteReport) -> None:
        report.sources = len(found.sources)
        report.failed_sources = [f"{s.url} ({s.error})" for s in found.failed_sources]
        for source in found.failed_sources:
            log.warning("%s: source failed: %s: %s", found.site, source.url, source.error)

    def _work(self, profile: SiteProfile, found: list[Candidate], report: SiteReport
              ) -> list[tuple[Candidate, Known | None]]:
        """New URLs (newest first), then known recent articles due for a re-check; capped."""
        opts = self.options
        recent = recent_articles(self.store, profile.name, opts.recheck_hours)
        seen = {c.url for c in found}
        candidates = found + [Candidate(u, "recheck") for u in recent if u not in seen]
        known = known_state(self.store, [c.url for c in candidates])
        report.discovered = len(found)
        fresh = [(c, None) for c in candidates if c.url not in known]
        due = [(c, known[c.url]) for c in candidates if c.url in known and self._due(known[c.url])]
        report.known = len(candidates) - len(fresh) - len(due)
        work: list[tuple[Candidate, Known | None]] = [*fresh, *due]
        return work[: opts.max_articles] if opts.max_articles is not None else work

    def _due(self, known: Known) -> bool:
        if not known.is_article or not known.published or not known.last_fetched:
            return False
        now = datetime.now(UTC)
        published = datetime.fromisoformat(known.published.replace("Z", "+00:00"))
        last = datetime.fromisoformat(known.last_fetched.replace("Z", "+00:00"))
        return (now - published <= timedelta(hours=self.options.recheck_hours)
                and now - last >= self.options.recheck_after)

    async def _worker(self, profile: SiteProfile, pending: asyncio.Queue[tuple[Candidate, Known | None]],
                      report: SiteReport) -> None:
        while not self.stop.is_set():
            try:
                candidate, known = pending.get_nowait()
            except asyncio.QueueEmpty:
                return
            outcome = await self._one(profile, candidate.url, known, report)
            report.outcomes[outcome] += 1
            if self.progress:
                self.progress(profile.name, outcome, None)

    # --- one URL ------------------------------------------------------------------------

    async def _one(self, profile: SiteProfile, url: str, known: Known | None, report: SiteReport) -> str:
        try:
            result = await self._fetch_article(url, known)
        except RobotsDisallowed:
            return "skipped"  # the fetcher logged the refusal in fetches
        except BlockedError:
            return "blocked"
        except FetchError as exc:
            report.reasons[exc.kind] += 1
            return "failed"
        if result.not_modified:
            return "unchanged"
        article = await self._extract(url, result)
        if article.status == "error":
            self.store.save_page(page_record(result, url))
            self.store.record_fetch(url, run_id=self.run_id, status=result.status, error_kind="extract",
                                    error=article.error)
            report.reasons["extract"] += 1
            return "failed"
        if article.url:
            article.url = canonicalize(article.url)
        outcome = self.store.save_article(article, page=page_record(result, url))
        if article.status == "ok":
            report.extracted += 1
            report.fallback += article.extractor == "generic"
            report.empty += article.word_count < EMPTY_WORDS
        return outcome

    async def _fetch_article(self, url: str, known: Known | None) -> FetchResult:
        from scraper.profile_fields import whole_article_url

        assert self.fetcher is not None
        etag, modified = self.store.validators(url) if known else (None, None)
        whole = whole_article_url(url)
        try:
            return await self.fetcher.fetch(whole, etag=etag, last_modified=modified)
        except FetchError as exc:
            if whole == url or exc.kind != "http" or exc.status not in (404, 410):
                raise
        return await self.fetcher.fetch(url, etag=etag, last_modified=modified)

    async def _extract(self, url: str, result: FetchResult) -> Article:
        from scraper.extract import extract_html

        base = result.final_url if result.redirects else url
        call = _ExtractCall(extract_html, result, base, self._fetch_page_sync)
        return await self.loop.run_in_executor(self.pool, call)

    def _fetch_page_sync(self, url: str) -> str:
        """For the extractor thread: fetch a next page through the loop's fetcher."""
        assert self.fetcher is not None
        future = asyncio.run_coroutine_threadsafe(self.fetcher.fetch(url), self.loop)
        result = future.result(timeout=self.options.fetch.retry_total + self.options.fetch.total_timeout)
        return result.text if result.text is not None else decode_html(result.body, result.content_type)[0]


@dataclass
class _ExtractCall:
    extract: Callable[..., Article]
    result: FetchResult
    base: str
    fetch_page: Callable[[str], str]

    def __call__(self) -> Article:
        r = self.result
        return self.extract(r.body, self.base, fetched_at=r.fetched_at, content_type=r.content_type,
                            fetch_page=self.fetch_page)


async def crawl(
    store: Store, options: CrawlOptions, *, stop: asyncio.Event | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """One crawl run over ``options.profiles``; recorded in ``runs``. Raises StoreError when
    the database cannot be written (the run cannot do its work at all)."""
    stop = stop or asyncio.Event()
    run = _Run(store, options, stop, progress)
    run.run_id = store.start_run([p.name for p in options.profiles])
    report = RunReport(run.run_id, [])
    try:
        async with Fetcher(options.fetch, resolve=options.resolve, on_attempt=run.on_attempt) as fetcher:
            run.fetcher = fetcher
            report.sites = list(await asyncio.gather(*(run.site(p) for p in options.profiles)))
    except BaseException:
        _finish(store, report, "failed")
        raise
    finally:
        run.pool.shutdown(wait=True, cancel_futures=True)
    report.interrupted = stop.is_set()
    status = "interrupted" if report.interrupted else "ok" if not any(s.failed for s in report.sites) else (
        "partial" if report.ok else "failed")
    report.status = status
    _finish(store, report, status)
    return report


def _finish(store: Store, report: RunReport, status: str) -> None:
    if report.run_id is None:
        return
    counts: dict[str, int] = dict(report.totals())
    counts["sites_failed"] = sum(s.failed for s in report.sites)
    try:
        store.finish_run(report.run_id, counts, status)
    except StoreError:
        log.error("could not record the end of run %s", report.run_id)
