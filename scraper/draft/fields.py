"""Reading sample pages for a profile draft, and the title, date and byline selectors.

Each sample is read by the generic path (:class:`Reading`): its title, date and writer
come from JSON-LD, meta tags and the page text. Here they are located in the page and
named with selectors (:mod:`scraper.draft.selectors`); a selector list is kept only when, tried
in order as a profile tries it, it reads the right value on the samples and a wrong one on
none (:func:`cover`). :mod:`scraper.draft.profile` does the body and puts the draft together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from scraper.article import Article
from scraper.draft.selectors import node_selectors, squash
from scraper.extract.dates import parse_date
from scraper.extract.pipeline import extract_html
from scraper.extract.profile_fields import all_texts, first_text

__all__ = ["DraftError", "Reading", "Sample", "author_selectors", "cover", "published_selectors", "read_sample",
           "title_selectors"]


class DraftError(ValueError):
    """The samples cannot make a profile (not articles, different sites, no story found)."""


@dataclass(frozen=True)
class Sample:
    """One sample article page: its address and its decoded HTML."""

    url: str
    html: str


@dataclass
class Reading:
    """A sample as the generic path reads it."""

    sample: Sample
    tree: LexborHTMLParser
    article: Article

    @property
    def story(self) -> list[str]:
        return self.article.paragraphs


def read_sample(sample: Sample) -> Reading:
    """The generic path's reading of a sample; DraftError when it finds no article there."""
    article = extract_html(sample.html, sample.url, use_profiles=False)
    if article.status != "ok" or not article.paragraphs:
        raise DraftError(f"{sample.url}: the generic path reads no article there ({article.status})")
    return Reading(sample, LexborHTMLParser(sample.html), article)


#: value_of(reading, selectors): what a profile with these selectors reads on the sample.
_ValueOf = Callable[[Reading, tuple[str, ...]], str | None]
#: is_right(reading, value): the value is the sample's (title, date, writer).
_IsRight = Callable[[Reading, str], bool]


def cover(
    readings: list[Reading], candidates: Iterable[str], value_of: _ValueOf, is_right: _IsRight
) -> tuple[str, ...]:
    """Selectors, in order, that read the right value on as many samples as possible and a
    wrong one on none (reading nothing is allowed: the metadata fills in). A profile tries
    its selectors in order, so a second layout's selector is appended for the samples the
    first one misses; on one layout, the first candidate right everywhere is all it takes."""
    def right(chosen: tuple[str, ...]) -> int | None:
        count = 0
        for reading in readings:
            value = value_of(reading, chosen)
            if value:
                if not is_right(reading, value):
                    return None
                count += 1
        return count

    chosen: tuple[str, ...] = ()
    done = 0
    pool = list(dict.fromkeys(candidates))
    while done < len(readings):
        scored = [(n, -i, c) for i, c in enumerate(pool) if c not in chosen and (n := right((*chosen, c)) or 0) > done]
        if not scored:
            break
        done, _, pick = max(scored)
        chosen = (*chosen, pick)
    return chosen


def _first_value(reading: Reading, selectors: tuple[str, ...]) -> str | None:
    return first_text(reading.tree, selectors)


def title_selectors(readings: list[Reading]) -> tuple[str, ...]:
    candidates = []
    for reading in readings:
        title = squash(reading.article.title or "")
        nodes = reading.tree.css("h1, h2, .title, [class*=title], [class*=judul]")
        for node in sorted(nodes, key=lambda n: n.tag != "h1"):  # the headline element before its wrapper
            if title and squash(node.text(separator=" ") or "") == title:
                candidates.extend(node_selectors(node, reading.tree))

    def is_right(reading: Reading, value: str) -> bool:
        return squash(value) == squash(reading.article.title or "")

    return cover(readings, candidates, _first_value, is_right)


def _instant(value: str | None) -> datetime | None:
    parsed = parse_date(value) if value else None
    return parsed.value if parsed else None


def _same_time(value: str | None, reading: Reading) -> bool:
    want, got = _instant(reading.article.published), _instant(value)
    return want is not None and got is not None and abs((want - got).total_seconds()) < 60


def published_selectors(readings: list[Reading]) -> tuple[str, ...]:
    """A meta tag first when the samples have one (machine-readable), then the printed
    date line (what the page shows, and what a page without metadata has)."""
    dated = [r for r in readings if r.article.published]
    metas: list[str] = []
    printed: list[tuple[int, str]] = []
    for reading in dated:
        for node in reading.tree.css("meta[content]"):
            for attr in ("property", "name", "itemprop"):
                key = node.attributes.get(attr)
                if key and re.fullmatch(r"[\w:.-]+", key) and _same_time(node.attributes.get("content"), reading):
                    metas.append(f"meta[{attr}='{key}']")
        body = reading.tree.body
        for node in body.traverse(include_text=False) if body is not None else ():
            text = node.attributes.get("datetime") or node.text(separator=" ") or ""
            if node.tag and not node.tag.startswith("-") and len(text.split()) <= 12 and _same_time(text, reading):
                printed.extend((len(text), s) for s in node_selectors(node, reading.tree)[:4])

    def is_right(reading: Reading, value: str) -> bool:
        return _same_time(value, reading)

    smallest_first = [s for _, s in sorted(printed, key=lambda item: item[0])]  # the date line, not its wrapper
    return (cover(dated, metas, _first_value, is_right)[:1]
            + cover(dated, smallest_first, _first_value, is_right))


def author_selectors(readings: list[Reading]) -> tuple[str, ...]:
    named = [r for r in readings if r.article.authors]
    candidates: list[tuple[int, str]] = []
    for reading in named:
        root = reading.tree.body
        name = squash(reading.article.authors[0])
        for node in root.traverse(include_text=False) if root is not None else ():
            text = node.text(separator=" ") or ""
            if node.tag and not node.tag.startswith("-") and len(text.split()) <= 10 and name in squash(text):
                candidates.extend((len(squash(text)), s) for s in node_selectors(node, reading.tree)[:4])
        if reading.tree.css_first("meta[name=author]") is not None:
            candidates.append((1000, "meta[name=author]"))

    def value_of(reading: Reading, selectors: tuple[str, ...]) -> str | None:
        return " ".join(all_texts(reading.tree, selectors)) or None

    def is_right(reading: Reading, value: str) -> bool:
        return squash(reading.article.authors[0]) in squash(value)

    # The smallest node naming the writer first: the fewer characters around the name, the better.
    smallest_first = [s for _, s in sorted(candidates, key=lambda item: item[0])]
    return cover(named, smallest_first, value_of, is_right)
