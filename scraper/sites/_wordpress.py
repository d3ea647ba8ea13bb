"""What every WordPress site offers, as profile data: day archives and the REST API.

WordPress serves each day's posts at ``/YYYY/MM/DD/`` (paged ``/YYYY/MM/DD/page/N/``) and,
where the REST API is open, ``/wp-json/wp/v2/posts`` with the documented ``search``,
``after``, ``before``, ``page`` and ``per_page`` parameters (``date`` in the site's local
time, ``link`` the post's address). So a backfill and a keyword search of any WordPress
site are two lines of data: the profiles of WordPress outlets use them, and
:mod:`scraper.discover.wordpress` applies them to a site crawled without a profile once its pages
say WordPress.
"""

from __future__ import annotations

from scraper.sites.base import Archive, Search

__all__ = ["WP_LINKS", "wp_archive", "wp_html_search", "wp_search"]

#: Post links on a theme's archive/search page: the common title markups, in order.
WP_LINKS = (
    "h2.entry-title a",
    "h3.entry-title a",
    ".entry-title a",
    "article h2 a",
    "article h3 a",
    ".td-module-title a",
    "h2.post-title a",
    "h3.post-title a",
)


def wp_archive(base: str, *, links: tuple[str, ...] = WP_LINKS, since: str = "") -> Archive:
    """The day archive of the WordPress site at ``base`` (``https://host``)."""
    return Archive(f"{base}/{{date:%Y/%m/%d}}/page/{{page}}/", links=links, max_pages=20, since=since)


def wp_search(base: str, *, note: str = "WordPress REST API (after/before/search/page)") -> Search:
    """Keyword search through the REST API, the range sent as ``after``/``before``."""
    return Search(
        f"{base}/wp-json/wp/v2/posts?search={{query}}&after={{since:%Y-%m-%dT00:00:00}}"
        f"&before={{until:%Y-%m-%dT23:59:59}}&per_page=50&page={{page}}&_fields=link,date,title",
        kind="json",
        item_url="link",
        item_date="date",
        item_title="title.rendered",
        newest_first=True,
        note=note,
    )


def wp_html_search(base: str, *, links: tuple[str, ...] = WP_LINKS, note: str = "WordPress ?s= search") -> Search:
    """The theme's own search pages: ``/?s=WORD``, then ``/page/N/?s=WORD`` (newest first)."""
    return Search(
        f"{base}/page/{{page}}/?s={{query}}", first_url=f"{base}/?s={{query}}", links=links, newest_first=True, note=note
    )
