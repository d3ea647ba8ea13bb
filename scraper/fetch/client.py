"""Polite, bounded, retrying HTTP fetching (httpx.AsyncClient).

One :class:`Fetcher` serves a whole crawl: sites run concurrently on one event loop, and
the fetcher keeps per-host politeness (:mod:`scraper.fetch.politeness`) and robots.txt
(:mod:`scraper.fetch.robots`) across them. What a fetch guarantees:

- bounded: connect/read timeouts plus a total time per attempt; the decoded body is
  capped (10 MB default) while streaming, so a gzip bomb is cut off, never held;
- checked at every redirect hop (followed by hand, ``max_redirects`` hops, loops end
  with kind "redirect"): the SSRF guard (``public_only``, on by default) and robots.txt;
- retried (tenacity, exponential backoff with jitter) only for what may pass
  (:meth:`~scraper.errors.FailureKind.retried`: timeouts, dropped connections,
  408/429/500/502/503/504), honouring Retry-After (capped);
- reported: every attempt goes to ``on_attempt(url, attempt, status, error_kind, error,
  elapsed_ms)`` so the crawl can store it in the ``fetches`` table;
- honest about failure: only :class:`~scraper.errors.FetchError` escapes, its ``kind`` a
  :class:`~scraper.errors.FailureKind` (timeout, connect, http, too_large, not_html,
  redirect, robots, blocked, invalid_url, private_address, deadline);
- within a budget when asked (:meth:`Fetcher.budget`): every request made inside it
  (robots.txt, redirects, retries and their back-off) draws on one total, so one article's
  documents together cannot hold a worker longer than its deadline (kind "deadline").

:func:`scraper.extract.article_documents.fetch_whole_article` builds a whole article on top of it.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urldefrag, urljoin

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
)

from scraper.errors import RETRY_STATUSES, BlockedError, FailureKind, FetchError, RobotsDisallowed
from scraper.fetch.botwall import challenge_header, detect_block, too_big_for_a_wall
from scraper.fetch.charset import decode_html
from scraper.fetch.decompress import ACCEPT_ENCODING, BoundedDecoder
from scraper.fetch.politeness import Pacer, Politeness
from scraper.fetch.resolve import (
    ResolveMap,
    ResolvingAsyncTransport,
    as_resolve_map,
    check_public,
    connect_host,
    is_ip_literal,
)
from scraper.fetch.robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsRules, RobotsShare
from scraper.fetch.urls import host_of, is_http_url

__all__ = [
    "DEFAULT_USER_AGENT",
    "AttemptCallback",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "HTTPStatusError",
    "parse_retry_after",
]

DEFAULT_USER_AGENT = "IndoNewsScraper/0.1 (+https://github.com/indonews/scraper)"
ROBOTS_AGENT = "IndoNewsScraper"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = HTML_TYPES | {
    "application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
    "application/rdf+xml", "application/gzip", "application/x-gzip",
}
#: Types servers use when they do not know; the body decides (sniffed after reading).
SNIFF_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
ERROR_BODY_BYTES = 256 * 1024
#: How long a host found public by the SSRF guard is not looked up again (seconds).
PUBLIC_CHECK_TTL = 60.0

Accept = Literal["html", "xml", "any"]
#: on_attempt(url, attempt, status, error_kind, error, elapsed_ms)
AttemptCallback = Callable[[str, int, int | None, FailureKind | None, str | None, float], None]


@dataclass(frozen=True)
class FetchConfig:
    """Every knob of the fetcher; defaults are the polite production values."""

    user_agent: str = DEFAULT_USER_AGENT
    robots_agent: str = ROBOTS_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: Wall-clock limit of one attempt (slow-drip servers pass the read timeout).
    total_timeout: float = 60.0
    #: One article's total time on the network: all its documents (robots.txt, pages,
    #: later pages, AMP/payload), redirects, retries and back-off (``--deadline``). 30 s
    #: is ~30x a news page's usual fetch and ~3x a slow one's, and keeps a drip-feeding
    #: server (1 byte per 2 s passes every read timeout) from holding a worker for minutes.
    #: Time queued behind our own politeness delay is not counted: that is ours, not the site's.
    article_deadline: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    attempts: int = 3
    #: No new attempt starts if its backoff would end past this many seconds.
    retry_total: float = 180.0
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    retry_after_cap: float = 120.0
    per_host_concurrency: int = 2
    delay: float = 1.0
    #: Minimum per-host delay after a 429/5xx (the delay doubles from max(delay, this)).
    error_delay: float = 1.0
    max_delay: float = 60.0
    obey_robots: bool = True
    #: The SSRF guard: refuse private/loopback/link-local targets at every hop of every
    #: request (robots, feeds, sitemaps, articles, next pages), unless ``--resolve``
    #: names the host. Off only with an explicit ``--allow-private``.
    public_only: bool = True

    @classmethod
    def fast(cls, **overrides: object) -> FetchConfig:
        """No delays, short timeouts: for tests and benchmarks against a loopback mirror."""
        base: dict[str, object] = dict(
            delay=0.0, error_delay=0.0, backoff_initial=0.05, backoff_max=0.2,
            connect_timeout=2.0, read_timeout=2.0, total_timeout=5.0, retry_total=20.0,
        )
        base.update(overrides)
        return cls(**base)  # type: ignore[arg-type]


@dataclass
class FetchResult:
    """A response we accept: 2xx with an allowed type, or 304 for a conditional GET."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content_type: str
    body: bytes
    text: str | None
    encoding: str | None
    #: Wall time of the whole fetch: host-slot waits, retries and redirects included
    #: (``on_attempt`` reports each request's own time).
    elapsed_ms: float
    etag: str | None
    last_modified: str | None
    not_modified: bool
    fetched_at: datetime
    #: URLs of the redirect hops after ``url`` (the last one is ``final_url``).
    redirects: list[str] = field(default_factory=list)

    def decoded(self) -> str:
        """The body as text: ``text`` when the fetcher decoded it, else decoded now (a big
        HTML page is left to whoever reads it: the crawl's extraction processes)."""
        if self.text is None:
            self.text, self.encoding = decode_html(self.body, self.content_type)
        return self.text


