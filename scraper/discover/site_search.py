"""Walking a site's own keyword search: the article URLs it lists for one word.

The search is the profile's data (:class:`scraper.sites.base.Search`): a URL template,
result-link selectors or a JSON path, the paging rule and whether results come newest
first. Pages are walked until one brings no new result, until ``max_pages`` (the walk is
then *capped*, reported like an archive day that hit its cap), or, for a date-sorted
search, until a page whose dated results are all older than the range's start: the
older pages cannot hold anything in range.

Every request goes through the crawl's fetcher (robots.txt, politeness, SSRF guard).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import quote, urljoin

from selectolax.lexbor import LexborHTMLParser

from scraper.discover.sources import Candidate, judge_link
from scraper.errors import FailureKind, FetchError
from scraper.fetch.client import Fetcher
from scraper.fetch.urls import canonicalize, url_date
from scraper.localtime import WIB, assume_wib
from scraper.sites.base import Search, SiteProfile

__all__ = ["SearchWalk", "dig", "search_results", "search_url", "walk_search"]


@dataclass
class SearchWalk:
    """What one search gave for one word."""

    template: str
    word: str
    candidates: list[Candidate] = field(default_factory=list)
    pages: int = 0
    #: Result links the pages listed (articles of the site, before any filter).
    results: int = 0
    #: Results dropped because their listed title lacks the word (``title_filter``).
    off_topic: int = 0
    capped: bool = False
    #: The walk stopped early: a page's dated results were all older than the start.
    stopped_at_start: bool = False
    error: str | None = None


def search_url(search: Search, word: str, page: int, since: date | None = None, until: date | None = None) -> str:
    """The template filled in for ``word`` and result page ``page`` (1-based)."""
    number = search.first_page + (page - 1) * search.page_step
    template = search.first_url if page == 1 and search.first_url else search.url
    low = datetime.combine(since or date(2000, 1, 1), time(), UTC)
    high = datetime.combine(until or datetime.now(WIB).date(), time(), UTC)
    return template.format(query=quote(word, safe=""), slug=quote("-".join(word.lower().split()), safe=""),
                           page=number, since=low, until=high)


async def walk_search(fetcher: Fetcher, profile: SiteProfile, search: Search, word: str,
                      since: datetime | None = None, until: datetime | None = None) -> SearchWalk:
    """The article URLs ``search`` lists for ``word``. Never raises for a bad result page:
    the walk's ``error`` says what failed."""
    walk = SearchWalk(search.url, word)
    seen: set[str] = set()
    first = since.astimezone(WIB).date() if since else None
    last = (until - timedelta(microseconds=1)).astimezone(WIB).date() if until else None
    for page in range(1, search.max_pages + 1):
        url = search_url(search, word, page, first, last)
        try:
            result = await fetcher.fetch(url, accept="any" if search.kind == "json" else "html")
        except FetchError as exc:
            if not (walk.pages and exc.kind is FailureKind.HTTP and exc.status in (400, 404, 410)):
                walk.error = f"{exc.kind}: {exc}"  # (WordPress answers 400 past its last page)
            return walk
        walk.pages += 1
        try:
            listed = search_results(search, result.decoded(), url)
        except ValueError as exc:  # a JSON search answering HTML: a WAF or maintenance page
            walk.error = f"json: {exc}"
            return walk
        new = [r for r in listed if _take(profile, r, walk, seen, search)]
        if not new:
            return walk
        if search.newest_first and since is not None and _all_older(new, since):
            walk.stopped_at_start = True
            return walk
    walk.capped = search.max_pages > 1  # a one-page search (a topic page) is whole by design
    return walk


_Result = tuple[str, datetime | None, str | None]


def _take(profile: SiteProfile, result: _Result, walk: SearchWalk, seen: set[str], search: Search) -> bool:
    """Count and keep one listed result when it is a new article URL of the site."""
    raw, when, title = result
    url = canonicalize(raw)
    if judge_link(profile, url) != "article" or url in seen:
        return False
    seen.add(url)
    walk.results += 1
    if search.title_filter and not (title and walk.word.lower() in title.lower()):
        walk.off_topic += 1
        return True
    # No listed title on the candidate: the crawl would match the words against it before
    # fetching, and a search finds words in the body too (``title_filter`` decided above).
    walk.candidates.append(Candidate(url, f"search:{walk.word}", when))
    return True


def _all_older(results: list[_Result], since: datetime) -> bool:
    """Every result that carries a date (its own or its URL's) is before ``since``; a page
    with no dated result says nothing."""
    days = [when.astimezone(WIB).date() if when else url_date(url) for url, when, _ in results]
    known = [d for d in days if d is not None]
    return bool(known) and all(d < since.astimezone(WIB).date() for d in known)


def search_results(search: Search, text: str, base: str) -> list[_Result]:
    """What one result page lists: (URL, date, title) per result, in page order.
    ValueError when a JSON search's answer is not JSON."""
    if search.kind == "json":
        return _json_results(search, text, base)
    tree = LexborHTMLParser(text)
    for selector in search.links or ("a[href]",):
        nodes = [n for n in tree.css(selector) if (n.attributes.get("href") or "").strip()]
        if nodes:
            return [(urljoin(base, (n.attributes.get("href") or "").strip()), None, n.text(strip=True) or None)
                    for n in nodes]
    return []


def _json_results(search: Search, text: str, base: str) -> list[_Result]:
    try:
        items = dig(json.loads(text), search.items)
    except ValueError:
        raise ValueError(f"{base} did not answer JSON") from None
    out: list[_Result] = []
    for item in items if isinstance(items, list) else []:
        url = dig(item, search.item_url)
        if isinstance(url, str) and url:
            out.append((urljoin(base, url), _when(dig(item, search.item_date)), _text(dig(item, search.item_title))))
    return out


def dig(value: Any, path: str) -> Any:
    """``value`` at the dotted ``path`` ("" = itself; None when a key is missing)."""
    for key in path.split(".") if path else ():
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return assume_wib(moment)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return LexborHTMLParser(value).text(strip=True) if "<" in value or "&" in value else value
    return None
