"""Keyword search through the sites themselves: ``scraper crawl --search WORD``.

For each site the run picks one route and says which (``SiteReport.route``):
- ``search``: the site's own search (:mod:`scraper.discover.site_search`), one walk per word, the
  results fetched, extracted and stored by the crawl's workers (same politeness, robots,
  store and run record as any crawl);
- ``archive+headline``: no usable search but a dated archive and a range: the backfill
  walks the archive and the words are matched against each listed headline before
  fetching (``--match`` semantics);
- ``latest+headline``: neither: the site's feeds/sitemaps/index pages, headline-matched.

Whatever the route, an article is stored only when its title or body holds one of the
words (the crawl's ``match``, set from the words) and it was published in the range: a
search engine's fuzzy or leaky results never reach the store. Numbers per site: results
(``discovered``), in range (results minus ``out_of_range``), stored (``new``).
"""

from __future__ import annotations

import asyncio
import re

from pipelines.site_work import SiteReport, SiteRun, Stopped
from scraper.discover.site_search import SearchWalk, walk_search
from scraper.discover.sources import Candidate
from scraper.sites.base import SiteProfile

__all__ = ["ROUTES", "search_site", "word_patterns"]

ROUTES = ("search", "archive+headline", "latest+headline")


def word_patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The ``match`` patterns of the searched words: whole words, any case."""
    return tuple(re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)", re.IGNORECASE) for w in words)


def route_of(profile: SiteProfile, has_range: bool) -> str:
    """The route a ``--search`` run takes for ``profile`` (see the module docstring)."""
    if profile.search:
        return "search"
    if profile.archives and has_range:
        return "archive+headline"
    return "latest+headline"


async def search_site(run: SiteRun, profile: SiteProfile, report: SiteReport) -> None:
    """One site of a ``--search`` run, by its route."""

    opts = run.options
    assert run.fetcher is not None
    report.route = route_of(profile, opts.since is not None)
    if report.route != "search":
        await run.discover_and_process(profile, report)
        return
    fetcher = run.fetcher
    try:
        walks = await run.unless_stopped(asyncio.gather(*(
            walk_search(fetcher, profile, search, word, opts.since, opts.until)
            for search in profile.search for word in opts.search)))
    except Stopped:
        return
    queue = run.work(profile, _candidates(walks, report), report)
    report.queued = len(queue)
    if run.progress:
        run.progress(profile.name, "queued", len(queue))
    try:
        await run.unless_stopped(run.process(profile, queue, report))
    except Stopped:
        return


def _candidates(walks: list[SearchWalk], report: SiteReport) -> list[Candidate]:
    """The results of every walk (first one wins), the walks counted as the site's sources."""
    found: dict[str, Candidate] = {}
    for walk in walks:
        report.sources += 1
        report.search_pages += walk.pages
        report.search_results += walk.results
        report.outcomes["unmatched"] += walk.off_topic
        if walk.error:
            report.failed_sources.append(f"search {walk.word!r} ({walk.error})")
        if walk.capped:
            report.days_capped.append(f"search {walk.word!r}: {walk.pages} pages")
        for candidate in walk.candidates:
            found.setdefault(candidate.url, candidate)
    return list(found.values())
