"""Learn a site's article-URL regex from a few sample article URLs.

Each path segment of the samples is generalised by what it looks like: a year or a month,
a numeric id, a prefixed id (``d-7812345``), a slug (``warga-bangun-jembatan``), a slug
ending in an id, a file name (``.html``), or a word that stays literal when the samples
agree (``berita``, ``read``). Samples with different segment counts give alternatives.
The loosest pattern that matches every sample and none of the non-article URLs seen
(home, section, tag, paging pages) wins; when one of those matches, section words and
slugs are tightened step by step. The result is searched in a full URL, like a profile's
``article_url``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["PatternError", "learn_article_pattern", "registered_domain"]

#: Second-level labels under which Indonesian (and a few common) sites register names.
_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "sch", "net", "biz", "ponpes", "mil", "desa", "com"})
_END = r"/?(?:[?#]|$)"
_FILE_END = r"(?:[?#]|$)"


class PatternError(ValueError):
    """No pattern matches every sample while rejecting every non-article URL."""


def registered_domain(host: str) -> str:
    """``www.kabar.co.id`` -> ``kabar.co.id``; ``news.kabar.com`` -> ``kabar.com``."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


@dataclass(frozen=True)
class _Segment:
    """One path position across the samples: the values and how each reads."""

    values: tuple[str, ...]

    def shape(self, level: int) -> str:
        """The regex of this position at strictness ``level`` (0 = loosest)."""
        values = self.values
        if all(v.isdigit() for v in values):
            return _digits(values)
        if prefixed := _common_prefix_id(values):
            return prefixed
        extension = _extension(values)
        stems = tuple(v[: len(v) - len(extension)] if extension else v for v in values)
        if all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{3,}", s) for s in stems):
            return r"[a-z0-9-]+-\d+" + re.escape(extension)
        if all(_is_slug(s) for s in stems):
            slug = r"[a-z0-9]+(?:-[a-z0-9]+){2,}" if level >= 1 else r"[a-z0-9-]+"
            if any(c.isupper() or c == "_" for s in stems for c in s):
                slug = r"[\w-]+"
            return slug + re.escape(extension)
        if len(set(values)) == 1:
            return re.escape(values[0])
        if level >= 2:
            return "(?:" + "|".join(sorted(re.escape(v) for v in set(values))) + ")"
        if all(re.fullmatch(r"[a-z][a-z0-9-]*", v) for v in values):
            return r"[a-z][a-z0-9-]*"  # a section word
        return r"[^/?#]+"  # ids with punctuation ("055715684,uk.html"): any one segment


def _digits(values: tuple[str, ...]) -> str:
    lengths = {len(v) for v in values}
    if lengths == {4} and all(v.startswith(("19", "20")) for v in values):
        return r"\d{4}"
    if max(lengths) <= 2:
        return r"\d{1,2}"
    if lengths == {8} and all(v.startswith(("19", "20")) for v in values):
        return r"\d{8}"
    return r"\d+"


def _common_prefix_id(values: tuple[str, ...]) -> str | None:
    """``d-7812345`` / ``a123456`` style ids: a short letter prefix kept literal."""
    found = [re.fullmatch(r"([a-z]{1,3}-?)(\d{4,})", v) for v in values]
    if not all(found):
        return None
    prefixes = {m.group(1) for m in found if m}
    return re.escape(prefixes.pop()) + r"\d+" if len(prefixes) == 1 else None


def _extension(values: tuple[str, ...]) -> str:
    endings = {m.group(0) if (m := re.search(r"\.(?:html?|php|aspx?)$", v)) else "" for v in values}
    return endings.pop() if len(endings) == 1 else ""


def _is_slug(value: str) -> bool:
    """A headline slug: words joined by hyphens (or underscores), at least two of them."""
    return bool(re.fullmatch(r"[\w]+(?:[-_][\w]+)+", value)) and not value.isdigit()


def _segments(url: str) -> tuple[str, ...]:
    return tuple(s for s in urlsplit(url).path.split("/") if s)


def _group_pattern(urls: Sequence[str], level: int) -> str:
    """One alternative: the segments' shapes, then the end of the path (a trailing slash
    allowed unless the last segment is a file name), so deeper pages do not match."""
    rows = [_segments(u) for u in urls]
    positions = [_Segment(tuple(row[i] for row in rows)) for i in range(len(rows[0]))]
    path = "/".join(p.shape(level) for p in positions)
    return path + (_FILE_END if _extension(positions[-1].values) else _END)


def learn_article_pattern(samples: Sequence[str], negatives: Sequence[str] = ()) -> str:
    """The article-URL regex for ``samples`` (same site); it must reject ``negatives``."""
    if not samples:
        raise PatternError("no sample URLs")
    domains = {registered_domain(urlsplit(u).hostname or "") for u in samples}
    if len(domains) != 1:
        raise PatternError(f"the samples are on different sites: {', '.join(sorted(domains))}")
    domain = domains.pop()
    groups: dict[int, list[str]] = {}
    for url in samples:
        if not _segments(url):
            raise PatternError(f"{url} is a home page, not an article")
        groups.setdefault(len(_segments(url)), []).append(url)
    for level in range(3):
        paths = [_group_pattern(urls, level) for _, urls in sorted(groups.items())]
        body = paths[0] if len(paths) == 1 else "(?:" + "|".join(paths) + ")"
        pattern = re.escape(domain) + "/" + body
        regex = re.compile(pattern)
        if all(regex.search(u) for u in samples) and not any(regex.search(u) for u in negatives):
            return pattern
    raise PatternError(
        "no pattern tells the samples from the non-article URLs seen: "
        + ", ".join(u for u in negatives if regex.search(u))[:300]
    )
