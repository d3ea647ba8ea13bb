"""JSON for ``scraper extract``: the article as one pretty-printed object with the JSON
contract's keys (``Article.to_dict``); several targets make one array."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from pipelines.formats import Format

if TYPE_CHECKING:
    from scraper.article import Article


def write_extracted(articles: list[Article], out: TextIO) -> None:
    if not articles:
        return
    objects = [article.to_dict() for article in articles]
    out.write(json.dumps(objects if len(objects) > 1 else objects[0], ensure_ascii=False, indent=2) + "\n")


FORMAT = Format("json", "one pretty-printed JSON object (an array for several)", extracted=write_extracted)
