"""RSS/Atom feeds (feedparser) and index pages (links that look like articles).

feedparser is lenient, which is what real feeds need, but it is not a hardened XML parser.
So the body is first offered to defusedxml: if it declares entities or external
references, it is refused before feedparser sees it. A body that is merely malformed is
left to feedparser's leniency; only a feed with no usable entries is an error.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import urljoin

import defusedxml.ElementTree as DET
import feedparser
from defusedxml import DefusedXmlException
from selectolax.lexbor import LexborHTMLParser

from scraper.discover.listed_link import SourceLink

__all__ = ["FeedError", "parse_feed", "parse_index_page"]


class FeedError(ValueError):
    """The body is not a usable feed (hostile, malformed beyond repair, or empty)."""


def parse_feed(body: bytes, base_url: str = "") -> list[SourceLink]:
    """(link, published, title) of each entry, in feed order. Raises :class:`FeedError`."""
    try:
        DET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"refused unsafe XML: {type(exc).__name__}") from None
    except ET.ParseError:
        pass  # feedparser may still read it (its bozo flag says it was not well-formed)
    parsed = feedparser.parse(body)
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id") or ""
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        title = " ".join((entry.get("title") or "").split()) or None
        entries.append(SourceLink(urljoin(base_url, link.strip()), when, title))
    if not entries:
        if not parsed.get("bozo") and parsed.get("version"):
            return []  # a valid feed that is empty right now is not a failure
        bozo = parsed.get("bozo_exception")
        raise FeedError(f"malformed feed: {bozo}" if bozo else "not a feed: no entries")
    return entries


def parse_index_page(html: str, base_url: str) -> list[str]:
    """Absolute URLs of every link on an HTML page, in page order (the caller filters)."""
    tree = LexborHTMLParser(html)
    links = []
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            links.append(urljoin(base_url, href))
    return links
