"""What a crawl run does, as plain data: the plan one command builds and every executor runs.

Two things make a crawl, and they come from two different places:

- the :class:`CrawlPlan` — which sites, sources, date range, ``--match``, pace, caps — is
  decided once by whoever starts the run (``scraper crawl``) and may travel: the
  distributed crawl puts it, as JSON, in its task messages;
- the :class:`Trust` settings — ``--resolve`` rules, private-network access, robots.txt
  obedience — are decided by the machine that makes the requests, and never travel: the
  local crawl takes them from its own command line, a ``scraper worker`` from *its* command
  line. A task message that tried to carry them has nothing to carry them in.

:func:`build_options` joins the two into the :class:`~pipelines.crawl.CrawlOptions` both
executors run. Relative dates ("30d") are fixed into instants when the plan is built, so
every worker means the same range.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pipelines.crawl import CrawlOptions
from pipelines.search import word_patterns
from scraper.discover.adhoc_profile import adhoc_profiles
from scraper.discover.sources import DiscoveryLimits
from scraper.errors import InputError
from scraper.fetch.client import FetchConfig
from scraper.fetch.resolve import ResolveMap
from scraper.fetch.urls import is_http_url
from scraper.filters.daterange import parse_range
from scraper.filters.textmatch import compile_pattern
from scraper.localtime import WIB
from scraper.sites import all_profiles, get_profile
from scraper.sites.base import SiteProfile

__all__ = ["CrawlPlan", "Trust", "build_options", "parse_duration"]

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``1h30m``, ``90s``, ``2h``, ``45`` (seconds) -> timedelta. Raises ValueError."""
    text = text.strip().lower()
    pos, seconds = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            break
        seconds += float(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if not text or pos != len(text):
        raise ValueError(f"bad duration {text!r} (examples: 90s, 30m, 1h30m)")
    return timedelta(seconds=seconds)


@dataclass(frozen=True)
class Trust:
    """What only the machine making the requests decides (see the module docstring)."""

    resolve: tuple[str, ...] = ()
    allow_private: bool = False
    ignore_robots: bool = False


@dataclass(frozen=True)
class CrawlPlan:
    """A run's work and pace, JSON-safe. Sites are registered profile names; ``sitemaps``,
    ``feeds`` and ``starts`` are the sources of sites without a profile."""

    sites: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    max_articles: int | None = None
    #: ISO instants (aware), fixed when the plan was built.
    since: str | None = None
    until: str | None = None
    match: tuple[str, ...] = ()
    no_delay: bool = False
    delay: float | None = None
    per_host_concurrency: int | None = None
    recheck_hours: float = 48.0
    recheck_after: float = 3600.0
    dedupe: bool = True
    workers: int | None = None
    #: ``--search`` words: each site's own search (else its archive + headline match).
    search: tuple[str, ...] = ()
    #: One total deadline per article, seconds (None: the fetcher's default).
    deadline: float | None = None
    #: Filled in by :meth:`checked`; kept out of the JSON.
    _profiles: tuple[SiteProfile, ...] = field(default=(), compare=False, repr=False)

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def from_args(cls, args: Any, now: datetime | None = None) -> CrawlPlan:
        """The plan of ``scraper crawl``'s arguments; raises InputError on a bad value."""
        try:
            since, until = parse_range(args.since, args.until, now or datetime.now(UTC), tz=WIB)
            recheck_after = parse_duration(args.recheck_after).total_seconds()
        except ValueError as exc:
            raise InputError(str(exc)) from None
        plan = cls(sites=tuple(args.site), sitemaps=tuple(args.sitemap), feeds=tuple(args.feed),
                   starts=tuple(args.start), max_articles=args.max_articles,
                   since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                   match=tuple(args.match), no_delay=bool(args.no_delay), delay=args.delay,
                   per_host_concurrency=args.per_host_concurrency, recheck_hours=float(args.recheck_hours),
                   recheck_after=recheck_after, dedupe=not getattr(args, "no_dedupe", False), workers=args.workers,
                   deadline=getattr(args, "deadline", None),
                   search=tuple(w.strip() for w in getattr(args, "search", ())))
        return plan.checked()

    def checked(self) -> CrawlPlan:
        """This plan validated (a bad value: InputError), with its site profiles resolved.
        A worker calls it on every plan it receives: a message is input like any other."""
        if self.delay is not None and self.delay < 0:
            raise InputError("--delay must be >= 0")
        if self.max_articles is not None and self.max_articles < 0:
            raise InputError("--max-articles must be >= 0")
        if self.per_host_concurrency is not None and self.per_host_concurrency < 1:
            raise InputError("--per-host-concurrency must be at least 1")
        if self.until is not None and self.since is None:
            raise InputError("--until goes with --since")
        for url in (*self.sitemaps, *self.feeds, *self.starts):
            if not is_http_url(url):
                raise InputError(f"not an http(s) URL: {url!r}")
        if any(not w.strip() for w in self.search):
            raise InputError("--search needs a word")
        if self.deadline is not None and self.deadline <= 0:
            raise InputError("--deadline must be > 0")
        try:
            for pattern in self.match:
                compile_pattern(pattern)
            self.window()
        except ValueError as exc:  # PatternError too
            raise InputError(str(exc)) from None
        return replace(self, _profiles=tuple(self._resolve_profiles()))

    def _resolve_profiles(self) -> list[SiteProfile]:
        """``sites`` by name, the sites of the ad-hoc sources, or every site."""
        chosen = adhoc_profiles(sitemaps=self.sitemaps, feeds=self.feeds, starts=self.starts)
        if not self.sites:
            return chosen or _scheduled()
        for name in self.sites:
            profile = get_profile(name)
            if profile is None:
                known = ", ".join(p.name for p in all_profiles())
                raise InputError(f"unknown site {name!r} (known: {known})")
            chosen.append(profile)
        return chosen

    # --- reading ----------------------------------------------------------------------------

    @property
    def profiles(self) -> list[SiteProfile]:
        if not self._profiles:
            raise ValueError("an unchecked plan has no profiles: call checked() first")
        return list(self._profiles)

    def profile(self, name: str) -> SiteProfile:
        """The plan's site called ``name`` (InputError when the plan has none)."""
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise InputError(f"site {name!r} is not in this crawl's plan")

    def window(self) -> tuple[datetime | None, datetime | None]:
        since = datetime.fromisoformat(self.since) if self.since else None
        until = datetime.fromisoformat(self.until) if self.until else None
        for moment in (since, until):
            if moment is not None and moment.tzinfo is None:
                raise ValueError(f"a plan's range needs aware instants, got {moment.isoformat()}")
        return since, until

    # --- the wire ---------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_profiles")
        return data

    @classmethod
    def from_json(cls, data: Any) -> CrawlPlan:
        """A plan from a message (checked); anything that is not one is an InputError."""
        if not isinstance(data, dict):
            raise InputError("a crawl plan must be an object")
        names = {f for f in cls.__dataclass_fields__ if not f.startswith("_")}
        unknown = set(data) - names
        if unknown:
            raise InputError(f"a crawl plan has no field {sorted(unknown)[0]!r}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            default = cls.__dataclass_fields__[key].default
            values[key] = _typed(key, value, default)
        return cls(**values).checked()


def _typed(key: str, value: Any, default: Any) -> Any:
    """``value`` in the type of the field's default, or InputError."""
    if isinstance(default, tuple):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise InputError(f"crawl plan: {key} must be a list of strings")
        return tuple(value)
    if value is None:
        if default is None:
            return None
        raise InputError(f"crawl plan: {key} cannot be null")
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InputError(f"crawl plan: {key} must be true or false")
        return value
    wanted: tuple[type, ...] = {"max_articles": (int,), "per_host_concurrency": (int,), "workers": (int,),
                                "since": (str,), "until": (str,)}.get(key, (int, float))
    if isinstance(value, bool) or not isinstance(value, wanted):
        raise InputError(f"crawl plan: {key} has the wrong type")
    return value


def _scheduled() -> list[SiteProfile]:
    """Every reviewed profile: a draft from ``scraper sites new`` (``reviewed=False``) is
    left out, with one line saying so, until a person has checked it."""
    drafts = [p.name for p in all_profiles() if not p.reviewed]
    if drafts:
        print(f"scraper crawl: not crawling unreviewed draft profiles: {', '.join(drafts)} "
              "(remove reviewed=False once checked; --site NAME runs one)", file=sys.stderr)
    return [p for p in all_profiles() if p.reviewed]


def build_options(plan: CrawlPlan, trust: Trust) -> CrawlOptions:
    """The :class:`~pipelines.crawl.CrawlOptions` of ``plan`` run under ``trust``."""
    fetch = FetchConfig.fast(max_delay=0.0) if plan.no_delay else FetchConfig()
    if trust.ignore_robots:
        fetch = replace(fetch, obey_robots=False)
    if trust.allow_private:
        fetch = replace(fetch, public_only=False)
    if plan.per_host_concurrency:
        fetch = replace(fetch, per_host_concurrency=plan.per_host_concurrency)
    if plan.delay is not None:
        fetch = replace(fetch, delay=plan.delay)
    if plan.deadline is not None:
        fetch = replace(fetch, article_deadline=plan.deadline)
    since, until = plan.window()
    adhoc = bool(plan.sitemaps or plan.feeds or plan.starts)
    match = tuple(compile_pattern(p) for p in plan.match)
    if plan.search and not match:
        match = word_patterns(plan.search)  # store only what holds a searched word
    return CrawlOptions(
        profiles=plan.profiles, max_articles=plan.max_articles, fetch=fetch,
        resolve=ResolveMap.from_specs(list(trust.resolve)), recheck_hours=plan.recheck_hours,
        recheck_after=timedelta(seconds=plan.recheck_after), workers=plan.workers,
        workers_per_site=max(4, 2 * fetch.per_host_concurrency), since=since, until=until,
        match=match, search=plan.search, dedupe=plan.dedupe,
        # the sources given are the crawl: not every sitemap the site's robots.txt lists
        limits=DiscoveryLimits(robots_sitemaps=not adhoc),
    )
