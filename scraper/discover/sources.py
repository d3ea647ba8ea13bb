"""Discovery: which article URLs a site offers right now, from its profile's sources.

Sources, in the order they are read: RSS/Atom feeds, sitemaps (the profile's and those
listed in the hosts' robots.txt; sitemap indexes are followed, newest children first),
and index pages. Every URL found is canonicalised, kept only when it belongs to the site
and passes ``profile.is_article_url``, and deduplicated; candidates come back newest
first (by the date the source gave), so a ``--max-articles`` cap keeps the fresh ones.

Sources are fetched with conditional GET: the :class:`SourceArchive` (the store) gives
the validators of the last copy, and a 304 re-reads that archived copy without network.
That way "nothing new" costs one small request, yet URLs left over from a capped or
failed earlier run are not forgotten. A source that fails (HTTP error, malformed or
hostile XML) is reported in :attr:`Discovery.sources` and never stops the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

from scraper.discover.feeds import FeedError, parse_feed, parse_index_page
from scraper.discover.listed_link import SourceLink
from scraper.discover.sitemaps import SitemapError, parse_sitemap
from scraper.errors import FetchError
from scraper.fetch.charset import decode_html
from scraper.fetch.client import Accept, Fetcher
from scraper.fetch.page import PageRecord
from scraper.fetch.urls import canonicalize, host_of, is_http_url
from scraper.sites.base import SiteProfile

__all__ = [
    "Candidate", "Discovery", "DiscoveryLimits", "SourceArchive", "SourceResult", "discover_site", "judge_link",
]

SourceKind = Literal["feed", "sitemap", "index"]
_OLDEST = datetime.min.replace(tzinfo=UTC)


class SourceArchive(Protocol):
    """Where source responses are kept between runs (the store implements it)."""

    def validators(self, url: str) -> tuple[str | None, str | None]: ...

    def cached_body(self, url: str) -> bytes | None: ...

    def save_source(self, page: PageRecord) -> None: ...


@dataclass(frozen=True)
class DiscoveryLimits:
    """Bounds that keep one site's discovery small whatever its sitemaps hold."""

    max_urls: int = 5_000
    max_child_sitemaps: int = 10
    max_sitemap_depth: int = 2
    max_robots_sitemaps: int = 5
    robots_sitemaps: bool = True


@dataclass(frozen=True)
class Candidate:
    """One article URL (canonical) and what the source said about it."""

    url: str
    source: str
    published: datetime | None = None
    title: str | None = None


@dataclass
class SourceResult:
    """What one source gave: ``status`` ok, not_modified (304, archived copy read) or failed."""

    url: str
    kind: SourceKind
    status: str
    found: int = 0
    error: str | None = None


@dataclass
class Discovery:
    site: str
    candidates: list[Candidate] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    #: Links on the site's hosts that are not http(s) (ftp:, mailto:...): skipped, counted.
    non_http: int = 0

    @property
    def failed_sources(self) -> list[SourceResult]:
        return [s for s in self.sources if s.status == "failed"]

    @property
    def all_sources_failed(self) -> bool:
        return bool(self.sources) and len(self.failed_sources) == len(self.sources)


def judge_link(profile: SiteProfile, url: str) -> Literal["article", "non_http", "other"]:
    """Whether a (canonical) link is one of ``profile``'s article URLs: the one rule every
    source (feed, sitemap, index page, dated archive) applies to what it lists."""
    if not profile.matches_host(host_of(url)):
        return "other"
    if not is_http_url(url):
        return "non_http"
    return "article" if profile.is_article_url(url) else "other"


class _NoArchive:
    def validators(self, url: str) -> tuple[str | None, str | None]:
        return None, None

    def cached_body(self, url: str) -> bytes | None:
        return None

    def save_source(self, page: PageRecord) -> None:
        return None


