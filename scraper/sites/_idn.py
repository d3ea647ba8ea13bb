"""Byline post-processing shared by several Indonesian site profiles (not a profile itself).

Their bylines carry the desk label ("Nama - detikNews") or a role the shared cleaner does
not know ("Fotografer:"); the label differs per site, so each profile passes its own.
(The lone-dateline join these sites also needed is shared: boilerplate.join_dateline.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scraper.article import Article

#: Role words and desk labels around a name in a byline.
_ROLE_PREFIX = re.compile(r"^\s*(fotografer|foto|penulis|reporter|oleh|editor)\s*[:：]\s*", re.IGNORECASE)


def strip_author_labels(authors: list[str], label: str) -> list[str]:
    """Cut role words and a trailing desk label (regex ``label``) from each name."""
    tail = re.compile(r"\s*[-–—|]\s*(?:" + label + r")\s*$", re.IGNORECASE)
    out: list[str] = []
    for name in authors:
        name = tail.sub("", _ROLE_PREFIX.sub("", name)).strip(" -–—:")
        if name and not re.fullmatch(label, name, re.IGNORECASE) and name not in out:
            out.append(name)
    return out


def standard_postprocess(author_label: str) -> Callable[[object, Article], None]:
    """A postprocess hook cleaning bylines, for a site whose desk labels match ``author_label``."""

    def hook(_tree: object, article: Article) -> None:
        article.authors = strip_author_labels(article.authors, author_label)

    return hook
