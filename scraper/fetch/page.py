"""PageRecord: one raw HTTP response as the pipeline passes it from fetch to extract to store.

One type for the three steps, built from a fetch result in one place
(:meth:`PageRecord.from_fetch`). ``text`` holds the fetcher's decoding (of a page it
scanned for a bot wall: up to :data:`scraper.fetch.botwall.WALL_MAX`; a larger page is
left undecoded) and :meth:`PageRecord.decoded` reuses it, or fills it once where it is
missing (the fetch loop following a multi-page story). An extraction process is sent the body
only and decodes it again, once a job: measured on the corpus's real pages (bench/bench_page_transfer.py),
decoding again costs the worker 0.014 ms per page the fetcher decoded (median 57 KB), while
piping the text as well doubles the bytes piped (58 -> 115 KB a job) and costs 0.021 ms
(median; mean 0.21 ms), part of it in the crawl's own process: the bytes the worker needs
anyway (it compresses them for the archive) are the cheaper thing to send. A later page
the fetch loop already read (:attr:`PageRecord.reading`) is not decoded there at all.
The store keeps ``body`` compressed (:meth:`PageRecord.pack`, which the crawl runs in its
extraction processes, next to the parsing); ``text`` is never stored: it is derived again
from ``body`` and ``content_type`` when a stored page is read back.

Compression is brotli at quality 1: on the corpus's real pages it is 7x faster than zlib
level 6 (0.23 ms vs 1.7 ms for a 90 KB page) for the same ratio (4.7x vs 4.8x). Pages
archived as zlib by older versions stay readable.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import brotli

from scraper.errors import StoreError
from scraper.fetch.charset import decode_html

if TYPE_CHECKING:
    from scraper.fetch.client import FetchResult

__all__ = ["BROTLI_QUALITY", "Packed", "PageReading", "PageRecord", "unpack"]

BROTLI_QUALITY = 1


@dataclass(frozen=True)
class Packed:
    """A body as the store keeps it."""

    encoding: str
    blob: bytes
    size: int
    sha256: str


@dataclass(frozen=True)
class PageReading:
    """What the extraction read from a later page of a multi-page story while the fetch
    loop followed it (:class:`scraper.extract.body.PageChain`): the final extraction
    stitches this instead of parsing the page again. Plain data, so it travels to an
    extraction process with its page (a parsed tree does not pickle); never stored."""

    #: The path whose rules read it ("site:NAME", "site:NAME+fallback"); another path reads the page itself.
    reader: str
    paragraphs: tuple[str, ...]
    #: The page it links to next, None on the last page.
    next_url: str | None


def pack(body: bytes) -> Packed:
    return Packed("br", brotli.compress(body, quality=BROTLI_QUALITY), len(body), hashlib.sha256(body).hexdigest())


def unpack(encoding: str, blob: bytes, where: str = "page") -> bytes:
    """The body of a stored page; StoreError for an unknown encoding or corrupt data."""
    try:
        if encoding == "br":
            return bytes(brotli.decompress(blob))
        if encoding == "zlib":
            return zlib.decompress(blob)
    except (brotli.error, zlib.error) as exc:
        raise StoreError(f"{where}: corrupt body ({exc})") from None
    raise StoreError(f"{where}: unknown body encoding {encoding!r}")


@dataclass
class PageRecord:
    """One raw response. ``url`` is the address the pipeline asked for (the article URL,
    or a later page's URL), ``final_url`` where the server answered from (the
    single-page variant, or a redirect's target)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    body: bytes
    id: int | None = None
    #: The decoded body when the fetcher already decoded it (never stored, never piped to a worker).
    text: str | None = None
    #: True when ``final_url`` was reached through an HTTP redirect.
    redirected: bool = False
    #: For a later page of a multi-page article read from the store: its first page's id.
    part_of: int | None = None
    #: The stored form of ``body``, once computed (see :meth:`pack`).
    packed: Packed | None = None
    #: A later page already read by the extraction's rules (never stored).
    reading: PageReading | None = None

    @classmethod
    def from_fetch(cls, result: FetchResult, url: str | None = None) -> PageRecord:
        """The record of ``result``, filed under ``url`` (default: the URL fetched)."""
        return cls(
            url=url or result.url, final_url=result.final_url, status=result.status,
            content_type=result.content_type, etag=result.etag, last_modified=result.last_modified,
            fetched_at=result.fetched_at, body=result.body, text=result.text, redirected=bool(result.redirects),
        )

    def pack(self) -> Packed:
        """The compressed body and its hash (computed once, wherever it is first asked for)."""
        if self.packed is None:
            self.packed = pack(self.body)
        return self.packed

    def decoded(self) -> str:
        """The page as text: the fetcher's decoding when there was one, else decoded now."""
        if self.text is None:
            self.text = decode_html(self.body, self.content_type)[0]
        return self.text

    @property
    def base_url(self) -> str:
        """The address to read the page as: a redirect's target, else the URL asked for
        (not the single-page variant's query, which is a fetching detail)."""
        return self.final_url if self.redirected else self.url
