"""What a source (feed, sitemap, archive page) says about one link it lists."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

__all__ = ["SourceLink"]


class SourceLink(NamedTuple):
    """A listed URL, the date the source gives it (publication or lastmod) and its title
    where the source has one (RSS/Atom items, news sitemaps): a backfill skips links
    dated out of range, and ``--match`` can skip a link by its title before fetching it."""

    url: str
    published: datetime | None = None
    title: str | None = None
