"""The store: clean articles for analysts, raw pages and fetch logs for the machine.

One :class:`Store` holds every rule about what is written and read, on top of a backend
that owns the connection and the little SQL that differs: SQLite (:mod:`scraper.store.sqlite`,
the default: ``--db data/articles.db``) or PostgreSQL (:mod:`scraper.store.postgres`:
``--db postgresql://...``, for many machines writing at once).

The rules live in parts, one module each, that :class:`Store` puts together (one class,
one connection: a caller never picks a part):

- :mod:`scraper.store.connection`: the connection, transactions, batches, retries;
- :mod:`scraper.store.articles`: saving pages and articles (versioned), site-wide tags;
- :mod:`scraper.store.reads`: the crawl's lookups, streaming reads, export, search, stats;
- :mod:`scraper.store.bookkeeping`: runs, fetches, failures, archive days, probes, templates;
- :mod:`scraper.store.story_clusters`: the dedupe pass's stories and band index.

Why it is built this way:
- Every write of a page and its article is one transaction, so a crash never leaves an
  article pointing at a missing page or half an update; :meth:`Store.apply` runs a batch
  of writes in one transaction, each in its own savepoint.
- Times are UTC ISO 8601 text ('YYYY-MM-DDTHH:MM:SSZ') that sorts correctly; the page's own
  offset is kept in ``published_local`` so WIB/WITA/WIT local time stays recoverable.
- Articles are keyed by canonical URL and versioned: when title or body change, the earlier
  text goes to ``article_versions`` and ``version`` goes up. Metadata-only changes (tags,
  authors...) are refreshed in place and reported as "updated" without a new version.
- Raw pages are stored compressed (brotli quality 1, see :mod:`scraper.fetch.page`).
- Several writers at once (PostgreSQL, many machines): the article upsert is
  ``INSERT .. ON CONFLICT (url) DO NOTHING`` then a locked re-read, so one URL is one row
  and its versions stay consecutive; what has no unique key (a page's "same URL, same body"
  refresh, a URL's failure count) is serialised per URL (:meth:`Backend.serialize`); a
  transaction that loses a deadlock is run again whole (:meth:`Store._write`).

``data/README.md`` documents the schema. One ``Store`` is one connection: use it from one
thread (open one per thread/process).
"""

from __future__ import annotations

from scraper.store.articles import SITEWIDE_SAMPLE, Articles
from scraper.store.backend import Backend
from scraper.store.bookkeeping import Bookkeeping
from scraper.store.reads import Reads
from scraper.store.story_clusters import StoryClusters

__all__ = ["SITEWIDE_SAMPLE", "Backend", "Store"]


class Store(Articles, Reads, Bookkeeping, StoryClusters):
    """Articles, pages, fetches and runs in SQLite (a path) or PostgreSQL (a DSN)."""
