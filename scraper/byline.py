"""Last-resort date and author finding for pages without a profile or structured data.

Old Indonesian pages (2015-2018) often have no JSON-LD and no article:published_time; the
date is a text line ("Jumat, 19 Juni 2015 | 13:06 WIB") in an element whose class says
"date" and the writer sits in an element whose class says "author" or "reporter".
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from scraper.blocks import normalize_space
from scraper.dates import find_date_in_text
from scraper.metadata import PageMeta

_DATE_CLASS = re.compile(r"date|tanggal|tgl|time|publish|waktu|posted", re.IGNORECASE)
_AUTHOR_CLASS = re.compile(r"author|penulis|reporter|byline|writer|wartawan", re.IGNORECASE)
_MAX_CANDIDATES = 40
_MAX_BYLINE_CHARS = 120


def _classed(tree: LexborHTMLParser, pattern: re.Pattern[str]) -> list[str]:
    texts: list[str] = []
    for node in tree.css("[class], [id]"):
        label = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag in ("html", "body", "script", "style") or not pattern.search(label):
            continue
        text = normalize_space(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            texts.append(text)
        if len(texts) >= _MAX_CANDIDATES:
            break
    return texts


def _published(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("time[datetime], [itemprop='datePublished']"):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        if value and find_date_in_text(value):
            return normalize_space(value)
    for text in _classed(tree, _DATE_CLASS):
        found = find_date_in_text(text)
        if found:
            return found.raw
    return None


def _authors(tree: LexborHTMLParser) -> list[str]:
    for node in tree.css("[rel='author'], [itemprop='author']"):
        text = normalize_space(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return [text]
    texts = _classed(tree, _AUTHOR_CLASS)
    return texts[:1]


def from_page_text(tree: LexborHTMLParser) -> PageMeta:
    """The date line and byline found by class names (lowest precedence)."""
    return PageMeta(published=_published(tree), authors=_authors(tree))
