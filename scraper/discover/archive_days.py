"""Walking a site's dated archive for one day: the article URLs it lists, for backfills.

The archive is the profile's data (:class:`scraper.sites.base.Archive`): a URL template,
the link selectors and the next-page rule. An index archive's pages are walked until a
page adds no new article link, or until ``max_pages``: then the day is *capped* (more
articles than the walk read), which the crawl reports instead of cutting silently. A
sitemap archive is a daily or monthly sitemap (children of a sitemap index followed one
level), its URLs kept when their date falls on the day (or carries none).

Every request goes through the crawl's fetcher: robots.txt, politeness and the SSRF guard
apply to archive pages like to everything else.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from scraper.discover.feeds import parse_index_page
from scraper.discover.listed_link import SourceLink
from scraper.discover.sitemaps import SitemapError, parse_sitemap
from scraper.discover.sources import Candidate, judge_link
from scraper.errors import FailureKind, FetchError
from scraper.fetch.client import Fetcher
from scraper.fetch.urls import canonicalize
from scraper.sites.base import Archive, SiteProfile

__all__ = ["DayWalk", "archive_url", "day_bounds", "walk_day"]

#: Child sitemaps of a sitemap index read for one archive day, at most.
MAX_CHILD_SITEMAPS = 31


@dataclass
class DayWalk:
    """What one archive gave for one day."""

    archive: str
    day: date
    candidates: list[Candidate] = field(default_factory=list)
    pages: int = 0
    #: The walk stopped at ``max_pages`` while pages still brought new links.
    capped: bool = False
    non_http: int = 0
    error: str | None = None


def archive_url(archive: Archive, day: date, page: int | None = None) -> str:
    """The template filled in for ``day`` (and ``page``)."""
    moment = datetime.combine(day, time(), tzinfo=UTC)
    return archive.url.format(date=moment, page=archive.first_page if page is None else page)


def day_bounds(archive: Archive, day: date) -> tuple[datetime, datetime]:
    """[start, end) of what one walk covers: the day, or its month for a monthly archive.
    Days are WIB: Indonesian archives file a story under its local date."""
    from scraper.localtime import WIB  # noqa: PLC0415 - the one WIB constant

    if archive.per == "month":
        first = day.replace(day=1)
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return datetime.combine(first, time(), WIB), datetime.combine(last + timedelta(days=1), time(), WIB)
    return datetime.combine(day, time(), WIB), datetime.combine(day + timedelta(days=1), time(), WIB)


async def walk_day(fetcher: Fetcher, profile: SiteProfile, archive: Archive, day: date) -> DayWalk:
    """The article URLs ``archive`` lists for ``day``. Never raises for a bad archive page:
    the walk's ``error`` says what failed (the day is then not complete)."""
    walk = DayWalk(archive.url, day)
    try:
        if archive.kind == "sitemap":
            await _walk_sitemap(fetcher, profile, archive, day, walk)
        else:
            await _walk_index(fetcher, profile, archive, day, walk)
    except FetchError as exc:
        walk.error = f"{exc.kind}: {exc}"
    return walk


async def _walk_index(fetcher: Fetcher, profile: SiteProfile, archive: Archive, day: date, walk: DayWalk) -> None:
    paged = "{page" in archive.url
    url: str | None = archive_url(archive, day)
    page = archive.first_page
    seen: set[str] = set()
    while url is not None:
        try:
            result = await fetcher.fetch(url)
        except FetchError as exc:
            if walk.pages and exc.kind is FailureKind.HTTP and exc.status in (404, 410):
                return  # paged past the last page: the archive ran out
            raise
        walk.pages += 1
        html = result.decoded()
        added = _collect(profile, _links(html, url, archive, first=walk.pages == 1), walk, seen)
        if not added or not (paged or archive.next_page):
            return
        if walk.pages >= archive.max_pages:
            walk.capped = True
            return
        page += 1
        url = _next_link(html, url, archive) if archive.next_page else archive_url(archive, day, page)


async def _walk_sitemap(fetcher: Fetcher, profile: SiteProfile, archive: Archive, day: date, walk: DayWalk) -> None:
    start, end = day_bounds(archive, day)
    queue, seen = [archive_url(archive, day)], set[str]()
    while queue and walk.pages <= MAX_CHILD_SITEMAPS:
        url = queue.pop(0)
        result = await fetcher.fetch(url, accept="xml")
        walk.pages += 1
        try:
            doc = parse_sitemap(result.body)
        except SitemapError as exc:
            raise FetchError(f"sitemap {url}: {exc}", kind=FailureKind.SITEMAP) from None
        dated = [link for link in doc.urls if link.published is None or start <= link.published < end]
        _collect(profile, dated, walk, seen)
        if walk.pages == 1:  # an index: its children, one level
            queue += [child for child, when in doc.children if when is None or when >= start]


def _links(html: str, base: str, archive: Archive, *, first: bool) -> list[SourceLink]:
    """The listed links: the first link selector that matches. When none matches on a
    day's first page, every link on the page (a redesigned archive page must not read as
    an empty day; the date range then drops what other days' sidebars add); on a later
    page, none: the list ran out."""
    if archive.links:
        tree = LexborHTMLParser(html)
        for selector in archive.links:
            # the anchor text is the headline: `crawl --search` matches it before fetching
            anchors = [((n.attributes.get("href") or "").strip(), n.text(strip=True)) for n in tree.css(selector)]
            if any(href for href, _ in anchors):
                return [SourceLink(urljoin(base, href), None, text or None) for href, text in anchors if href]
        if not first:
            return []
    return [SourceLink(link) for link in parse_index_page(html, base)]


def _next_link(html: str, base: str, archive: Archive) -> str | None:
    tree = LexborHTMLParser(html)
    for selector in archive.next_page:
        node = tree.css_first(selector)
        href = (node.attributes.get("href") or "").strip() if node is not None else ""
        if href and not href.startswith(("#", "javascript:")):
            return urljoin(base, href)
    return None


def _collect(profile: SiteProfile, links: list[SourceLink], walk: DayWalk, seen: set[str]) -> int:
    """Add the new article URLs among ``links``; returns how many were new."""
    added = 0
    for raw, when, title in links:
        url = canonicalize(raw)
        verdict = judge_link(profile, url)
        if verdict == "non_http":
            walk.non_http += 1
        if verdict != "article" or url in seen:
            continue
        seen.add(url)
        walk.candidates.append(Candidate(url, walk.archive, when, title))
        added += 1
    return added
