"""The last step of extracting one page, after the body and the metadata are read.

Every path ends here, so a rule about the finished article is written once: its writers
and editors (decided by :func:`scraper.extract.people.page_people` from the merged metadata
and the site profile's byline rules, on the page as served: the body's drop rules only
ever touch copies of it, so credit boxes stay readable),
the profile's code hook (given the page's already-parsed metadata, so it never parses
JSON-LD or meta tags again), then the story's edges: the capitals byline closing it
(credited when nobody else is) and the page header a generic reading puts before it
(headline, date line, byline; GOLD_GUIDE: none of it is body).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scraper.article import Article
from scraper.extract.boilerplate import drop_page_header, pop_closing_bylines
from scraper.extract.page_meta import PageMeta
from scraper.extract.people import credited_names, page_people
from scraper.sites.base import SiteProfile


def finish_article(tree: LexborHTMLParser, article: Article, profile: SiteProfile | None, meta: PageMeta) -> None:
    """Decide the writers and editors, apply the profile's hook, then trim the story's edges (in place)."""
    people = page_people(tree, meta, profile)
    article.authors, article.editors = people.writers, people.editors
    if profile is not None and profile.postprocess is not None:
        profile.postprocess(tree, article, meta)
    article.paragraphs, closing = pop_closing_bylines(article.paragraphs)
    if closing and not article.authors:
        article.authors = credited_names(closing)
    article.paragraphs = drop_page_header(article.paragraphs, article.title)
