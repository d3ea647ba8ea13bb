"""Which learned template a document of a site without a profile is read with, and when to learn again.

The learning itself is pure (:mod:`scraper.extract.template`); this keeps it fed: a host's template
comes from the store, else is learned from the host's stored pages (the latest
:data:`LEARN_PAGES` first pages) and saved with the pages it was learned from; what each
extraction did with it is counted per host, and a template that missed more pages than it
served in a run (the site was redesigned) is learned again from the pages stored now.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from scraper.article import Article
from scraper.errors import InputError
from scraper.extract.classify import url_kind
from scraper.extract.htmlinput import decode_page
from scraper.extract.template import Template, learn
from scraper.fetch.page import PageRecord
from scraper.sites import profile_for_url, site_name
from scraper.store import Store

__all__ = ["LEARN_PAGES", "HostTemplates"]

#: Pages of a host a template is learned from.
LEARN_PAGES = 8
#: Newest stored documents of the host's site looked at for them (some are sitemaps, listings).
_CANDIDATES = 4 * LEARN_PAGES
#: A host with too few stored pages to learn from is tried again after this many more
#: documents (a crawl of a new site stores its first pages as it goes).
RETRY_EVERY = 5


def _article_page(page: PageRecord, host: str) -> bool:
    """A stored first page of one of the host's articles: not a later page, not a feed or
    sitemap the crawl archived, not a home, section or listing page."""
    return (page.part_of is None and urlsplit(page.url).hostname == host
            and "html" in (page.content_type or "text/html")
            and url_kind(page.url) not in ("home", "section", "listing"))


class HostTemplates:
    """Per-host templates for one job (a reextract run), kept in ``store``."""

    def __init__(self, store: Store, *, use_profiles: bool = True) -> None:
        self.store = store
        self.use_profiles = use_profiles
        self._known: dict[str, Template | None] = {}
        self._waiting: Counter[str] = Counter()
        self.outcomes: dict[str, Counter[str]] = {}

    def for_document(self, pages: list[PageRecord]) -> Template | None:
        """The template to read ``pages`` with: None for a site with a profile (it wins)."""
        url = pages[0].url
        host = urlsplit(url).hostname or ""
        if not host or (self.use_profiles and profile_for_url(url) is not None):
            return None
        if host not in self._known:
            self._known[host] = self.store.template(host) or self._learn(host, url)
        elif self._known[host] is None:
            self._waiting[host] += 1
            if self._waiting[host] % RETRY_EVERY == 0:
                self._known[host] = self._learn(host, url)
        return self._known[host]

    def note(self, pages: list[PageRecord], article: Article) -> None:
        """Count what the template did with this document (once: not on a reading that
        still waits for a later page or an alternate document)."""
        if article.template and not article.wanted:
            host = urlsplit(pages[0].url).hostname or ""
            self.outcomes.setdefault(host, Counter())[article.template] += 1

    def finish(self) -> dict[str, Counter[str]]:
        """Store the counts; learn again the templates that stopped matching."""
        for host, counts in self.outcomes.items():
            self.store.count_template(host, dict(counts))
            template = self._known.get(host)
            if template is not None and counts["miss"] > counts["used"] + counts["fallback"]:
                self._learn(host, template.pages[0] if template.pages else f"https://{host}/")
        return self.outcomes

    def _learn(self, host: str, url: str) -> Template | None:
        """Learn from the host's newest stored article pages (after a redesign, the pages
        in the new layout), save the template with them."""
        trees = []
        ids = self.store.document_ids(site_name(url))[-_CANDIDATES:]
        for pages in self.store.documents(ids):
            page = pages[0]
            if not _article_page(page, host):
                continue
            try:
                trees.append((page.url, LexborHTMLParser(decode_page(page.decoded()))))
            except InputError:
                continue
        template = learn(host, trees[-LEARN_PAGES:])
        if template is not None:
            self.store.save_template(template)
        return template
