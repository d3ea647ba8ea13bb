"""The page text's header: the date line and the byline a page prints under its headline,
the metadata of last resort.

Old Indonesian pages (2015-2018) often have no JSON-LD and no article:published_time; the
date is a text line ("Jumat, 19 Juni 2015 | 13:06 WIB") in an element whose class says
"date", or just a short line under the headline, and the writer sits in an element whose
class says "author" or "reporter", or in an "Oleh: Nama" line there. This module finds
those lines and reads the date; who the byline names is :mod:`scraper.extract.people`'s.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scraper.extract.dates import ParsedDate, date_line, find_date_in_text, parse_date
from scraper.extract.page_meta import PageMeta, merge
from scraper.extract.paragraphs import classed_texts, normalize_space, short_text_of
from scraper.extract.people import printed_editors, printed_writers

#: Words in a class or id that mark a date line (any case, anywhere in it).
_DATE_WORDS = ("date", "tanggal", "tgl", "time", "publish", "waktu", "posted")
_MAX_DATE_CHARS = 120


#: How many text nodes after the headline are read for its date line and byline.
_HEADER_TEXT_NODES = 80
_LINE_CHARS = 100
_SKIP_PARENTS = frozenset({"script", "style", "noscript", "template"})
_NOT_WORD = re.compile(r"\W+")


def _headline_node(tree: LexborHTMLParser, title: str | None) -> LexborNode | None:
    """The heading that shows ``title`` (old pages put the channel name in <h1> and the
    headline in an <h2>), else the first <h1>."""
    want = _NOT_WORD.sub(" ", title or "").strip().casefold()
    if want:
        for node in tree.css("h1, h2, h3"):
            text = _NOT_WORD.sub(" ", node.text(separator=" ") or "").strip().casefold()
            if len(text.split()) >= 3 and want.startswith(text):
                return node
    return tree.css_first("h1")


def _lines_after_headline(tree: LexborHTMLParser, title: str | None = None) -> list[str]:
    """The short lines printed after the page's headline (date line, byline), in page
    order: where a page without date metadata or a byline class still shows both."""
    body = tree.body
    if body is None:
        return []
    h1 = _headline_node(tree, title)
    seen_h1 = h1 is None
    lines: list[str] = []
    parents: set[int] = set()
    for node in body.traverse(include_text=True):
        if not seen_h1:
            seen_h1 = h1 is not None and node.mem_id == h1.mem_id
            continue
        parent = node.parent
        if node.tag != "-text" or parent is None or parent.tag in _SKIP_PARENTS or parent.mem_id in parents:
            continue
        parents.add(parent.mem_id)
        if len(parents) > _HEADER_TEXT_NODES:
            break
        line = short_text_of(parent, _LINE_CHARS)
        if line is None:  # the parent holds more than a line (the story): this text node alone
            line = normalize_space(node.text(deep=False) or "")
        if line and len(line) <= _LINE_CHARS:
            lines.append(line)
    return lines


def _attribute_dates(tree: LexborHTMLParser) -> list[tuple[str, ParsedDate]]:
    out: list[tuple[str, ParsedDate]] = []
    for node in tree.css("time[datetime], [itemprop='datePublished']"):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        found = find_date_in_text(value) if value else None
        if value and found:
            out.append((normalize_space(value), found))
    return out


def _text_dates(tree: LexborHTMLParser, lines: list[str]) -> list[tuple[str, ParsedDate]]:
    out: list[tuple[str, ParsedDate]] = []
    for text in classed_texts(tree, _DATE_WORDS, _MAX_DATE_CHARS):
        found = find_date_in_text(text)
        if found:
            out.append((found.raw, found))
    for line in lines:
        found = date_line(line)
        if found:
            out.append((found.raw, found))
    return out


def _same_day_with_time(day: ParsedDate, dates: list[tuple[str, ParsedDate]]) -> str | None:
    """A printed date with its time on the day ``day`` states (to complete a date-only value)."""
    for raw, found in dates:
        if found.has_time and not found.relative and found.value.date() == day.value.date():
            return raw
    return None


def _published(tree: LexborHTMLParser, lines: list[str], known: str | None) -> str | None:
    """The page's own date as printed. With ``known`` (metadata that states the day but not
    the time) only the same day with its time counts. Machine-readable attributes come
    first; among printed dates one that gives the time wins, and a relative one ("4 jam
    lalu", often a sidebar's) only when nothing else is printed."""
    texts = _text_dates(tree, lines)
    day = parse_date(known) if known else None
    if day is not None:
        return _same_day_with_time(day, _attribute_dates(tree) + texts)
    attrs = [d for d in _attribute_dates(tree) if not d[1].relative]
    if attrs:
        raw, first = attrs[0]
        return raw if first.has_time else (_same_day_with_time(first, texts) or raw)
    absolute = [d for d in texts if not d[1].relative]
    timed = [d for d in absolute if d[1].has_time]
    ranked = timed or absolute or texts
    return ranked[0][0] if ranked else None


def from_page_text(tree: LexborHTMLParser, known_day: str | None = None, title: str | None = None) -> PageMeta:
    """The date line and byline the page prints (lowest precedence): found by class names
    or as short lines after the headline (``title`` helps find it). ``known_day``: metadata
    that gives the day but not the time; then only that day's printed date with its time
    is returned."""
    lines = _lines_after_headline(tree, title)
    return PageMeta(published=_published(tree, lines, known_day), authors=printed_writers(tree, lines),
                    editors=printed_editors(tree), origin="text")


def with_page_text(tree: LexborHTMLParser, meta: PageMeta) -> PageMeta:
    """``meta`` completed from the page text (date line, byline) where it lacks them. The
    writers and editors are decided later, from this merged metadata
    (:func:`scraper.extract.people.page_people`, called by
    :mod:`scraper.extract.finish_article`)."""
    known = parse_date(meta.published) if meta.published else None
    date_only = known is not None and not known.has_time and not known.relative
    if not meta.published or not meta.authors or known is None or date_only:
        page = from_page_text(tree, meta.published if date_only else None, meta.title)
        if page.published and (known is None or date_only):
            # No usable date in the metadata, or only its day: the page's printed date line
            # (for a date-only value: that day's, with its time) is the published date.
            meta.published = page.published
            meta.origins["published"] = "text"
        meta = merge(meta, page)
    return meta
