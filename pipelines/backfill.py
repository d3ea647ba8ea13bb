"""Backfill: a site's articles of a date range, read from its dated archives day by day.

``scraper crawl --since 2025-03-01 --until 2025-03-31`` walks, for every day of the range
(newest first, WIB days) and every archive of the profile, the archive's pages
(:mod:`scraper.discover.archive_days`), then fetches, extracts and stores the new articles with the
crawl's own workers, politeness and store. Articles published outside the range are
not stored (counted ``out_of_range``).

Resumable and incremental: when a day's archives were walked to their end and all their
articles fetched, the day gets a watermark in ``archive_days``; a later run skips it
without a request. A run killed half-way leaves its current day without a watermark, so
the next run walks that day again (its stored articles are known: not fetched again).
Days not yet over (today, yesterday) never get a watermark: their archive still grows.
A day walked with ``--match`` (or ``--search``, whose words are its filter) stored only the
matching articles, so its watermark is the filter's own (:func:`watermark`): the same
filter skips the day next time, while a backfill without it (or with another) must still
walk it (the pages it left out are archived; that run fetches their articles again, since
``left_out`` makes them unknown to it).
A day whose walk hit the archive's page cap is reported, not silently truncated.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

from pipelines.site_work import SiteReport, SiteRun, Stopped
from scraper.discover.archive_days import DayWalk, day_bounds, walk_day
from scraper.discover.sources import Candidate
from scraper.localtime import WIB
from scraper.sites.base import Archive, SiteProfile
from scraper.store import Store

__all__ = ["as_backfill", "backfill_site", "day_candidates", "day_settled", "days_to_walk", "range_days", "watermark"]

#: A day's archive is final this long after the day ended (late additions, time zones).
SETTLE = timedelta(days=1)


def range_days(since: datetime, until: datetime) -> list[date]:
    """The WIB days that [since, until) touches, newest first."""
    first, last = since.astimezone(WIB).date(), (until - timedelta(microseconds=1)).astimezone(WIB).date()
    return [last - timedelta(days=n) for n in range((last - first).days + 1)]


def day_settled(archive: Archive, day: date, walk: DayWalk) -> bool:
    """The day's walk may get its watermark: walked to its end without an error, and the
    day is over long enough (:data:`SETTLE`) that its archive no longer grows."""
    return walk.error is None and datetime.now(WIB) >= day_bounds(archive, day)[1] + SETTLE


def watermark(archive: Archive, match_filter: str | None) -> str:
    """The ``archive_days`` key of a day walked through ``archive`` under ``match_filter``
    (:attr:`CrawlOptions.match_filter`): the archive's URL, or with a filter, the URL and
    the filter, so that a filtered walk never settles the day for an unfiltered one."""
    return archive.url if match_filter is None else f"{archive.url} match={match_filter}"


async def backfill_site(run: SiteRun, profile: SiteProfile, report: SiteReport) -> None:

    assert run.fetcher is not None
    days = days_to_walk(run, profile, report)
    if run.progress:
        run.progress(profile.name, "queued", len(days))
    for day, archives in days:
        try:
            walks = await run.unless_stopped(asyncio.gather(*(walk_day(run.fetcher, profile, a, day) for a in archives)))
            await run.unless_stopped(run.process(profile, run.work(profile, day_candidates(walks, report), report), report))
        except Stopped:
            return
        for archive, walk in zip(archives, walks, strict=True):
            if day_settled(archive, day, walk):
                run.writer.post(Store.complete_day, profile.name, watermark(archive, run.options.match_filter), day,
                                pages=walk.pages, links=len(walk.candidates), capped=walk.capped)
        if run.progress:
            run.progress(profile.name, "day", None)


def days_to_walk(run: SiteRun, profile: SiteProfile, report: SiteReport) -> list[tuple[date, list[Archive]]]:
    """The run's range, day by day (newest first), each with the archives still to walk
    for it: those without the watermark of the run's filter. The others count as done
    before. Both executors: the local one walks them in turn, Celery as one task each."""
    opts = run.options
    assert opts.since is not None
    as_backfill(report)
    done = {a.url: run.store.completed_days(profile.name, watermark(a, opts.match_filter)) for a in profile.archives}
    days = []
    for day in range_days(opts.since, opts.until or datetime.now(WIB)):
        archives = [a for a in profile.archives if day not in done[a.url]]
        report.days_done_before += len(profile.archives) - len(archives)
        days.append((day, archives))
    return days


def as_backfill(report: SiteReport) -> None:
    """The report of a site read from its dated archives: it counts days, route "archive"."""
    report.unit = "days"
    report.route = report.route or "archive"


def day_candidates(walks: list[DayWalk], report: SiteReport) -> list[Candidate]:
    """The day's article URLs over all archives (first archive wins), with the walks
    accounted in the report as sources (both executors: one rule for days, failed and
    capped walks)."""
    found: dict[str, Candidate] = {}
    for walk in walks:
        report.days += 1
        report.sources += 1
        report.non_http += walk.non_http
        if walk.error:
            report.failed_sources.append(f"{walk.archive} {walk.day} ({walk.error})")
        if walk.capped:
            report.days_capped.append(f"{walk.archive} {walk.day}")
        for candidate in walk.candidates:
            found.setdefault(candidate.url, candidate)
    return list(found.values())
