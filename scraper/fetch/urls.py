"""URL helpers: the canonical form of an article URL, and small URL utilities.

The canonical URL is an article's identity in the store: two URLs that show the same
article must canonicalise to the same string, or the crawl stores duplicates and re-fetches
pages it already has. So :func:`canonicalize` removes what varies without changing the
article (tracking parameters, fragments, default ports, AMP/mobile variants, page/single
switches) and sorts what is left. It is idempotent: ``canonicalize(canonicalize(u)) ==
canonicalize(u)``.

Only *general* rules live here. Site-specific mappings (``m.detik.com/news/...`` is really
``news.detik.com/...``) belong to the site profile; a profile module may add them with
:func:`register_rewrite`, and they run before the general rules.

Do not use the canonical form to fetch listing pages: ``page=`` is dropped because on an
article it selects a part of the same story, while on an index page it selects another
page. Pass ``drop_pagination=False`` for those.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urlsplit, urlunsplit

__all__ = [
    "TRACKING_PARAMS",
    "VARIANT_PARAMS",
    "canonicalize",
    "host_of",
    "is_http_url",
    "register_rewrite",
    "url_date",
    "with_params",
]

DEFAULT_PORTS = {"http": 80, "https": 443}

#: Query keys that only say where a reader came from (compared lower-case).
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "_ga", "_gl", "_hsenc", "_hsmi", "mc_cid", "mc_eid", "ref", "ref_src",
        "ref_url", "referrer", "from", "tag_from", "src", "spm", "ncid", "cmpid", "s_cid",
        "share", "shared", "soc_src", "soc_trk", "_branch_match_id", "rss", "wt_mc", "cid_share",
    }
)
#: Key prefixes that are always tracking (utm_source, utm_medium, ...).
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")
#: Keys that pick a variant or a part of the same article (dropped with ``drop_pagination``).
VARIANT_PARAMS = frozenset({"page", "single", "amp", "outputtype", "view", "showpage", "mobile"})

#: Host prefixes of AMP and mobile copies of a site.
_VARIANT_HOST_PREFIXES = ("amp.", "m.", "mobile.")
#: WHATWG forbidden host code points (plus whitespace and controls).
_FORBIDDEN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

Rewrite = Callable[[SplitResult], SplitResult]
_REWRITES: list[Rewrite] = []


def register_rewrite(rewrite: Rewrite) -> None:
    """Add a site-specific rewrite, run on the parsed URL before the general rules.

    A rewrite must be idempotent and return a URL the general rules leave stable.
    """
    if rewrite not in _REWRITES:
        _REWRITES.append(rewrite)


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a well-formed host (IDN letters allowed)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal, brackets already removed by urlsplit
        return parts.scheme.lower() in DEFAULT_PORTS and _is_ipv6(host)
    return parts.scheme.lower() in DEFAULT_PORTS and bool(host) and not _FORBIDDEN_HOST.search(host)


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host.split("%")[0])
    except ValueError:
        return False
    return True


#: A date in an article URL's path: /2025/03/13/ (tribun, okezone, kompas read/...); read
#: only when it is a real calendar day.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")


def url_date(url: str) -> date | None:
    """The publication day an article URL carries in its path (``/YYYY/MM/DD/``), if any:
    a backfill skips links dated out of range without fetching them."""
    match = _URL_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def host_of(url: str) -> str:
    """The URL's host, lower-case, without port or userinfo ('' when there is none)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def with_params(url: str, params: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """``url`` with query ``params`` set (replacing keys already present, others kept in order).

    Used for single-page variants: ``with_params(url, {"page": "all"})``.
    """
    pairs = list(params.items()) if isinstance(params, Mapping) else list(params)
    parts = urlsplit(url)
    keys = {key for key, _ in pairs}
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in keys]
    query = urlencode(kept + pairs, quote_via=quote, safe="/:@,")
    return urlunsplit(parts._replace(query=query))


def canonicalize(url: str, *, drop_pagination: bool = True) -> str:
    """The canonical form of ``url`` (see module docstring). Non-http URLs come back stripped."""
    url = url.strip()
    if not is_http_url(url):
        return url
    parts = urlsplit(url)
    parts = parts._replace(scheme=parts.scheme.lower(), fragment="")
    for rewrite in _REWRITES:
        parts = rewrite(parts)
    netloc = _canonical_netloc(parts)
    path = _canonical_path(parts.path)
    query = _canonical_query(parts.query, drop_pagination)
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def _canonical_netloc(parts: SplitResult) -> str:
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in _VARIANT_HOST_PREFIXES:
        # Only strip when a registrable-looking name remains (m.example.com, not m.co).
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    if parts.username:
        auth = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{auth}@{host}"
    return host


def _canonical_path(path: str) -> str:
    """Normalised escapes, no ``amp`` segment, no dot segments; keeps a trailing slash."""
    path = _normalize_percent(path) or "/"
    trailing = path.endswith("/")
    segments = [seg for seg in path.split("/") if seg.lower() != "amp"]
    path = "/".join(segments)
    if any(seg in (".", "..") for seg in segments):
        path = posixpath.normpath("/" + path.lstrip("/"))
    path = "/" + path.lstrip("/")  # also turns a leading "//" into "/"
    if trailing and not path.endswith("/"):
        path += "/"
    return path


def _canonical_query(query: str, drop_pagination: bool) -> str:
    kept = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        low = key.lower()
        if low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES):
            continue
        if drop_pagination and low in VARIANT_PARAMS:
            continue
        kept.append((key, value))
    kept.sort()
    return urlencode(kept, quote_via=quote, safe="/:@,")


def _normalize_percent(text: str) -> str:
    """Upper-case percent escapes and decode the ones for unreserved characters."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(0)[1:], 16))
        return char if char in _UNRESERVED else match.group(0).upper()

    return _PERCENT.sub(fix, text)
