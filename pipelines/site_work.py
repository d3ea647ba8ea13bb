"""What one site's work in a crawl is made of: the run's options, a site's report, the stop
signal, and what a site walker may ask of the run (:class:`SiteRun`).

Why a module of its own: the crawl (:mod:`pipelines.crawl`) hands a site to a walker by
what the options ask (:mod:`pipelines.backfill` for a range, :mod:`pipelines.search` for
``--search``), and the walkers use the run's fetcher, store and workers. With these types
in the crawl module the walkers imported it while it imported them: a cycle. Here, below
both, the walkers depend on the :class:`SiteRun` protocol, and :class:`pipelines.crawl.Run`
is what implements it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from pipelines.store_writer import BatchWriter
from scraper.article import Article
from scraper.discover.sources import Candidate, DiscoveryLimits
from scraper.fetch.client import FetchConfig, Fetcher
from scraper.fetch.resolve import ResolveMap
from scraper.filters.textmatch import SearchPattern
from scraper.sites.base import SiteProfile
from scraper.store import Known, Store

__all__ = ["EMPTY_WORDS", "NO_ARCHIVE", "OUTCOMES", "CrawlOptions", "Progress", "SiteReport", "SiteRun", "Stopped"]

OUTCOMES = ("new", "updated", "unchanged", "not_article", "failed", "blocked", "skipped", "out_of_range", "unmatched")
#: Below this many words an "ok" article counts as empty (for the layout-change flag).
EMPTY_WORDS = 30
#: A site is flagged when at least this share of its articles is generic or empty...
FLAG_SHARE = 0.5
#: ...and it stored at least this many articles this run.
FLAG_MIN = 3

#: ``SiteReport.route`` of a site asked for a range it has no dated archive for: only its
#: latest sources were read.
NO_ARCHIVE = "no dated archive: latest sources only"


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
    #: Extraction processes (None: one per core; 1: in this process).
    workers: int | None = None
    #: The store commits every ``batch_size`` writes or ``batch_interval`` seconds.
    batch_size: int = 100
    batch_interval: float = 0.25
    #: A backfill: articles published in [since, until) (aware datetimes), found in the
    #: sites' dated archives (sites without one: their sources, filtered by date).
    since: datetime | None = None
    until: datetime | None = None
    #: Keep only articles whose title or body matches one of these (``--match``).
    match: tuple[SearchPattern, ...] = ()
    #: ``--search`` words: each site's own search is walked for them (pipelines/search.py).
    search: tuple[str, ...] = ()
    #: File the run's articles under stories at its end (syndicated copies, scraper.dedupe.stories);
    #: off, ``scraper dedupe`` does it later.
    dedupe: bool = True

    @property
    def match_filter(self) -> str | None:
        """``match`` as the store records what it left out (:meth:`Store.leave_out`): the
        patterns, sorted, one per line; None without ``--match``."""
        return "\n".join(sorted({p.pattern for p in self.match})) if self.match else None


@dataclass
class SiteReport:
    """One site's run: discovery and the outcome of every URL taken."""

    site: str
    discovered: int = 0
    known: int = 0
    queued: int = 0
    #: URLs that failed before and wait for their retry time, and those given up on.
    deferred: int = 0
    given_up: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    fallback: int = 0
    empty: int = 0
    #: Articles extracted this run (new, updated, or re-read and unchanged; not 304s).
    extracted: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    #: Failures that were the site's (connection, timeout, 5xx, 429, bot wall).
    site_failures: int = 0
    failed_sources: list[str] = field(default_factory=list)
    sources: int = 0
    #: Links the sources gave that are not http(s) (skipped, not failed).
    non_http: int = 0
    error: str | None = None
    #: A backfill's archive days: walked this run, already complete before, and those that
    #: hit the archive's page cap ("archive day" strings), which may hold more articles.
    days: int = 0
    days_done_before: int = 0
    days_capped: list[str] = field(default_factory=list)
    #: What the progress bar counts: "articles" (a crawl) or "days" (a backfill).
    unit: str = "articles"
    #: Articles that ``--match`` kept; and whether the site has no profile file.
    matched: int = 0
    adhoc: bool = False
    #: Of the articles extracted: how many had a title, a date, authors; their words.
    titled: int = 0
    dated: int = 0
    authored: int = 0
    words: int = 0
    #: The layout-drift canary's findings (see pipelines/drift.py), set after the run.
    drift: list[str] = field(default_factory=list)
    #: How a range or ``--search`` was answered (pipelines/search.py ROUTES, or NO_ARCHIVE).
    route: str = ""
    #: A site without a profile found to be WordPress (day archives, REST search used).
    wordpress: bool = False
    #: Result pages a ``--search`` walk read, and the article links they listed.
    search_pages: int = 0
    search_results: int = 0

    def note_article(self, article: Article) -> None:
        """Count an extracted article into the site's fill rates (the drift canary)."""
        self.extracted += 1
        self.fallback += article.fell_back
        self.empty += article.word_count < EMPTY_WORDS
        self.titled += bool(article.title)
        self.dated += bool(article.published)
        self.authored += bool(article.authors)
        self.words += article.word_count

    def rates(self) -> dict[str, float | int]:
        """What the run says about the site's extraction: fill rates and shares (0..1)."""
        n = self.extracted or 1
        return {"articles": self.extracted, "title_fill": self.titled / n, "published_fill": self.dated / n,
                "authors_fill": self.authored / n, "words_mean": self.words / n, "fallback_share": self.fallback / n,
                "empty_share": self.empty / n}

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
        """The site could not do its work this run: its sources were unreachable, every
        article failed for the site's reasons, or several articles and not one worked.
        A dead link among working ones is the URL's failure, not the site's."""
        if self.error:
            return True
        if self.sources > 0 and len(self.failed_sources) == self.sources:
            return True
        attempted = sum(self.outcomes[k] for k in OUTCOMES if k != "skipped")
        bad = self.outcomes["failed"] + self.outcomes["blocked"]
        if not attempted or bad < attempted:
            return False
        return self.site_failures + self.outcomes["blocked"] == attempted or attempted >= FLAG_MIN

    def count(self, outcome: str) -> int:
        return self.outcomes[outcome]

    def to_json(self) -> dict[str, Any]:
        """The whole report as JSON-safe data, lists and all (a distributed task's part of
        its run, kept in the store: :meth:`Store.record_run_part`)."""
        return {f.name: dict(value) if isinstance(value := getattr(self, f.name), Counter) else value
                for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteReport:
        """The inverse of :meth:`to_json`; fields it does not know are ignored (a part
        written by older code)."""
        report = cls(str(data["site"]))
        for f in fields(report):
            if f.name in data and f.name != "site":
                value = data[f.name]
                setattr(report, f.name, Counter(value) if isinstance(getattr(report, f.name), Counter) else value)
        return report

    def merge(self, other: SiteReport) -> None:
        """Add ``other`` (another task's part of the same site's run) into this report:
        numbers and counters add up, lists join, the first error, unit and route found stay."""
        for f in fields(self):
            if f.name == "site":
                continue
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, bool):
                setattr(self, f.name, mine or theirs)
            elif isinstance(mine, int | Counter | list):
                setattr(self, f.name, mine + theirs)
            elif f.name == "unit":
                self.unit = "days" if "days" in (mine, theirs) else mine
            elif not mine:
                setattr(self, f.name, theirs)


class Stopped(Exception):
    """The run was stopped while this step was in flight."""


#: ``progress(site, what, n)``: the crawl's live display (rich bars or nothing).
Progress = Callable[[str, str, int | None], None]

T = TypeVar("T")


class SiteRun(Protocol):
    """What a site walker (backfill, search) may ask of the run that hands it a site."""

    options: CrawlOptions
    store: Store
    writer: BatchWriter
    fetcher: Fetcher | None
    progress: Progress | None

    def work(self, profile: SiteProfile, found: list[Candidate], report: SiteReport
             ) -> list[tuple[Candidate, Known | None]]:
        """The URLs of ``found`` to fetch, accounted in ``report``."""

    async def process(self, profile: SiteProfile, queue: list[tuple[Candidate, Known | None]],
                      report: SiteReport) -> None:
        """Fetch, extract and store ``queue``."""

    async def unless_stopped(self, work: Awaitable[T]) -> T:
        """``work``'s result, or :class:`Stopped` when the run is stopped first."""

    async def discover_and_process(self, profile: SiteProfile, report: SiteReport) -> None:
        """The site's usual crawl (its sources, or its archives for a range)."""
