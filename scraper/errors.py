"""The exceptions the library raises on purpose.

Callers (the CLI, the crawl) catch :class:`ScraperError` and record the message; anything
else escaping is a bug. Like httpx, the hierarchy is small and documented.
"""

from __future__ import annotations


class ScraperError(Exception):
    """Base class: a failure we expected and can explain in one line."""


class InputError(ScraperError):
    """The input is unusable: empty, binary, too large, too deeply nested, not HTML,
    unreadable file. ``kind`` names which, for the ``fetches`` log."""

    def __init__(self, message: str, kind: str = "input") -> None:
        super().__init__(message)
        self.kind = kind


class FetchError(ScraperError):
    """A page could not be fetched (network error, HTTP error, size limit, robots)."""

    def __init__(self, message: str, kind: str = "error", status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


class BlockedError(FetchError):
    """The site answered with a bot wall or captcha instead of the page."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message, kind="blocked", status=status)


class RobotsDisallowed(FetchError):
    """robots.txt forbids this URL for our User-Agent."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="robots")


class StoreError(ScraperError):
    """The database cannot be opened or written (read-only, full, newer schema)."""