class HTTPStatusError(FetchError):
    """Kind http: the server answered with an error status; ``retry_after`` in seconds."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message, kind=FailureKind.HTTP, status=status)
        self.retry_after = retry_after


class _Cookies(httpx.Cookies):
    """The client's cookie jar, asked only about responses that set a cookie: httpx wraps
    every response and its request in urllib compatibility objects to ask the jar, a
    twentieth of the crawl loop's time on a fast mirror, and most article pages set none."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


@dataclass
class _Budget:
    """Seconds left to the requests of one :meth:`Fetcher.budget` block."""

    seconds: float
    left: float

    def spend(self, seconds: float) -> None:
        self.left -= seconds

    def exhausted(self, url: str) -> FetchError:
        return FetchError(f"deadline: {self.seconds:g}s spent on this article's documents before {url} "
                          "completed (--deadline)", kind=FailureKind.DEADLINE)


#: The budget of the article being fetched in this task (contextvars follow the awaits).
_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("fetch_budget", default=None)


@dataclass
class _Raw:
    status: int
    headers: dict[str, str]
    body: bytes
    text: str | None = None
    encoding: str | None = None


class Fetcher:
    """Shared fetching state of a crawl. Use ``async with Fetcher(config) as f``."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        resolve: ResolveMap | Iterable[str] | None = None,
        on_attempt: AttemptCallback | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        pacer: Pacer | None = None,
        robots_share: RobotsShare | None = None,
    ) -> None:
        """``pacer`` and ``robots_share`` replace this process's politeness and robots cache
        with ones shared by every worker of a distributed crawl."""
        self.config = cfg = config or FetchConfig()
        self.resolve = as_resolve_map(resolve)
        self.on_attempt = on_attempt
        self.politeness: Pacer = pacer or Politeness(
            cfg.per_host_concurrency, cfg.delay, max_delay=cfg.max_delay, error_floor=cfg.error_delay
        )
        self.robots = RobotsCache(self._fetch_robots, cfg.robots_agent, robots_share)
        #: host -> until when its addresses are known to be public (monotonic seconds).
        self._public_until: dict[str, float] = {}
        inner = transport or httpx.AsyncHTTPTransport()
        self._client = httpx.AsyncClient(
            transport=ResolvingAsyncTransport(self.resolve, inner) if self.resolve else inner,
            timeout=httpx.Timeout(cfg.read_timeout, connect=cfg.connect_timeout, pool=cfg.total_timeout),
            follow_redirects=False,
            # Environment proxies would swallow --resolve's loopback targets.
            trust_env=not self.resolve,
            headers={
                "User-Agent": cfg.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "id,en;q=0.8",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )
        self._client._cookies = _Cookies()  # the constructor and setter would copy it into a plain Cookies

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    @staticmethod
    @contextmanager
    def budget(seconds: float | None) -> Iterator[None]:
        """Every request made in this block (this task and the awaits below it) draws on
        ``seconds`` in total: time inside a request and back-off before a retry; a request
        that would run past it ends with FetchError(kind=FailureKind.DEADLINE). None: no budget."""
        token = _BUDGET.set(_Budget(seconds, seconds) if seconds is not None else None)
        try:
            yield
        finally:
            _BUDGET.reset(token)

    async def robots_rules(self, url: str) -> RobotsRules:
        """The robots.txt policy of ``url``'s host (fetched once, then cached)."""
        return await self.robots.rules(url)

    async def fetch(
        self,
        url: str,
        *,
        accept: Accept = "html",
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET ``url`` following redirects; see the module docstring for the guarantees.

        ``accept``: "html" (HTML/XHTML only), "xml" (feeds and sitemaps: XML, RSS, Atom,
        gzip, and HTML) or "any". ``etag``/``last_modified`` make it a conditional GET;
        a 304 comes back as a result with ``not_modified=True``.
        """
        return await self._follow(url, accept, etag, last_modified, max_bytes, robots=True, truncate=False)

    # --- redirects and per-hop checks ---------------------------------------------------

    async def _follow(
        self,
        url: str,
        accept: Accept,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int | None,
        *,
        robots: bool,
        truncate: bool,
    ) -> FetchResult:
        url = url.strip()
        if not is_http_url(url):
            raise FetchError(f"not an http(s) URL: {url!r}", kind=FailureKind.INVALID_URL)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.config.max_bytes
        started = time.monotonic()
        current, hops = urldefrag(url)[0], list[str]()
        for _ in range(self.config.max_redirects + 1):
            await self._checked_hop(current, robots)
            raw = await self._request(current, headers, accept, limit, truncate)
            if raw.status not in REDIRECT_STATUSES:
                return self._result(url, current, raw, started, hops)
            current = self._next_hop(current, raw, [url, *hops])
            hops.append(current)
        raise FetchError(
            f"more than {self.config.max_redirects} redirects from {url}", kind=FailureKind.REDIRECT, status=raw.status
        )

    @staticmethod
    def _next_hop(current: str, raw: _Raw, seen: list[str]) -> str:
        location = raw.headers.get("location", "").strip()
        if not location:
            raise HTTPStatusError(f"HTTP {raw.status} without Location at {current}", raw.status)
        nxt = urldefrag(urljoin(current, location))[0]
        if not is_http_url(nxt):
            raise FetchError(f"redirect to a non-http URL {nxt!r}", kind=FailureKind.REDIRECT, status=raw.status)
        if nxt in seen:
            chain = " -> ".join([*seen[seen.index(nxt) :], nxt])
            raise FetchError(f"redirect loop: {chain}", kind=FailureKind.REDIRECT, status=raw.status)
        return nxt

    async def _checked_hop(self, url: str, robots: bool) -> None:
        """:meth:`_check_hop`, with a refusal reported like an attempt: no request is made,
        but the ``fetches`` log must still say why the URL was not fetched."""
        started = time.monotonic()
        try:
            await self._check_hop(url, robots)
        except FetchError as exc:
            self._report(url, 1, None, exc.kind, str(exc), started)
            raise

    async def _check_public(self, url: str) -> None:
        """The SSRF guard for one hop. A host's DNS answer is checked once a minute, in a
        thread (getaddrinfo blocks); hosts that need no lookup (named by --resolve, IP
        literals) are checked inline. The host is the one the transport connects to
        (``127。0。0。1`` is ``127.0.0.1`` here as it is there)."""
        host = connect_host(url)
        if self._public_until.get(host, 0.0) > time.monotonic():
            return
        if self.resolve.names(host) or is_ip_literal(host):
            check_public(url, False, self.resolve)
        else:
            await asyncio.to_thread(check_public, url, False, self.resolve)
        self._public_until[host] = time.monotonic() + PUBLIC_CHECK_TTL

    async def _check_hop(self, url: str, robots: bool) -> None:
        if self.config.public_only:
            await self._check_public(url)
        if robots and self.config.obey_robots:
            rules = await self.robots.rules(url)
            self.politeness.set_crawl_delay(_slot_host(url), rules.crawl_delay)
            if rules.host_unreachable:
                raise FetchError(f"cannot reach {host_of(url)} ({rules.error})",
                                 kind=rules.error_kind or FailureKind.CONNECT)
            if not rules.allowed(url):
                reason = f" ({rules.error})" if rules.error else ""
                raise RobotsDisallowed(f"robots.txt disallows {url}{reason}")

    async def _fetch_robots(self, url: str) -> tuple[int, bytes]:
        try:
            result = await self._follow(url, "any", None, None, MAX_ROBOTS_BYTES, robots=False, truncate=True)
        except FetchError as exc:
            if exc.kind.answered and exc.status:
                return exc.status, b""
            if exc.kind.no_document:
                return 404, b""  # no usable robots.txt: treated as missing
            raise
        return result.status, result.body

    # --- one request, retried ------------------------------------------------------------

    async def _request(
        self, url: str, headers: dict[str, str], accept: Accept, limit: int, truncate: bool
    ) -> _Raw:
        cfg = self.config
        retrying = AsyncRetrying(
            stop=stop_after_attempt(cfg.attempts) | stop_before_delay(cfg.retry_total),
            wait=self._wait,
            retry=retry_if_exception(_retryable),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                number = attempt.retry_state.attempt_number
                return await self._attempt(url, headers, accept, limit, truncate, number)
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            return _spent_waiting(min(float(retry_after), self.config.retry_after_cap))
        # Exponential with additive jitter, so hosts retried together do not stay in step.
        cfg = self.config
        backoff = min(cfg.backoff_max, cfg.backoff_initial * 2 ** (state.attempt_number - 1))
        return _spent_waiting(backoff + random.uniform(0, cfg.backoff_initial))

    async def _attempt(
        self, url: str, headers: dict[str, str], accept: Accept, limit: int, truncate: bool, number: int
    ) -> _Raw:
        host = _slot_host(url)
        budget = _BUDGET.get()
        if budget is not None and budget.left <= 0:  # before queueing for the host: a retry
            error = budget.exhausted(url)            # after a long Retry-After ends here
            self._report(url, number, None, error.kind, str(error), time.monotonic())
            raise error
        async with self.politeness.slot(host):
            started = time.monotonic()
            limit_s = min(self.config.total_timeout, budget.left if budget else math.inf)
            try:
                async with asyncio.timeout(limit_s):
                    raw = await self._exchange(url, headers, accept, limit, truncate)
            except FetchError as exc:
                if exc.kind.slows_host(exc.status):
                    self.politeness.penalize(host, getattr(exc, "retry_after", None))
                self._report(url, number, exc.status, exc.kind, str(exc), started)
                raise
            except TimeoutError:
                error = (budget.exhausted(url) if budget and limit_s < self.config.total_timeout else
                         FetchError(f"no complete answer within {self.config.total_timeout}s", kind=FailureKind.TIMEOUT))
                self._report(url, number, None, error.kind, str(error), started)
                raise error from None
            finally:
                if budget is not None:
                    budget.spend(time.monotonic() - started)
        self._report(url, number, raw.status, None, None, started)
        return raw

    def _report(
        self, url: str, number: int, status: int | None, kind: FailureKind | None, error: str | None, started: float
    ) -> None:
        if self.on_attempt is not None:
            elapsed = (time.monotonic() - started) * 1000
            self.on_attempt(url, number, status, kind, error, round(elapsed, 1))

    async def _exchange(
        self, url: str, headers: dict[str, str], accept: Accept, limit: int, truncate: bool
    ) -> _Raw:
        """One GET: status, headers, and the bounded decoded body; httpx errors mapped."""
        try:
            async with self._client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                lower = {k.lower(): v for k, v in resp.headers.items()}
                if status in REDIRECT_STATUSES or status == 304:
                    return _Raw(status, lower, b"")
                if status >= 400:
                    await self._raise_for_status(resp, url, status, lower)
                mime = _mime(lower.get("content-type"))
                if not _type_allowed(mime, accept):
                    raise FetchError(f"refusing {mime} content at {url}", kind=FailureKind.NOT_HTML, status=status)
                body = await _read(resp, lower, limit, truncate)
                if accept == "html" and mime in SNIFF_TYPES and not _looks_like_html(body):
                    raise FetchError(f"{mime or 'untyped'} body, not HTML: {url}", FailureKind.NOT_HTML, status)
                return _decoded(_Raw(status, lower, body), url, accept)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"invalid URL {url!r}: {exc}", kind=FailureKind.INVALID_URL) from None
        except httpx.TimeoutException as exc:
            raise FetchError(f"{type(exc).__name__} for {url}", kind=FailureKind.TIMEOUT) from None
        except (httpx.TransportError, httpx.StreamError) as exc:  # connect, reset, truncated body
            raise FetchError(f"{type(exc).__name__} for {url}: {exc}", kind=FailureKind.CONNECT) from None

    @staticmethod
    async def _raise_for_status(resp: httpx.Response, url: str, status: int, headers: dict[str, str]) -> None:
        try:
            body = await _read(resp, headers, ERROR_BODY_BYTES, truncate=True)
        except FetchError:
            body = b""
        text = decode_html(body, headers.get("content-type"))[0] if body else None
        wall = detect_block(status, headers, text)
        if wall:
            raise BlockedError(f"{wall} (HTTP {status}) at {url}", status=status)
        retry_after = parse_retry_after(headers.get("retry-after")) if status in RETRY_STATUSES else None
        raise HTTPStatusError(f"HTTP {status} for {url}", status, retry_after)

    @staticmethod
    def _result(url: str, final: str, raw: _Raw, started: float, hops: list[str]) -> FetchResult:
        return FetchResult(
            url=url,
            final_url=final,
            status=raw.status,
            headers=raw.headers,
            content_type=raw.headers.get("content-type", ""),
            body=raw.body,
            text=raw.text,
            encoding=raw.encoding,
            elapsed_ms=round((time.monotonic() - started) * 1000, 1),
            etag=raw.headers.get("etag"),
            last_modified=raw.headers.get("last-modified"),
            not_modified=raw.status == 304,
            fetched_at=datetime.now(UTC),
            redirects=hops,
        )


def _spent_waiting(seconds: float) -> float:
    """A back-off before a retry, charged to the article's budget and cut to what is left
    (the retry then ends at once as "deadline" instead of sleeping past it)."""
    budget = _BUDGET.get()
    if budget is None:
        return seconds
    seconds = max(0.0, min(seconds, budget.left))
    budget.spend(seconds)
    return seconds


def _slot_host(url: str) -> str:
    """The politeness key of ``url``: the host connected to, so ``news。detik。com`` waits
    in the same queue as ``news.detik.com`` (the raw text when httpx cannot parse it)."""
    try:
        return connect_host(url)
    except FetchError:
        return host_of(url)


def _decoded(raw: _Raw, url: str, accept: Accept) -> _Raw:
    """Decode the text (not for gzip payloads) and refuse captcha pages served as 200.

    An HTML page too big to be a wall (:func:`scraper.fetch.botwall.too_big_for_a_wall`, on its
    bytes) is not decoded here: the crawl's event loop would decode every article only to
    throw the text away, the extraction process decoding it again."""
    if raw.body.startswith(b"\x1f\x8b"):
        return raw
    if accept == "html" and too_big_for_a_wall(raw.status, len(raw.body)) and not challenge_header(raw.headers):
        return raw
    raw.text, raw.encoding = decode_html(raw.body, raw.headers.get("content-type"))
    if accept != "xml":
        wall = detect_block(raw.status, raw.headers, raw.text)
        if wall:
            raise BlockedError(f"{wall} (HTTP {raw.status}) at {url}", status=raw.status)
    return raw


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, FetchError) and exc.kind.retried(exc.status)


async def _read(resp: httpx.Response, headers: dict[str, str], limit: int, truncate: bool) -> bytes:
    """Stream the body through a bounded decoder; never holds more than ``limit`` decoded bytes."""
    decoder = BoundedDecoder(headers.get("content-encoding"), limit, truncate=truncate)
    declared = headers.get("content-length", "")
    if not truncate and decoder.encoding == "identity" and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"Content-Length {declared} exceeds {limit} bytes", kind=FailureKind.TOO_LARGE)
    async for chunk in resp.aiter_raw():
        decoder.feed(chunk)
        if decoder.full:
            break
    return decoder.body()


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _type_allowed(mime: str, accept: Accept) -> bool:
    if accept == "any" or mime in SNIFF_TYPES:
        return True
    allowed = HTML_TYPES if accept == "html" else XML_TYPES
    return mime in allowed or (accept == "xml" and mime.endswith("+xml"))


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<!--", b"<meta", b"<body", b"<title"))


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), >= 0."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)