class _Discoverer:
    def __init__(self, profile: SiteProfile, fetcher: Fetcher, archive: SourceArchive,
                 limits: DiscoveryLimits) -> None:
        self.profile, self.fetcher, self.archive, self.limits = profile, fetcher, archive, limits
        self.result = Discovery(profile.name)
        self._found: dict[str, Candidate] = {}
        self._sitemaps_seen: set[str] = set()

    # --- collecting candidates ----------------------------------------------------------

    def _offer(self, links: Iterable[SourceLink], source: str) -> int:
        count = 0
        for raw, when, title in links:
            if len(self._found) >= self.limits.max_urls:
                break
            url = canonicalize(raw)
            verdict = judge_link(self.profile, url)
            if verdict != "article":
                self.result.non_http += verdict == "non_http"
                continue
            count += 1
            old = self._found.get(url)
            if old is None or (old.published is None and when is not None):
                self._found[url] = Candidate(url, old.source if old else source, when,
                                             title or (old.title if old else None))
        return count

    # --- fetching a source --------------------------------------------------------------

    async def _get(self, url: str, kind: SourceKind) -> tuple[bytes, str | None, SourceResult] | None:
        etag, modified = self.archive.validators(url)
        accept: Accept = "html" if kind == "index" else "xml"
        try:
            res = await self.fetcher.fetch(url, accept=accept, etag=etag, last_modified=modified)
        except FetchError as exc:
            self.result.sources.append(SourceResult(url, kind, "failed", error=f"{exc.kind}: {exc}"))
            return None
        report = SourceResult(url, kind, "ok")
        if res.not_modified:
            body = self.archive.cached_body(url)
            report.status = "not_modified"
            if body is None:
                self.result.sources.append(report)
                return None
            self.result.sources.append(report)
            return body, None, report
        self.archive.save_source(PageRecord.from_fetch(res))
        self.result.sources.append(report)
        return res.body, res.decoded() if kind == "index" else res.text, report

    async def feed(self, url: str) -> None:
        got = await self._get(url, "feed")
        if got is None:
            return
        body, _, report = got
        try:
            entries = parse_feed(body, url)
        except FeedError as exc:
            report.status, report.error = "failed", f"feed: {exc}"
            return
        report.found = self._offer(entries, url)

    async def sitemap(self, url: str, depth: int = 0) -> None:
        if url in self._sitemaps_seen or len(self._found) >= self.limits.max_urls:
            return
        self._sitemaps_seen.add(url)
        got = await self._get(url, "sitemap")
        if got is None:
            return
        body, _, report = got
        try:
            doc = await asyncio.to_thread(parse_sitemap, body, max_urls=self.limits.max_urls)
        except SitemapError as exc:
            report.status, report.error = "failed", f"sitemap: {exc}"
            return
        report.found = self._offer(doc.urls, url)
        if doc.children and depth < self.limits.max_sitemap_depth:
            newest = sorted(doc.children, key=lambda c: c[1] or _OLDEST, reverse=True)
            for child, _ in newest[: self.limits.max_child_sitemaps]:
                await self.sitemap(canonicalize(child, drop_pagination=False), depth + 1)

    async def index(self, url: str) -> None:
        got = await self._get(url, "index")
        if got is None:
            return
        body, text, report = got
        html = text if text is not None else decode_html(body, None)[0]
        report.found = self._offer((SourceLink(link) for link in parse_index_page(html, url)), url)

    async def robots_sitemaps(self) -> list[str]:
        roots = {_root(u) for u in (*self.profile.feeds, *self.profile.sitemaps, *self.profile.index_pages)}
        found: list[str] = []
        for root in sorted(roots):
            try:
                rules = await self.fetcher.robots_rules(root)
            except FetchError:
                continue
            found.extend(rules.sitemaps[: self.limits.max_robots_sitemaps])
        return found

    async def run(self) -> Discovery:
        p = self.profile
        await asyncio.gather(*(self.feed(u) for u in p.feeds))
        sitemaps = list(p.sitemaps)
        if self.limits.robots_sitemaps:
            sitemaps += [s for s in await self.robots_sitemaps() if s not in sitemaps]
        for url in sitemaps:
            await self.sitemap(url)
        await asyncio.gather(*(self.index(u) for u in p.index_pages))
        self.result.candidates = sorted(
            self._found.values(), key=lambda c: c.published or _OLDEST, reverse=True
        )
        return self.result


def _root(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


async def discover_site(
    profile: SiteProfile,
    fetcher: Fetcher,
    archive: SourceArchive | None = None,
    limits: DiscoveryLimits | None = None,
) -> Discovery:
    """Discover ``profile``'s current article URLs (see module docstring). Never raises
    for a bad source; failed sources are listed in the result."""
    return await _Discoverer(profile, fetcher, archive or _NoArchive(), limits or DiscoveryLimits()).run()
