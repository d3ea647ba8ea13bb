"""robots.txt: fetched once per host per run, parsed with protego, asked before each fetch.

Status handling follows RFC 9309:
- 2xx: the file's rules apply (for our product token, else ``*``).
- 4xx (404, but also 401/403): "unavailable" -> everything is allowed.
- 5xx, timeouts, connection errors (after the fetcher's retries): "unreachable" -> we read
  this as *disallow everything on this host for this run*, the conservative choice RFC
  9309 gives. A site whose robots.txt is down is often a site in trouble; the next run
  tries again. The crawl reports such hosts as skipped with kind "robots" — except when
  the host could not be reached at all (DNS failure, refused, timeout): then the fetch
  fails with that network kind, which is what the operator needs to read.
Redirects of robots.txt are followed by the fetch function (up to its hop limit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from scraper.errors import FailureKind, FetchError

__all__ = ["RobotsCache", "RobotsRules", "RobotsShare", "robots_url"]

#: (status, body) of GET /robots.txt; raises FetchError when the host is unreachable.
RobotsFetch = Callable[[str], Awaitable[tuple[int, bytes]]]
#: RFC 9309: crawlers must parse at least 500 KiB; we parse that much and no more.
MAX_ROBOTS_BYTES = 500 * 1024


def robots_url(url: str) -> str:
    """``scheme://host[:port]/robots.txt`` for ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


@dataclass
class RobotsRules:
    """The parsed policy of one host."""

    agent: str
    #: "ok" (parsed), "missing" (4xx: allow all), "unreachable" (5xx/network: deny all).
    source: str
    parser: Protego | None = None
    error: str = ""
    #: FetchError kind when robots.txt could not be fetched at all (connect, timeout...).
    error_kind: FailureKind | None = None
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        if self.source == "unreachable":
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, self.agent))

    @property
    def host_unreachable(self) -> bool:
        """robots.txt failed at the network level (DNS, refused, timeout): the host itself
        is down, which is a fetch failure to report as such, not a robots.txt rule."""
        return self.source == "unreachable" and self.error_kind is not None and self.error_kind.unreachable

    @property
    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None

    @classmethod
    def parse(cls, text: str, agent: str) -> RobotsRules:
        parser = Protego.parse(text)
        return cls(agent, "ok", parser, sitemaps=list(parser.sitemaps))


class RobotsShare(Protocol):
    """robots.txt answers shared by every worker of a distributed crawl, so a host's file
    is fetched once, not once per worker process."""

    async def get(self, url: str) -> tuple[int, bytes] | None: ...
    async def put(self, url: str, status: int, body: bytes) -> None: ...


class RobotsCache:
    """One :class:`RobotsRules` per scheme+host, fetched on first use, shared by concurrent callers."""

    def __init__(self, fetch: RobotsFetch, agent: str, share: RobotsShare | None = None) -> None:
        self._fetch = fetch
        self.agent = agent
        self._share = share
        self._rules: dict[str, asyncio.Future[RobotsRules]] = {}

    async def rules(self, url: str) -> RobotsRules:
        key = robots_url(url)
        future = self._rules.get(key)
        if future is None:
            future = asyncio.ensure_future(self._load(key))
            self._rules[key] = future
        rules = await asyncio.shield(future)
        if rules.error_kind is FailureKind.DEADLINE and self._rules.get(key) is future:
            # One article's budget ran out, not the host's chance: the next article asks again.
            del self._rules[key]
        return rules

    async def allowed(self, url: str) -> bool:
        return (await self.rules(url)).allowed(url)

    def known(self) -> dict[str, RobotsRules]:
        """The rules fetched so far (for reports), keyed by robots.txt URL."""
        return {key: fut.result() for key, fut in self._rules.items() if fut.done() and not fut.exception()}

    async def _load(self, url: str) -> RobotsRules:
        try:
            status, body = await self._answer(url)
        except FetchError as exc:
            return RobotsRules(self.agent, "unreachable", error=f"{exc.kind}: {exc}", error_kind=exc.kind)
        return self._rules_of(status, body)

    async def _answer(self, url: str) -> tuple[int, bytes]:
        """(status, body) of the host's robots.txt: the shared copy, else fetched (and shared:
        only real answers, never a network failure, which the next run retries)."""
        shared = await self._share.get(url) if self._share is not None else None
        if shared is not None:
            return shared
        status, body = await self._fetch(url)
        if self._share is not None and status < 500:  # a 5xx is today's trouble: not shared
            await self._share.put(url, status, body)
        return status, body

    def _rules_of(self, status: int, body: bytes) -> RobotsRules:
        if 200 <= status < 300:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            return RobotsRules.parse(text, self.agent)
        if 400 <= status < 500:
            return RobotsRules(self.agent, "missing", error=f"HTTP {status}")
        return RobotsRules(self.agent, "unreachable", error=f"HTTP {status}")
