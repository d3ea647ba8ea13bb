"""JSON Lines: one JSON object per line, for every command. ``export`` writes the store's
columns (lists as JSON arrays), ``extract`` the JSON contract's keys (``Article.to_dict``),
``search`` each hit with its snippet as plain text (matches as **word**)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from pipelines.formats import Format, Target, plain_snippet

if TYPE_CHECKING:
    from scraper.article import Article


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def write_stored(rows: Iterable[dict[str, Any]], target: Target) -> int:
    from scraper.store.columns import EXPORTED  # noqa: PLC0415 - see pipelines.formats: nothing heavy at load

    out, count = target.text(), 0
    for row in rows:
        out.write(_line({k: row[k] for k in EXPORTED}))
        count += 1
    return count


def write_extracted(articles: list[Article], out: TextIO) -> None:
    for article in articles:
        out.write(_line(article.to_dict()))


def write_hits(hits: list[dict[str, Any]], out: TextIO) -> None:
    for hit in hits:
        out.write(_line({**hit, "snippet": plain_snippet(hit["snippet"])}))


FORMAT = Format("jsonl", "JSON Lines: one object per line", stored=write_stored, extracted=write_extracted,
                hits=write_hits)
