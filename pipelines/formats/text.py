"""Plain text for people. ``extract``: title, byline and body, a blank line between; an
article that is not one (or failed) is one ``[status] url error`` line. ``search``: on a
terminal each hit in colour with its matches in bold (rich); piped, a tab-separated line
(published, site, title, url) and the snippet indented below it, matches as **word**."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from pipelines.formats import HIGHLIGHT, Format, plain_snippet

if TYPE_CHECKING:
    from scraper.article import Article


def status_line(article: Article) -> str | None:
    """The one line that stands for an article that is not ``ok``; None for an article."""
    if article.status == "ok":
        return None
    return f"[{article.status}] {article.url or ''} {article.error or ''}".rstrip()


def byline(article: Article) -> str:
    """Writers and the publication time, as the text and markdown formats print them."""
    parts = [", ".join(article.authors), article.published or ""]
    return " | ".join(p for p in parts if p)


def write_extracted(articles: list[Article], out: TextIO) -> None:
    for article in articles:
        text = status_line(article) or "\n\n".join(p for p in (article.title, byline(article), article.body) if p)
        out.write(text + "\n")


def write_hits(hits: list[dict[str, Any]], out: TextIO) -> None:
    """Zero hits say so on stderr (a person is reading; jsonl stays an empty stream)."""
    if not hits:
        print("no matches", file=sys.stderr)
    for hit in hits:
        if out.isatty():
            _print_rich(hit, out)
        else:
            out.write(f"{hit['published'] or '-'}\t{hit['site']}\t{hit['title']}\t{hit['url']}\n")
            out.write(f"    {plain_snippet(hit['snippet'])}\n")


def _print_rich(hit: dict[str, Any], out: TextIO) -> None:
    from rich.console import Console  # noqa: PLC0415 - only on a terminal
    from rich.text import Text  # noqa: PLC0415

    line = Text()
    line.append(f"{hit['published'] or '-'}  {hit['site']}  ", style="dim")
    line.append(hit["title"] or "", style="bold")
    line.append(f"\n{hit['url']}\n    ", style="cyan")
    opening, closing = HIGHLIGHT
    for n, part in enumerate(" ".join((hit["snippet"] or "").split()).split(opening)):
        marked, _, rest = part.partition(closing) if n else ("", "", part)
        line.append(marked, style="bold yellow")
        line.append(rest)
    Console(file=out).print(line)


FORMAT = Format("text", "plain text for people (search: colour on a terminal)", extracted=write_extracted,
                hits=write_hits)
