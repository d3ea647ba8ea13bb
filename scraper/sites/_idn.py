"""Small post-processing steps shared by the Indonesian site profiles (not a profile itself).

Kept here rather than in each site file because several sites build pages the same way:
the dateline ("Jakarta -") sits in its own inline node before the first <p>, so the
paragraph walker yields it alone; and bylines carry the desk label ("Nama - detikNews")
or a role the shared cleaner does not know ("Fotografer:"). These belong in the shared
pipeline eventually (reported to the lead); until then profiles call them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scraper.article import Article

#: A paragraph that is only a dateline: a short place name (maybe with the site label)
#: ending in a dash, e.g. "Jakarta -", "JAKARTA, KOMPAS.com -", "Solo -".
_DATELINE = re.compile(r"^[A-Z][\w.,'()/ ]{1,48}\s*[-–—]$")
#: Role words and desk labels around a name in a byline.
_ROLE_PREFIX = re.compile(r"^\s*(fotografer|foto|penulis|reporter|oleh|editor)\s*[:：]\s*", re.IGNORECASE)


def join_dateline(paragraphs: list[str]) -> list[str]:
    """Glue a lone leading dateline ("Jakarta -") to the paragraph after it."""
    if len(paragraphs) >= 2 and _DATELINE.match(paragraphs[0]):
        return [f"{paragraphs[0]} {paragraphs[1]}", *paragraphs[2:]]
    return paragraphs


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
    """A postprocess hook doing both steps, for a site whose desk labels match ``author_label``."""

    def hook(_tree: object, article: Article) -> None:
        article.paragraphs = join_dateline(article.paragraphs)
        article.authors = strip_author_labels(article.authors, author_label)

    return hook
