"""Any WordPress site, profile or not: recognised from its pages, then backfilled through
its day archives and searched through its REST API (:mod:`scraper.sites._wordpress`).

A site crawled with ``--sitemap/--feed/--start`` has no archive or search of its own. When
the run asks for a range or a search, its home page is read once: WordPress names itself
in a generator meta tag, the REST API's ``<link rel="https://api.w.org/">`` or its
``/wp-content/``/``/wp-json/`` paths. Then the profile gets the day archive and the REST
search as data, and the ordinary backfill and search walks take over.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from scraper.errors import FetchError
from scraper.fetch.client import Fetcher
from scraper.sites._wordpress import wp_archive, wp_search
from scraper.sites.base import SiteProfile

__all__ = ["is_wordpress", "wordpress_profile"]

_SIGNS = re.compile(
    r"""<meta[^>]+name=["']generator["'][^>]+content=["']WordPress|<link[^>]+rel=["']https://api\.w\.org/["']"""
    r"""|/wp-content/|/wp-json/""",
    re.IGNORECASE,
)


def is_wordpress(html: str) -> bool:
    """True when the page says it is served by WordPress."""
    return bool(_SIGNS.search(html))


def _home(profile: SiteProfile) -> str | None:
    for url in (*profile.index_pages, *profile.feeds, *profile.sitemaps):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return None


async def wordpress_profile(fetcher: Fetcher, profile: SiteProfile) -> SiteProfile | None:
    """``profile`` with WordPress's day archive and REST search, when its site's home page
    says WordPress; None when it does not (or cannot be read: the caller says so)."""
    base = _home(profile)
    if base is None:
        return None
    try:
        page = await fetcher.fetch(base + "/")
    except FetchError:
        return None
    if not is_wordpress(page.decoded()):
        return None
    return replace(profile, archives=profile.archives or (wp_archive(base),),
                   search=profile.search or (wp_search(base, note="WordPress REST API (detected)"),))
