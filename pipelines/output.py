"""Printing articles in the CLI's formats: json, jsonl, text, markdown."""

from __future__ import annotations

import json
from typing import TextIO

from scraper.article import Article

FORMATS = ("json", "jsonl", "text", "markdown")


def render(article: Article, fmt: str) -> str:
    """One article in ``fmt``; json is pretty, jsonl one line (both the contract's keys)."""
    if fmt == "json":
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return json.dumps(article.to_dict(), ensure_ascii=False)
    if article.status != "ok":
        return f"[{article.status}] {article.url or ''} {article.error or ''}".rstrip()
    if fmt == "markdown":
        return _markdown(article)
    return "\n\n".join(p for p in (article.title, _byline(article), article.body) if p)


def _byline(article: Article) -> str:
    parts = [", ".join(article.authors), article.published or ""]
    return " | ".join(p for p in parts if p)


def _markdown(article: Article) -> str:
    lines = [f"# {article.title or ''}".rstrip()]
    byline = _byline(article)
    if byline:
        lines.append(f"*{byline}*")
    if article.url:
        lines.append(f"<{article.url}>")
    lines.append(article.body)
    return "\n\n".join(lines)


def write(articles: list[Article], fmt: str, out: TextIO) -> None:
    """Print several articles: json prints an array when there is more than one."""
    if fmt == "json" and len(articles) > 1:
        out.write(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2) + "\n")
        return
    for article in articles:
        out.write(render(article, fmt) + "\n")
