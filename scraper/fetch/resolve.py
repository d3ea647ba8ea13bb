"""``--resolve HOST=ADDR:PORT``: send a host's requests to another address, and the SSRF guard.

The crawl, the extract command and the tests all talk to real URLs
(``https://news.detik.com/...``). To run them against a local mirror we do not rewrite
URLs anywhere in the pipeline: the HTTP transport does it at the last moment. The request
goes to ``http://ADDR:PORT`` (plain HTTP even for https URLs: the mirror has no
certificates) with the original ``Host`` header, and the response keeps the original
request, so redirects, canonical URLs and stored rows all show the real site.

:func:`check_public` is the other side of choosing addresses: a URL given on the command
line (or met in a redirect) must not make us fetch from the machine's own network.

Every host is judged in the form the transport connects to (:func:`connect_host`): httpx
turns ``127。0。0。1`` (ideographic or full-width dots), ``LOCALHOST.`` or ``Bücher.de``
into ``127.0.0.1``, ``localhost.``, ``xn--bcher-kva.de`` before it connects, so a guard
reading the raw text would wave through, as "a name covered by ``*``", a host that is
an IP literal by the time the socket opens.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import httpx

from scraper.errors import FailureKind, FetchError, InputError

__all__ = [
    "ResolveMap",
    "ResolvingAsyncTransport",
    "ResolvingTransport",
    "as_resolve_map",
    "check_public",
    "connect_host",
    "is_ip_literal",
    "normal_host",
    "parse_resolve",
]

Target = tuple[str, int]


class ResolveMap:
    """Host -> (address, port); the key ``*`` matches every host *name* not listed."""

    def __init__(self, mapping: Mapping[str, Target] | None = None) -> None:
        self._map = {_key(host): target for host, target in (mapping or {}).items()}

    @classmethod
    def from_specs(cls, specs: Iterable[str] | None) -> ResolveMap:
        """Parse CLI strings ``HOST=ADDR:PORT`` (see :func:`parse_resolve`)."""
        return cls(parse_resolve(specs or ()))

    def target(self, host: str | None) -> Target | None:
        """Where to connect for ``host``, or None to connect normally (see :meth:`names`)."""
        host = _key(host or "")
        if host in self._map:
            return self._map[host]
        return self._map.get("*") if not is_ip_literal(host) else None

    def names(self, host: str | None) -> bool:
        """True when the operator routed ``host`` through this map, so its private target is
        wanted. ``*`` covers host *names* only: a raw IP met in a redirect is never covered,
        or one public site's redirect could reach the machine's own network."""
        host = _key(host or "")
        if host in self._map:
            return True
        return "*" in self._map and not is_ip_literal(host)

    def __bool__(self) -> bool:
        return bool(self._map)

    def __repr__(self) -> str:
        return f"ResolveMap({self._map!r})"


def normal_host(host: str) -> str:
    """``host`` as httpx sends it to the socket layer: IDNA-encoded (``。．｡`` are dots),
    lower-case, IPv6 without brackets, a trailing dot kept. Raises ValueError for a host
    the transport refuses (httpx.InvalidURL: no request can be made to it)."""
    host = host.strip()
    if ":" in host:  # an IPv6 literal: no IDNA, only the brackets to drop
        return host.strip("[]").lower()
    try:
        return httpx.URL(scheme="http", host=host, path="/").raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise ValueError(f"invalid host {host!r}: {exc}") from None


def connect_host(url: str) -> str:
    """The host a request for ``url`` connects to, the one every check must judge:
    parsed and normalised by httpx itself (:func:`normal_host`), without a trailing dot.
    Raises FetchError(kind=FailureKind.INVALID_URL) when httpx cannot parse the URL."""
    try:
        return httpx.URL(url.strip()).raw_host.decode("ascii").lower().rstrip(".")
    except (httpx.InvalidURL, UnicodeError, ValueError, TypeError) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}", kind=FailureKind.INVALID_URL) from None


def _key(host: str) -> str:
    """The map's key for ``host``: :func:`normal_host` without a trailing dot. An ASCII
    host only needs lower case (what httpx does to it); a host the transport cannot parse
    stays as written: nothing can connect to it."""
    if not host.isascii():
        with contextlib.suppress(ValueError):
            host = normal_host(host)
    return host.lower().rstrip(".").strip("[]")


def as_resolve_map(value: ResolveMap | Iterable[str] | None) -> ResolveMap:
    """A ResolveMap from a map, the CLI's list of ``HOST=ADDR:PORT`` strings, or None."""
    if isinstance(value, ResolveMap):
        return value
    return ResolveMap.from_specs(value)


