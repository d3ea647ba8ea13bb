"""The last step of extracting one page, after the body and the metadata are read.

A site profile's byline rules (data, applied by :mod:`scraper.byline`) run first, then
the profile's code hook, which gets the page's already-parsed metadata so it never has
to parse JSON-LD or meta tags again.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.article import Article
from scraper.byline import profile_authors
from scraper.metadata import PageMeta
from scraper.sites.base import SiteProfile


def finish_article(tree: LexborHTMLParser, article: Article, profile: SiteProfile | None, meta: PageMeta) -> None:
    """Apply the profile's byline rules and its hook to ``article`` (in place)."""
    if profile is None:
        return
    article.authors = profile_authors(tree, meta, profile, article.authors)
    if profile.postprocess is not None:
        profile.postprocess(tree, article, meta)
