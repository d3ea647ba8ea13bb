"""Sitemaps and news sitemaps, parsed safely and incrementally.

Why this shape: a sitemap is untrusted XML that can be large (50,000 URLs, 50 MB
uncompressed, served gzipped) or hostile (entity expansion "billion laughs", external
entities). So the parser
- uses defusedxml's ``iterparse`` (entity declarations and external references raise),
- walks the document as a stream and clears each element after reading it, so memory
  stays flat whatever the size, and stops after ``max_urls`` entries,
- inflates ``.xml.gz`` bodies through a reader capped at ``MAX_UNCOMPRESSED`` bytes, so a
  gzip bomb is cut off rather than inflated.

A ``<sitemapindex>`` gives child sitemaps; a ``<urlset>`` gives page URLs with their
``<lastmod>`` or ``<news:publication_date>``. Anything else is an error.
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from scraper.discover.listed_link import SourceLink

__all__ = ["MAX_UNCOMPRESSED", "SitemapDoc", "SitemapError", "parse_sitemap", "parse_w3c_date"]

#: The sitemap protocol's own limit on an uncompressed file.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
DEFAULT_MAX_URLS = 50_000


class SitemapError(ValueError):
    """The body is not a usable sitemap (malformed, hostile, too large, wrong root)."""


@dataclass
class SitemapDoc:
    """One parsed sitemap: ``kind`` "urlset" or "index"; entries are (loc, date or None)."""

    kind: str
    urls: list[SourceLink] = field(default_factory=list)
    children: list[tuple[str, datetime | None]] = field(default_factory=list)
    truncated: bool = False


class _CappedReader(io.RawIOBase):
    """A read-only stream that raises once more than ``limit`` bytes have been read."""

    def __init__(self, inner: io.BufferedIOBase, limit: int) -> None:
        self.inner, self.limit, self.count = inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(min(len(buffer), 64 * 1024))
        self.count += len(data)
        if self.count > self.limit:
            raise SitemapError(f"sitemap larger than {self.limit} bytes uncompressed")
        buffer[: len(data)] = data
        return len(data)


def _stream(body: bytes, limit: int) -> io.RawIOBase:
    if body[:2] == b"\x1f\x8b":
        return _CappedReader(gzip.GzipFile(fileobj=io.BytesIO(body)), limit)
    return _CappedReader(io.BytesIO(body), limit)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_w3c_date(value: str | None) -> datetime | None:
    """W3C datetime (``2024-03-14``, ``2024-03-14T09:15:30+07:00``, ``...Z``) -> aware UTC, or None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_sitemap(
    body: bytes, *, max_urls: int = DEFAULT_MAX_URLS, max_bytes: int = MAX_UNCOMPRESSED
) -> SitemapDoc:
    """Parse a sitemap or sitemap index (plain or gzipped). Raises :class:`SitemapError`."""
    doc: SitemapDoc | None = None
    root: ET.Element | None = None
    entry: dict[str, str] = {}
    try:
        for event, elem in DET.iterparse(_stream(body, max_bytes), events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                if root is None:
                    root = elem
                    doc = _new_doc(name)
                continue
            if name == "title" and "sitemap-news" not in elem.tag:
                continue  # image:title, video:title: not the article's
            if name in ("loc", "lastmod", "publication_date", "title") and elem.text:
                entry.setdefault(name, elem.text.strip())
            elif name in ("url", "sitemap") and doc is not None:
                _add(doc, entry)
                entry = {}
                root.clear()  # type: ignore[union-attr]  # drop what we have read
                if len(doc.urls) + len(doc.children) >= max_urls:
                    doc.truncated = True
                    break
    except DefusedXmlException as exc:
        raise SitemapError(f"refused unsafe XML: {type(exc).__name__}") from None
    except ET.ParseError as exc:
        raise SitemapError(f"malformed XML: {exc}") from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise SitemapError(f"bad gzip data: {exc}") from None
    if doc is None:
        raise SitemapError("empty document")
    return doc


def _new_doc(root_name: str) -> SitemapDoc:
    if root_name == "urlset":
        return SitemapDoc("urlset")
    if root_name == "sitemapindex":
        return SitemapDoc("index")
    raise SitemapError(f"root element <{root_name}> is neither <urlset> nor <sitemapindex>")


def _add(doc: SitemapDoc, entry: dict[str, str]) -> None:
    loc = entry.get("loc")
    if not loc:
        return
    when = parse_w3c_date(entry.get("publication_date")) or parse_w3c_date(entry.get("lastmod"))
    if doc.kind == "urlset":
        doc.urls.append(SourceLink(loc, when, " ".join(entry.get("title", "").split()) or None))
    else:
        doc.children.append((loc, when))