def parse_resolve(specs: Iterable[str]) -> dict[str, Target]:
    """``["a.com=127.0.0.1:8080", "*=[::1]:80"]`` -> mapping. Raises InputError on bad syntax."""
    result: dict[str, Target] = {}
    for spec in specs:
        host, sep, dest = spec.partition("=")
        host, dest = host.strip().lower(), dest.strip()
        if not sep or not host or not dest:
            raise InputError(f"--resolve wants HOST=ADDR:PORT, got {spec!r}")
        result[host] = _parse_dest(dest, spec)
    return result


def _parse_dest(dest: str, spec: str) -> Target:
    if dest.startswith("["):  # [IPv6]:port
        addr, _, rest = dest[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif dest.count(":") == 1:
        addr, port_text = dest.split(":")
    else:
        addr, port_text = dest, ""
    try:
        port = int(port_text) if port_text else 80
    except ValueError:
        raise InputError(f"bad port in --resolve {spec!r}") from None
    if not addr or not 0 < port < 65536:
        raise InputError(f"bad address in --resolve {spec!r}")
    return addr, port


def _redirected(request: httpx.Request, target: Target) -> httpx.Request:
    """A copy of ``request`` aimed at ``target`` over plain HTTP, Host header unchanged."""
    addr, port = target
    url = request.url.copy_with(scheme="http", host=addr, port=port)
    return httpx.Request(
        request.method, url, headers=request.headers, stream=request.stream, extensions=request.extensions
    )


class ResolvingAsyncTransport(httpx.AsyncBaseTransport):
    """Async transport applying a :class:`ResolveMap`; the client keeps the original request."""

    def __init__(self, resolve: ResolveMap, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.resolve = resolve
        self.inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        target = self.resolve.target(request.url.raw_host.decode("ascii"))
        return await self.inner.handle_async_request(_redirected(request, target) if target else request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class ResolvingTransport(httpx.BaseTransport):
    """Sync twin of :class:`ResolvingAsyncTransport`."""

    def __init__(self, resolve: ResolveMap, inner: httpx.BaseTransport | None = None) -> None:
        self.resolve = resolve
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = self.resolve.target(request.url.raw_host.decode("ascii"))
        return self.inner.handle_request(_redirected(request, target) if target else request)

    def close(self) -> None:
        self.inner.close()


def check_public(url: str, allow_private: bool = False, resolve_map: ResolveMap | None = None) -> None:
    """Refuse URLs that are not http(s) or that point into private address space.

    Raises FetchError(kind=FailureKind.INVALID_URL) for a bad scheme/host and
    FetchError(kind=FailureKind.PRIVATE_ADDRESS) for loopback, private, link-local, reserved or
    multicast addresses. A host named by ``--resolve`` passes (the operator chose where
    it goes; see :meth:`ResolveMap.names`), any other host must resolve to public
    addresses only. The host is judged as the transport will connect to it
    (:func:`connect_host`). The check resolves the name itself, so a DNS answer that
    changes between the check and the connection (rebinding) is not covered.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise FetchError(f"invalid URL: {url!r}", kind=FailureKind.INVALID_URL) from None
    host = connect_host(url)
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise FetchError(f"only http(s) URLs can be fetched: {url!r}", kind=FailureKind.INVALID_URL)
    if allow_private or (resolve_map is not None and resolve_map.names(host)):
        return
    for address in _addresses(host, parts.port):
        if _is_private(address):
            raise FetchError(f"{host} resolves to non-public address {address}", kind=FailureKind.PRIVATE_ADDRESS)


def _addresses(host: str, port: int | None) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", kind=FailureKind.CONNECT) from None
    return sorted({str(info[4][0]) for info in infos})


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast
