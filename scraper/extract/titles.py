"""Headline cleaning: the title as the page's <h1> shows it, without the site-name suffix.

og:title and <title> usually carry " - detikNews" or " | Republika Online"; the <h1>
does not. When the page's <h1> is a prefix of the candidate title we take the <h1>;
otherwise a suffix after " - " / " | " that names the site is cut.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from scraper.extract.paragraphs import normalize_space
from scraper.sites.base import SiteProfile

_SEPARATOR = re.compile(r"\s+[|\-–—:»•]\s+(?=[^|\-–—»•]*$)")
_SITEISH = re.compile(
    r"(\.com|\.co\.id|\.id|\.net|\bnews\b|\bonline\b|\bcom\b|detik|kompas|tribun|liputan6|okezone|"
    r"republika|tempo|viva|antara|merdeka|sindo|suara|kumparan|cnn|cnbc|idn|jpnn|berita|media)",
    re.IGNORECASE,
)


def clean_title(title: str | None, profile: SiteProfile | None, tree: LexborHTMLParser) -> str | None:
    """The cleaned headline, or None when the page has none."""
    title = normalize_space(title or "")
    h1 = _h1(tree)
    if not title:
        return h1 or None
    if profile and profile.title_suffix_re:
        title = profile.title_suffix_re.sub("", title).strip()
    if h1 and h1 != title and title.startswith(h1) and len(h1) >= 10:
        return h1
    return _cut_site_suffix(title)


def _h1(tree: LexborHTMLParser) -> str:
    node = tree.css_first("h1")
    return normalize_space(node.text(separator=" ")) if node is not None else ""


def _cut_site_suffix(title: str) -> str:
    for _ in range(2):  # "Judul - Berita - Situs.com" has two suffixes
        match = _SEPARATOR.search(title)
        if not match:
            break
        suffix = title[match.end():]
        if len(suffix.split()) > 4 or not _SITEISH.search(suffix):
            break
        title = title[: match.start()].strip()
    return title
