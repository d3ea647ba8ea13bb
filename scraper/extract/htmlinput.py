"""Accepting a page for extraction: reject what is not an HTML document, decode the rest.

A one-off user may point the extractor at a PDF, an image, an empty file or a 2 GB log;
each gets a one-line :class:`InputError` instead of a traceback or a made-up article.
A page nested thousands of elements deep is refused too: the HTML parser's time grows
with the square of the depth (200,000 levels: minutes), so one hostile page would stall
a crawl worker. Real news pages nest well under a hundred levels.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from scraper.errors import FailureKind, InputError
from scraper.fetch.charset import decode_html

#: News pages are well under 5 MB; anything larger is not a page we should parse.
MAX_PAGE_BYTES = 10 * 1024 * 1024

_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF (WebP/WAV) file"),
    (b"\x7fELF", "an executable"),
)
#: Deeper pages are refused before parsing (a whole extraction takes ~0.2 s at 10,000
#: levels). Only pages with more tags than this are scanned at all, so the check costs
#: nothing on ordinary pages.
MAX_DEPTH = 10_000
#: A tag's start; "<div/>" opens a div in HTML (only void elements never hold children).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_RAW_TEXT = re.compile(r"<(script|style|textarea|title|noscript|template)\b.*?</\1\s*>", re.S | re.I)
#: Elements that never hold children, or that the parser closes implicitly.
_NOT_NESTING = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "rb", "rt", "rp", "colgroup",
))
_NON_HTML_TYPES = ("application/pdf", "image/", "video/", "audio/", "application/zip", "application/octet-stream")


def decode_page(page: str | bytes, content_type: str | None = None) -> str:
    """The page as text; raises InputError when it is empty, binary or too large."""
    if content_type and content_type.lower().startswith(_NON_HTML_TYPES):
        raise InputError(f"not an HTML page (Content-Type {content_type.split(';')[0]})", FailureKind.NOT_HTML)
    if isinstance(page, str):
        if len(page) > MAX_PAGE_BYTES:
            raise InputError(f"page too large ({len(page)} characters, limit {MAX_PAGE_BYTES})", FailureKind.TOO_LARGE)
        text = page
    else:
        _check_bytes(page)
        text, _ = decode_html(page, content_type)
    if not text.strip():
        raise InputError("empty page", FailureKind.EMPTY)
    if "<" not in text[:65536] or "\x00" in text[:4096]:
        raise InputError("not an HTML page (no markup found)", FailureKind.NOT_HTML)
    _check_depth(text)
    return text


def parse_html(text: str) -> LexborHTMLParser:
    """The tree of a page :func:`decode_page` accepted. Every page the extraction reads
    (first page, later pages, AMP version) becomes a tree here and nowhere else: parsing
    is its largest fixed cost, and one place to count it is what keeps "each page parsed
    once" checkable (tests/test_multipage.py, bench/bench_multipage.py)."""
    return LexborHTMLParser(text)


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest, read from the tags (no parsing)."""
    depth = deepest = 0
    for closing, name in _TAG.findall(_RAW_TEXT.sub("", html)):
        if name.lower() in _NOT_NESTING:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _check_depth(html: str) -> None:
    if html.count("<") <= MAX_DEPTH:  # cannot nest deeper than it has tags: no scan needed
        return
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise InputError(f"page nests {depth} elements deep (limit {MAX_DEPTH}): refused unparsed", FailureKind.TOO_DEEP)


def decode_text(data: bytes) -> str:
    """Plain text for ``scraper clean`` (UTF-8, undecodable bytes replaced); raises
    InputError for a PDF, an image, an archive or other binary data, as :func:`decode_page`
    does for pages: filtering binary "lines" would print garbage and exit 0."""
    _check_binary(data, "text")
    return data.decode("utf-8", errors="replace")


def _check_bytes(data: bytes) -> None:
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(f"page too large ({len(data)} bytes, limit {MAX_PAGE_BYTES})", FailureKind.TOO_LARGE)
    if not data.strip():
        raise InputError("empty page", FailureKind.EMPTY)
    _check_binary(data, "an HTML page")


def _check_binary(data: bytes, expected: str) -> None:
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"not {expected} ({what})", FailureKind.NOT_HTML)
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"not {expected} (binary data)", FailureKind.NOT_HTML)
