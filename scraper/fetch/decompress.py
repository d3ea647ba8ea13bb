"""Content-Encoding decoding with a hard cap on the *decoded* size.

httpx decodes gzip/br itself, but each network chunk is inflated in one call, so a 64 KiB
chunk of a gzip bomb becomes tens of megabytes in memory before any size check can run.
The fetcher therefore reads raw bytes and inflates them here, asking zlib/brotli for at
most the bytes still allowed: memory stays bounded by the limit whatever the ratio.
"""

from __future__ import annotations

import zlib

from scraper.errors import FailureKind, FetchError

__all__ = ["ACCEPT_ENCODING", "BoundedDecoder"]

try:  # brotli is installed with httpx[brotli]; without it we just do not ask for br.
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"


class BoundedDecoder:
    """Feed raw chunks, get the decoded body; FetchError(kind=FailureKind.TOO_LARGE) past ``limit``.

    With ``truncate=True`` the body is cut at ``limit`` instead (for error pages and
    robots.txt, where a prefix is all we need) and :attr:`full` tells the caller to stop.
    """

    def __init__(self, content_encoding: str | None, limit: int, *, truncate: bool = False) -> None:
        self.encoding = (content_encoding or "identity").strip().lower()
        self.limit = limit
        self.truncate = truncate
        self.full = False
        self._out = bytearray()
        self._zlib: zlib._Decompress | None = None
        self._brotli = None
        if self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self._zlib = zlib.decompressobj()
            self._raw_deflate_checked = False
        elif self.encoding == "br" and brotli is not None:
            self._brotli = brotli.Decompressor()
        elif self.encoding not in ("identity", ""):
            raise FetchError(f"unsupported Content-Encoding {self.encoding!r}", kind=FailureKind.HTTP)

    def feed(self, chunk: bytes) -> None:
        if self.full or not chunk:
            return
        try:
            if self._zlib is not None:
                self._feed_zlib(chunk)
            elif self._brotli is not None:
                self._feed_brotli(chunk)
            else:
                self._add(chunk)
        except (zlib.error, _brotli_error()) as exc:
            raise FetchError(f"cannot decode {self.encoding} body: {exc}", kind=FailureKind.HTTP) from None

    def body(self) -> bytes:
        """The decoded body so far (call after the last chunk)."""
        if self._zlib is not None and not self.full:
            self._add(self._zlib.flush())
        return bytes(self._out)

    def _room(self) -> int:
        return self.limit - len(self._out)

    def _add(self, data: bytes) -> None:
        if len(data) > self._room():
            if not self.truncate:
                raise FetchError(f"body larger than {self.limit} bytes", kind=FailureKind.TOO_LARGE)
            data = data[: self._room()]
            self.full = True
        self._out += data

    def _feed_zlib(self, chunk: bytes) -> None:
        assert self._zlib is not None
        if self.encoding == "deflate" and not self._raw_deflate_checked:
            self._raw_deflate_checked = True
            # Many servers send raw deflate (no zlib header) under "deflate".
            if not chunk or (chunk[0] & 0x0F) != 8:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        data = chunk
        while data and not self.full:
            out = self._zlib.decompress(data, self._room() + 1)
            self._add(out)
            data = self._zlib.unconsumed_tail

    def _feed_brotli(self, chunk: bytes) -> None:
        dec = self._brotli
        assert dec is not None
        self._add(dec.process(chunk, output_buffer_limit=self._room() + 1))
        while not self.full and not dec.can_accept_more_data():
            self._add(dec.process(b"", output_buffer_limit=self._room() + 1))


def _brotli_error() -> type[Exception]:
    return brotli.error if brotli is not None else zlib.error
