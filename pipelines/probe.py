"""``scraper doctor --live``: which capability of which site answers today.

For each selected site, one polite request per capability the profile declares: its first
feed, its first sitemap, today's page of its first dated archive, its site search for a
common word, and one article (the first article link the others gave), extracted on the
profile path. Every request goes through the crawl's fetcher (robots.txt, per-host
politeness, ``--resolve``), so a probe is exactly what a crawl would see.

The answers are kept in the store (``probes``: the last answer of each site capability and
when it last worked). A capability that worked before and fails now is a *regression*:
the command exits non-zero on one, so a daily timer can alert. ``scraper sites`` shows the
date a capability was last verified live.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import partial

from scraper.article import Article
from scraper.discover.archive_days import archive_url
from scraper.discover.feeds import parse_feed, parse_index_page
from scraper.discover.site_search import search_results, search_url
from scraper.discover.sitemaps import SitemapError, parse_sitemap
from scraper.discover.sources import judge_link
from scraper.errors import FetchError, RobotsDisallowed
from scraper.extract.article_documents import fetch_whole_article
from scraper.extract.pipeline import extract_pages
from scraper.fetch.client import Accept, Fetcher
from scraper.fetch.page import PageRecord
from scraper.fetch.urls import canonicalize
from scraper.localtime import WIB
from scraper.sites.base import SiteProfile
from scraper.store import Store

__all__ = ["CAPABILITIES", "Probe", "probe_sites", "record", "regressions"]

CAPABILITIES = ("feed", "sitemap", "archive", "search", "article")
#: The word a site search is probed with: common in every Indonesian outlet.
COMMON_WORD = "indonesia"


@dataclass
class Probe:
    """One capability's answer: ``status`` ok | empty | failed | none (not declared)."""

    site: str
    capability: str
    status: str
    url: str = ""
    links: int = 0
    elapsed_ms: float = 0.0
    detail: str = ""
    #: A capability that worked before (per the store) and does not now.
    regression: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


async def probe_sites(fetcher: Fetcher, profiles: list[SiteProfile], word: str = COMMON_WORD) -> list[Probe]:
    """Every capability of every site (sites concurrently, each site's requests in turn)."""
    per_site = await asyncio.gather(*(_probe_site(fetcher, p, word) for p in profiles))
    return [probe for probes in per_site for probe in probes]


async def _probe_site(fetcher: Fetcher, profile: SiteProfile, word: str) -> list[Probe]:
    today = datetime.now(WIB).date()
    articles: list[str] = []
    out = []
    steps: tuple[tuple[str, str, Accept, Reader], ...] = (
        ("feed", profile.feeds[0] if profile.feeds else "", "xml", _feed_links),
        ("sitemap", profile.sitemaps[0] if profile.sitemaps else "", "xml", _sitemap_links),
        ("archive", archive_url(profile.archives[0], today) if profile.archives else "",
         "xml" if profile.archives and profile.archives[0].kind == "sitemap" else "html", _archive_links),
        ("search", search_url(profile.search[0], word, 1) if profile.search else "",
         "any" if profile.search and profile.search[0].kind == "json" else "html", _search_links),
    )
    for capability, url, accept, read in steps:
        probe, links = await _one(fetcher, profile, capability, url, accept, read)
        out.append(probe)
        articles += [link for link in links if judge_link(profile, link) == "article"]
    out.append(await _article(fetcher, profile, articles[0] if articles else ""))
    return out


Reader = Callable[[SiteProfile, bytes, str], list[str]]


async def _one(fetcher: Fetcher, profile: SiteProfile, capability: str, url: str, accept: Accept,
               read: Reader) -> tuple[Probe, list[str]]:
    if not url:
        return Probe(profile.name, capability, "none"), []
    start = time.monotonic()
    try:
        result = await fetcher.fetch(url, accept=accept)
        links = read(profile, result.body, url)
    except (FetchError, SitemapError, ValueError) as exc:  # ValueError: a JSON search answering HTML
        return Probe(profile.name, capability, "failed", url, 0, _ms(start), _why(exc)), []
    status = "ok" if links else "empty"
    return Probe(profile.name, capability, status, url, len(links), _ms(start),
                 "" if links else "answered, but no article link"), links


async def _article(fetcher: Fetcher, profile: SiteProfile, url: str) -> Probe:
    """The first article link found, fetched and extracted: did the profile path read it?"""
    if not url:
        return Probe(profile.name, "article", "none", detail="no article link from the other capabilities")
    start = time.monotonic()
    extract = partial(_extract, profile)
    try:
        got = await fetch_whole_article(fetcher, url, profile=profile, extract=extract)
    except FetchError as exc:
        return Probe(profile.name, "article", "failed", url, 0, _ms(start), _why(exc))
    article = got.article
    if article is None or article.status != "ok":
        return Probe(profile.name, "article", "failed", url, 0, _ms(start),
                     f"{article.status if article else 'unchanged'}: {article.error if article else ''}".strip())
    on_profile = (article.extractor or "").startswith("site:")
    wanted = profile.extraction == "generic" or on_profile
    return Probe(profile.name, "article", "ok" if wanted else "empty", url, 1, _ms(start),
                 f"extractor {article.extractor}, {article.word_count} words"
                 + ("" if wanted else " (the profile's selectors missed: generic fallback)"))


async def _extract(profile: SiteProfile, pages: list[PageRecord]) -> Article:
    return extract_pages(pages, profile=profile)


def _feed_links(profile: SiteProfile, body: bytes, url: str) -> list[str]:
    return _articles(profile, [link.url for link in parse_feed(body, url)])


def _sitemap_links(profile: SiteProfile, body: bytes, url: str) -> list[str]:
    doc = parse_sitemap(body)
    return _articles(profile, [link.url for link in doc.urls]) or [child for child, _ in doc.children]


def _archive_links(profile: SiteProfile, body: bytes, url: str) -> list[str]:
    if profile.archives[0].kind == "sitemap":
        return _sitemap_links(profile, body, url)
    return _articles(profile, parse_index_page(body.decode("utf-8", "replace"), url))


def _search_links(profile: SiteProfile, body: bytes, url: str) -> list[str]:
    return _articles(profile, [r[0] for r in search_results(profile.search[0], body.decode("utf-8", "replace"), url)])


def _articles(profile: SiteProfile, urls: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for raw in urls:
        url = canonicalize(raw)
        if judge_link(profile, url) == "article":
            seen.setdefault(url)
    return list(seen)


def _ms(start: float) -> float:
    return round((time.monotonic() - start) * 1000, 1)


def _why(exc: Exception) -> str:
    if isinstance(exc, RobotsDisallowed):
        return "robots.txt disallows it"
    return f"{getattr(exc, 'kind', 'error')}: {exc}"


def regressions(store: Store, probes: list[Probe]) -> list[Probe]:
    """Mark (and return) the probes whose capability worked before and fails now."""
    before = store.probes()
    for probe in probes:
        last = before.get((probe.site, probe.capability))
        probe.regression = probe.status in ("failed", "empty") and bool(last and last["last_ok_at"])
    return [p for p in probes if p.regression]


def record(store: Store, probes: list[Probe]) -> None:
    """Keep every declared capability's answer as its last one."""
    for p in probes:
        if p.status != "none":
            store.record_probe(p.site, p.capability, p.url, ok=p.ok, links=p.links, elapsed_ms=p.elapsed_ms,
                               detail=p.detail)
