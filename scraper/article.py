"""The Article: what extraction returns and what the store keeps.

Its JSON form is a contract (README "What it does"; docs/ARCHITECTURE.md): the keys, their order and their meaning
are relied on by users and by the scoring tool, so they are defined here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from scraper.errors import FailureKind

Status = Literal["ok", "not_article", "error"]

#: The keys of the JSON form, in the order they are printed. New keys go at the end, so
#: the order users rely on never changes (``editors`` came after ``pages``, ``subsection`` after it).
JSON_KEYS = (
    "status", "url", "site", "title", "published", "published_raw", "updated", "authors",
    "section", "tags", "description", "image", "language", "body", "word_count",
    "extractor", "pages", "editors", "subsection",
)

_WORD = re.compile(r"\w+", re.UNICODE)
#: ASCII bytes that are not \w mapped to a space: for ASCII text (most Indonesian copy),
#: translate + split counts the same runs as ``_WORD`` about five times faster.
_ASCII_NON_WORD = bytes(c if chr(c).isalnum() or c == ord("_") else 0x20 for c in range(128)) + b" " * 128

#: ``extractor`` values of a body read without the site's layout: the generic path...
FALLBACK_EXTRACTORS = ("generic", "generic+template", "trafilatura")
#: ...and a known site whose container was traced from the text, not found by its profile
#: ("site:detik+fallback"): both mean the site's layout changed.
FALLBACK_SUFFIX = "+fallback"


def count_words(text: str) -> int:
    """Word count the way analysts expect it: runs of letters/digits (the ``_WORD`` regex). It runs for
    every stored article and in the body checks of extraction, hence the ASCII fast path."""
    if text.isascii():
        return len(text.encode("ascii").translate(_ASCII_NON_WORD).split())
    return len(_WORD.findall(text))


@dataclass
class Article:
    """One extracted page. ``paragraphs`` is the clean body, one string per paragraph."""

    status: Status = "ok"
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None
    published_raw: str | None = None
    updated: str | None = None
    #: The writers credited (reporter, penulis, kontributor...); never an editor.
    authors: list[str] = field(default_factory=list)
    #: The people credited as editor (Editor, Redaktur, Penyunting), kept apart from ``authors``.
    editors: list[str] = field(default_factory=list)
    #: The site's rubric, one short name ("Nasional", "Sport"); scraper.extract.section.
    section: str | None = None
    #: The sub-rubric under ``section`` where the site has one ("Sepakbola" under "Sport").
    subsection: str | None = None
    #: This story's own tags/topics, never the site's every-page keywords; scraper.extract.tags.
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    image: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    extractor: str | None = None
    pages: int = 1
    error: str | None = None
    #: Why extraction failed (too_deep, not_html...; errors only).
    error_kind: FailureKind | None = None
    #: (paragraphs, their word count) as last counted (see :meth:`count`; not in the JSON).
    counted: tuple[list[str], int] | None = field(default=None, repr=False, compare=False)
    #: MinHash band keys of the body (scraper.dedupe.neardup), when the extraction worker computed
    #: them: the store indexes them and the dedupe pass skips that work (not in the JSON).
    bands: list[int] | None = None
    #: A later page of a multi-page article the extractor needed but was not given (not
    #: part of the JSON: the fetch loop fetches it and extracts again).
    next_page: str | None = None
    #: Another document the story may be in, needed because this page holds too little:
    #: the AMP version or the data endpoint a script-built page loads (not part of the
    #: JSON: the same fetch loop fetches it and extracts again).
    alternate: str | None = None
    #: What the host's learned template did on the generic path: "used", "fallback",
    #: "miss" or None (scraper.extract.body; not part of the JSON: the caller counts it).
    template: str | None = field(default=None, compare=False)

    @property
    def wanted(self) -> str | None:
        """The next document the extractor asks for: a later page first, else an alternate."""
        return self.next_page or self.alternate

    @property
    def body(self) -> str:
        """Paragraphs separated by one blank line (the contract's body form)."""
        return "\n\n".join(self.paragraphs)

    @property
    def fell_back(self) -> bool:
        """True when the body was read without the site's layout (see FALLBACK_EXTRACTORS)."""
        extractor = self.extractor or ""
        return extractor in FALLBACK_EXTRACTORS or extractor.endswith(FALLBACK_SUFFIX)

    @property
    def word_count(self) -> int:
        if self.counted is not None and self.counted[0] == self.paragraphs:
            return self.counted[1]
        return count_words(self.body)

    def count(self) -> None:
        """Remember the word count of the paragraphs as they are now (the extraction worker
        does, so the crawl's process does not count every article again); a change of
        the paragraphs afterwards makes it count afresh."""
        self.counted = (list(self.paragraphs), count_words(self.body))

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object; ``error`` appears only on errors."""
        out: dict[str, Any] = {}
        for key in JSON_KEYS:
            out[key] = getattr(self, key)
        if self.status == "error" or self.error:
            out["error"] = self.error
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict` (used by the store and the fixture tests)."""
        body = data.get("body") or ""
        paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
        keys = set(JSON_KEYS) - {"body", "word_count"} | {"error"}
        kwargs = {k: data[k] for k in keys if k in data}
        return cls(paragraphs=paragraphs, **kwargs)


def error_article(message: str, url: str | None = None, kind: FailureKind | None = None) -> Article:
    """An Article that reports a failure instead of raising to the user."""
    return Article(status="error", url=url, error=message, error_kind=kind)
