"""Helpers shared by the KLY (Kapanlagi Youniverse) sites: liputan6, merdeka, kapanlagi,
fimela, bola.com, bola.net, dream, otosia, diadona.

Every KLY page declares an analytics data layer in an inline script (``window.kly = {...}``)
whose ``"reporters"`` key names the writer. Some layouts ("Today" pages, galleries) show no
byline at all, so the data layer is the only place the writer is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from scraper.metadata import clean_authors

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from scraper.article import Article

_REPORTERS = re.compile(r"""["']?reporters["']?\s*:\s*["']([^"'\n]{2,120})["']""")


def data_layer_reporters(tree: LexborHTMLParser) -> list[str]:
    """The raw ``reporters`` value of the KLY data layer (comma-separated names), if any."""
    for script in tree.css("script:not([src])"):
        match = _REPORTERS.search(script.text() or "")
        if match:
            return [match.group(1)]
    return []


def reporters_fallback(site_names: tuple[str, ...]) -> Callable[[LexborHTMLParser, Article], None]:
    """A postprocess step: fill empty authors from the data layer (site names removed)."""

    def fill(tree: LexborHTMLParser, article: Article) -> None:
        if not article.authors:
            article.authors = clean_authors(data_layer_reporters(tree), site_names)

    return fill
