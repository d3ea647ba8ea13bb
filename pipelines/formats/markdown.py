"""Markdown for ``scraper extract``: the title as a heading, the byline in italics, the URL
as a link, then the body; an article that is not one (or failed) is its status line."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pipelines.formats import Format
from pipelines.formats.text import byline, status_line

if TYPE_CHECKING:
    from scraper.article import Article


def _markdown(article: Article) -> str:
    lines = [f"# {article.title or ''}".rstrip()]
    if by := byline(article):
        lines.append(f"*{by}*")
    if article.url:
        lines.append(f"<{article.url}>")
    lines.append(article.body)
    return "\n\n".join(lines)


def write_extracted(articles: list[Article], out: TextIO) -> None:
    for article in articles:
        out.write((status_line(article) or _markdown(article)) + "\n")


FORMAT = Format("markdown", "Markdown: a heading, the byline, a link, the body", extracted=write_extracted)
