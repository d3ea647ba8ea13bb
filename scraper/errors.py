"""The exceptions the library raises on purpose, and the one list of failure kinds.

Callers (the CLI, the crawl) catch :class:`ScraperError` and record the message; anything
else escaping is a bug. Like httpx, the hierarchy is small and documented.

Every failure names its :class:`FailureKind`: the exceptions' ``kind``,
``Article.error_kind``, the ``error_kind`` column of ``fetches`` and ``url_failures``, and
the reasons of a crawl's report. Which kinds are retried, which are the site's fault and
which count as blocked is decided here, on the kind, and nowhere else.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

__all__ = ["RETRY_STATUSES", "BlockedError", "FailureKind", "FetchError", "InputError", "RobotsDisallowed",
           "ScraperError", "StoreError"]

#: HTTP statuses that may pass on the next attempt (a timeout, the host overloaded or
#: restarting): retried within a fetch, honouring Retry-After; the site's fault, not the URL's.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class FailureKind(StrEnum):
    """Why a URL, a page or an input failed; each member's ``meaning`` says when.

    The values are the strings stored in the database and shown by ``scraper stats``:
    never rename one (a StrEnum member *is* its string, so it is written, compared and
    serialised as the plain text). The classification is read from the kind (and, for
    ``http``, the status): :meth:`retried`, :meth:`site_level`, :attr:`unreachable`,
    :meth:`slows_host`, :attr:`answered`, :attr:`no_document`, :attr:`outcome`.
    """

    meaning: str

    def __new__(cls, value: str, meaning: str = "") -> Self:  # FailureKind("http") looks a member up
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    # Fetching (FetchError: scraper.fetch, scraper.discover)
    CONNECT = "connect", "the host could not be reached: DNS failed, a connection refused or reset, a body cut off"
    TIMEOUT = "timeout", "no complete answer within an attempt's connect, read or total timeout"
    DEADLINE = "deadline", "the article's total time on the network (--deadline) ran out"
    HTTP = "http", "the server answered an error status (the status says which) or a body it encoded unreadably"
    BLOCKED = "blocked", "a bot wall or captcha instead of the page"
    ROBOTS = "robots", "robots.txt disallows the URL, or the host's robots.txt is unreachable (RFC 9309)"
    REDIRECT = "redirect", "too many redirects, a redirect loop, or a redirect to a non-http URL"
    NOT_HTML = "not_html", "the answer is not the type asked for: a PDF, an image, binary data"
    TOO_LARGE = "too_large", "the body is over the size limit of the fetch or of extraction"
    INVALID_URL = "invalid_url", "not an http(s) URL, or one that cannot be parsed"
    PRIVATE_ADDRESS = "private_address", "the host is a loopback, private or reserved address (the SSRF guard)"
    SITEMAP = "sitemap", "a dated archive's sitemap that does not parse"
    REFUSED = "refused", "a distributed worker refused a URL outside its site's domains"
    # Input and extraction (InputError, Article.error_kind)
    INPUT = "input", "unusable input from the user: an argument, a file that cannot be read (never stored)"
    EMPTY = "empty", "the page holds nothing: an empty answer"
    TOO_DEEP = "too_deep", "the page nests elements deeper than the parser's limit: refused unparsed"
    QUERY = "query", "a search query too long or too complex (never stored)"
    EXTRACT = "extract", "extraction failed without naming a kind"
    EXTRACT_TIMEOUT = "extract_timeout", "extraction ran past its time limit"
    EXTRACT_CRASH = "extract_crash", "the extraction process died on the page"
    # The crawl
    STORE = "store", "the article could not be written to the store (a run's report only)"

    def retried(self, status: int | None = None) -> bool:
        """Worth another attempt within the same fetch: the network or an overloaded
        host may pass next time. Nothing else is retried at once."""
        return self in _TRANSIENT or (self is FailureKind.HTTP and status in RETRY_STATUSES)

    def site_level(self, status: int | None = None) -> bool:
        """The site's (or the network's) failure, not the URL's: the next run tries the
        URL again, and a site whose every URL fails so has failed. Any other failure is the
        URL's own (a dead link): it backs off across runs, then is given up
        (``url_failures``), and never fails its site. An empty 200 is a server glitch the
        next run usually does not see."""
        if self is FailureKind.HTTP:
            return status in RETRY_STATUSES or (status or 0) >= 500
        return self in _SITE_LEVEL

    @property
    def unreachable(self) -> bool:
        """The host could not be reached at all (DNS, refused, timeout, the article's time
        gone): for robots.txt, a host down, not a rule (:mod:`scraper.fetch.robots`)."""
        return self in _UNREACHABLE

    def slows_host(self, status: int | None = None) -> bool:
        """The host asks us to slow down (a bot wall, 429, 503...): its politeness delay grows."""
        return self is FailureKind.BLOCKED or status in RETRY_STATUSES

    @property
    def answered(self) -> bool:
        """The server answered with a status that says more than the kind (robots.txt:
        the status decides whether the file is missing or unreachable)."""
        return self in (FailureKind.HTTP, FailureKind.BLOCKED)

    @property
    def no_document(self) -> bool:
        """The address leads to nothing readable or allowed: for robots.txt, no file."""
        return self in _NO_DOCUMENT

    @property
    def outcome(self) -> Literal["skipped", "blocked", "failed"]:
        """The crawl outcome of a URL that failed so: robots.txt forbade it (skipped), a bot
        wall stood in the way (blocked), or it failed."""
        if self is FailureKind.ROBOTS:
            return "skipped"
        return "blocked" if self is FailureKind.BLOCKED else "failed"


_TRANSIENT = frozenset({FailureKind.TIMEOUT, FailureKind.CONNECT})
_UNREACHABLE = _TRANSIENT | {FailureKind.DEADLINE}
_SITE_LEVEL = _UNREACHABLE | {FailureKind.BLOCKED, FailureKind.EMPTY}
_NO_DOCUMENT = frozenset({FailureKind.NOT_HTML, FailureKind.REDIRECT, FailureKind.INVALID_URL,
                          FailureKind.PRIVATE_ADDRESS})


class ScraperError(Exception):
    """Base class: a failure we expected and can explain in one line."""


class InputError(ScraperError):
    """The input is unusable: empty, binary, too large, too deeply nested, not HTML,
    unreadable file. ``kind`` names which, for the ``fetches`` log."""

    def __init__(self, message: str, kind: FailureKind = FailureKind.INPUT) -> None:
        super().__init__(message)
        self.kind = kind


class FetchError(ScraperError):
    """A page could not be fetched (network error, HTTP error, size limit, robots); ``kind`` says why."""

    def __init__(self, message: str, kind: FailureKind, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


class BlockedError(FetchError):
    """The site answered with a bot wall or captcha instead of the page."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message, FailureKind.BLOCKED, status=status)


class RobotsDisallowed(FetchError):
    """robots.txt forbids this URL for our User-Agent."""

    def __init__(self, message: str) -> None:
        super().__init__(message, FailureKind.ROBOTS)


class StoreError(ScraperError):
    """The database cannot be opened or written (read-only, full, newer schema)."""
