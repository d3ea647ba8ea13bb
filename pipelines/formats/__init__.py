"""The registry of output formats: what ``scraper export``, ``extract`` and ``search`` write,
one module per format in this package.

Every module here (except ``_``-helpers) defines ``FORMAT = Format(...)``: the format's
name, which of the three things it can write and a writer for each (the store's articles
that ``export`` streams, the articles ``extract`` just made, the hits of ``search``),
whether it writes a named file rather than a stream, and why it cannot be written here
when an optional dependency is missing. The commands take their ``--format`` choices,
the help naming them and the writer they call from here, and the README's table of
formats is generated from it (``devtools/docfacts.py``). So adding a format means adding
one file; tests/test_formats.py checks that every format writes what a reader parses back
and that each command offers exactly the formats that can write for it.

Formats are found by scanning the package, so every ``scraper extract`` imports them all:
a format imports what its writer needs beyond the standard library (pyarrow, rich, the
store, the export's columns in :mod:`pipelines.export`, which imports the store) inside the
writer, never at the top, and ``scraper extract --help`` stays fast (tests/test_cli_fast.py,
tests/test_formats.py).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

if TYPE_CHECKING:
    from scraper.article import Article
    from scraper.store import Store

__all__ = ["COMMANDS", "HIGHLIGHT", "Format", "Kind", "Target", "all_formats", "get", "help_text", "names",
           "plain_snippet"]

#: What a format can write: ``stored`` articles streamed out of the store (rows of
#: :data:`scraper.store.columns.EXPORTED`), ``extracted`` articles (:class:`scraper.article.Article`),
#: search ``hits`` (dicts of the store's ``search``).
Kind = Literal["stored", "extracted", "hits"]
#: The command that writes each kind.
COMMANDS: dict[Kind, str] = {"stored": "export", "extracted": "extract", "hits": "search"}

#: Writes the rows to the target; returns how many (``scraper export`` reports it).
StoredWriter = Callable[[Iterable[dict[str, Any]], "Target"], int]
#: Writes the articles of one ``scraper extract``, in the order of its targets.
ExtractedWriter = Callable[[list["Article"], TextIO], None]
#: Writes the hits of one ``scraper search``, best first, their snippets marked with HIGHLIGHT.
HitsWriter = Callable[[list[dict[str, Any]], TextIO], None]

#: What the store puts around each match in a hit's snippet; each format shows them its way.
HIGHLIGHT = ("\x02", "\x03")


def plain_snippet(snippet: str | None) -> str:
    """A hit's snippet on one line, its matches as **word** (for output that is not a terminal)."""
    text = (snippet or "").replace(HIGHLIGHT[0], "**").replace(HIGHLIGHT[1], "**")
    return " ".join(text.split())


@dataclass(frozen=True)
class Target:
    """Where ``scraper export`` writes. A stream format writes ``stream`` (stdout, or ``-o
    FILE`` opened by the command as UTF-8 without newline translation); a file format
    creates ``path`` itself. ``source`` is the store being read (a snapshot copies each
    article's earlier versions from it); ``bom`` is ``--bom``."""

    source: Store
    stream: TextIO | None = None
    path: Path | None = None
    bom: bool = False

    def text(self) -> TextIO:
        if self.stream is None:
            raise ValueError("a stream format was given no stream")
        return self.stream

    def file(self) -> Path:
        if self.path is None:
            raise ValueError("a file format was given no path (-o FILE)")
        return self.path


def _nothing_missing() -> str | None:
    return None


@dataclass(frozen=True)
class Format:
    """One output format: its name, its writers (one per kind it can write) and what the
    commands must know before writing it."""

    name: str
    #: What it is, a few words for the README's table of formats.
    about: str
    stored: StoredWriter | None = None
    extracted: ExtractedWriter | None = None
    hits: HitsWriter | None = None
    #: Written to a named file (``-o``), never to a stream: the writer creates it.
    to_file: bool = False
    #: Why it cannot be written on this install (an optional library missing), or None;
    #: asked before any work starts.
    missing: Callable[[], str | None] = _nothing_missing
    #: Takes ``--bom`` (a UTF-8 byte-order mark first, for spreadsheet programs).
    bom: bool = False
    #: What ``--help`` says after its name ("needs the [parquet] extra").
    note: str = ""

    def writes(self, kind: Kind) -> bool:
        return getattr(self, kind) is not None

    def write_stored(self, rows: Iterable[dict[str, Any]], target: Target) -> int:
        if self.stored is None:
            raise ValueError(f"{self.name} does not write stored articles")
        return self.stored(rows, target)

    def write_extracted(self, articles: list[Article], out: TextIO) -> None:
        if self.extracted is None:
            raise ValueError(f"{self.name} does not write extracted articles")
        self.extracted(articles, out)

    def write_hits(self, hits: list[dict[str, Any]], out: TextIO) -> None:
        if self.hits is None:
            raise ValueError(f"{self.name} does not write search hits")
        self.hits(hits, out)


@lru_cache(maxsize=1)
def all_formats() -> dict[str, Format]:
    """Every format by name, in name order."""
    found: list[Format] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if not isinstance(fmt, Format):
            raise TypeError(f"{module.__name__} defines no FORMAT = Format(...)")
        found.append(fmt)
    by_name = {fmt.name: fmt for fmt in sorted(found, key=lambda f: f.name)}
    if len(by_name) != len(found):
        raise ValueError("two output formats share a name")
    return by_name


def get(name: str) -> Format:
    """The format called ``name`` (KeyError when there is none)."""
    return all_formats()[name]


def names(kind: Kind) -> tuple[str, ...]:
    """The formats that can write ``kind``: a command's ``--format`` choices."""
    return tuple(name for name, fmt in all_formats().items() if fmt.writes(kind))


def help_text(kind: Kind, default: str) -> str:
    """``--format``'s help: the formats for ``kind``, the default first, each with its note."""
    ordered = [default, *(name for name in names(kind) if name != default)]
    items = [_with_note(name, "default" if name == default else get(name).note) for name in ordered]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _with_note(name: str, note: str) -> str:
    return f"{name} ({note})" if note else name
