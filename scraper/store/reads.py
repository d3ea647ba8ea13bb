"""Reading the store: the crawl's lookups (known URLs, validators, cached bodies),
streaming pages and documents for re-extraction, articles for export, search and stats.

Reads stream (iterators, chunks of ids) so a store of any size is read in bounded memory.
"""


from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scraper.errors import StoreError
from scraper.fetch.page import PageRecord, unpack
from scraper.filters.daterange import parse_range
from scraper.filters.searchquery import check_query, requoted_note
from scraper.store.columns import ARTICLE_COLUMNS, JSON_LISTS
from scraper.store.connection import StoreConnection
from scraper.store.values import (
    BATCH,
    FALLBACK_SQL,
    PAGE_COLUMNS,
    Known,
    chunks,
    decode_lists,
    from_utc,
    page_from_row,
    to_json,
    utc_iso,
)

__all__ = ["Reads"]

log = logging.getLogger("scraper.store")


class Reads(StoreConnection):
    """The store's reads (part of :class:`scraper.store.core.Store`)."""

    # --- lookups for the crawl ------------------------------------------------------------

    def known(self, urls: Iterable[str], *, match_filter: str | None = None) -> dict[str, Known]:
        """The URLs among ``urls`` the crawl need not fetch as new: stored articles, and
        pages archived under that URL (not-article pages count: they were fetched and are
        not fetched again; an empty body does not: an empty 200 is a transient fault).
        A page whose article a ``--match`` filter left out counts only for a crawl with
        that same filter (``match_filter``, :meth:`leave_out`): for any other, the article
        is still to be had."""
        wanted = list(dict.fromkeys(urls))
        articles: dict[str, str | None] = {}
        pages: dict[str, str] = {}
        for chunk in chunks(wanted):
            marks = ", ".join("?" for _ in chunk)
            for url, published, last_seen in self._rows(
                f"SELECT url, published, last_seen FROM articles WHERE url IN ({marks})", chunk
            ):
                articles[url] = published
                pages[url] = last_seen
            for url, fetched in self._rows(
                f"SELECT url, max(fetched_at) FROM pages WHERE url IN ({marks}) AND body_size > 0 GROUP BY url",
                chunk,
            ):
                pages[url] = max(fetched, pages.get(url) or fetched)
            for url, applied in self._rows(f"SELECT url, filter FROM left_out WHERE url IN ({marks})", chunk):
                if url not in articles and applied != match_filter:
                    pages.pop(url, None)
        return {
            url: Known(url, from_utc(articles.get(url)), from_utc(pages.get(url)), url in articles)
            for url in pages
        }

    def leave_out(self, url: str, *, site: str | None, match_filter: str) -> None:
        """Record that ``match_filter`` left ``url``'s article out (its page is archived):
        see :meth:`known`; :meth:`iter_documents` skips it while it has no article."""
        with self.transaction("record a left-out article"):
            self._x(
                "INSERT INTO left_out (url, site, filter, left_at) VALUES (?, ?, ?, ?) ON CONFLICT (url)"
                " DO UPDATE SET site = excluded.site, filter = excluded.filter, left_at = excluded.left_at",
                (url, site, match_filter, utc_iso()),
            )

    def recent_article_urls(self, site: str, since: datetime) -> list[str]:
        """URLs of ``site``'s articles published at or after ``since``, newest first."""
        rows = self._rows(
            "SELECT url FROM articles WHERE site = ? AND published >= ? ORDER BY published DESC",
            (site, utc_iso(since)),
        )
        return [r[0] for r in rows]

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) of the latest stored page of ``url``, for a conditional GET."""
        rows = self._query(
            "SELECT etag, last_modified FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        )
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def cached_body(self, url: str) -> bytes | None:
        """The body of the latest stored page of ``url`` (a feed's copy when it answers 304)."""
        rows = self._rows(
            "SELECT id, body, body_encoding FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        )
        return unpack(rows[0][2], bytes(rows[0][1]), f"page {rows[0][0]}") if rows else None

    # --- streaming reads ------------------------------------------------------------------

    def iter_pages(self, site: str | None = None, *, latest_only: bool = True,
                   documents: bool = False) -> Iterator[PageRecord]:
        """Stored pages, decompressed, in id order; by default only each URL's latest page
        (re-extracting an older copy would roll an article back). Streams in batches.
        ``documents``: only pages re-extraction may turn into articles (not those whose
        article ``--match`` left out, :meth:`leave_out`)."""
        where = ["p.id > ?"]
        params: list[Any] = []
        if site:
            where.append("p.site = ?")
            params.append(site)
        if latest_only:
            where.append("NOT EXISTS (SELECT 1 FROM pages q WHERE q.url = p.url AND q.id > p.id)")
        if documents:
            where.append(_NOT_LEFT_OUT)
        sql = f"SELECT {PAGE_COLUMNS} FROM pages p WHERE {' AND '.join(where)} ORDER BY p.id LIMIT 100"
        last = 0
        while True:
            with self._errors("read pages"):
                rows = self._x(sql, (last, *params)).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield page_from_row(row)

    def iter_documents(self, site: str | None = None) -> Iterator[list[PageRecord]]:
        """Each URL's latest stored page with its later pages (multi-page articles), as
        the list the extractor reads: [first page, page 2, ...]. For ``reextract``."""
        for first in self.iter_pages(site, documents=True):
            if first.part_of is None:  # a later page is read with its first page
                yield [first, *self._parts(first)]

    def document_ids(self, site: str | None = None) -> list[int]:
        """The page ids of the documents :meth:`iter_documents` reads (to split the work)."""
        where, params = ["part_of IS NULL", _NOT_LEFT_OUT], []
        if site:
            where.append("site = ?")
            params.append(site)
        rows = self._rows(
            f"SELECT id FROM pages p WHERE {' AND '.join(where)} AND NOT EXISTS"
            " (SELECT 1 FROM pages q WHERE q.url = p.url AND q.id > p.id) ORDER BY id", params,
        )
        return [int(r[0]) for r in rows]

    def documents(self, ids: list[int]) -> Iterator[list[PageRecord]]:
        """The documents whose first pages have these ids, in id order."""
        for chunk in chunks([str(i) for i in ids], 100):
            marks = ", ".join("?" for _ in chunk)
            rows = self._rows(f"SELECT {PAGE_COLUMNS} FROM pages p WHERE id IN ({marks}) ORDER BY id",
                              [int(i) for i in chunk])
            for row in rows:
                first = page_from_row(row)
                yield [first, *self._parts(first)]

    def _parts(self, first: PageRecord) -> list[PageRecord]:
        rows = self._rows(
            f"SELECT {PAGE_COLUMNS} FROM pages p WHERE part_of = ? AND NOT EXISTS"
            " (SELECT 1 FROM pages q WHERE q.part_of = p.part_of AND q.part = p.part AND q.id > p.id)"
            " ORDER BY part",
            (first.id,),
        )
        return [page_from_row(r) for r in rows]

    def iter_articles(
        self, site: str | None = None, since: str | date | None = None, until: str | date | None = None
    ) -> Iterator[dict[str, Any]]:
        """Articles as dicts (JSON lists decoded), in id order, streamed in batches.
        ``since``/``until`` bound ``published`` as :func:`scraper.filters.daterange.parse_range`
        reads them (a bare date ``until`` includes that day)."""
        start, end = parse_range(_text(since), _text(until))
        return self.select_articles(sites=(site,) if site else (), start=start, end=end)

    def select_articles(
        self, *, sites: Iterable[str] = (), start: datetime | None = None, end: datetime | None = None,
        query: str | None = None, batch: int = BATCH,
    ) -> Iterator[dict[str, Any]]:
        """The articles of ``sites`` (all when empty) published in ``[start, end)`` and, with
        ``query``, matching it in the full-text index (``search``'s query rules), as dicts
        with the JSON lists decoded, in id order. Streamed in batches of ``batch`` rows by
        keyset: no read transaction stays open between batches, so a long export neither
        holds the whole table nor keeps the crawl's WAL from being checkpointed."""
        where: list[str] = []
        params: list[Any] = []
        wanted = list(dict.fromkeys(sites))
        if wanted:
            where.append(f"a.site IN ({', '.join('?' for _ in wanted)})")
            params.extend(wanted)
        if start is not None:
            where.append("a.published >= ?")
            params.append(utc_iso(start))
        if end is not None:
            where.append("a.published < ?")
            params.append(utc_iso(end))
        if query is None:
            source, key = "articles AS a", "a.id"
        elif (match := self._fts_query(query)) is None:
            return
        else:
            source, key, condition = self.backend.fts_filter()
            where.append(condition)
            params.append(match)
        columns = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
        sql = (f"SELECT {columns} FROM {source} WHERE {' AND '.join([f'{key} > ?', *where])}"
               f" ORDER BY {key} LIMIT {int(batch)}")
        last = 0
        while True:
            rows = self._query(sql, (last, *params))
            if not rows:
                return
            for row in rows:
                last = row["id"]
                yield decode_lists(row)

    def article_versions(self, article_ids: Iterable[int]) -> list[dict[str, Any]]:
        """The earlier versions (``article_versions`` rows) of these articles, oldest first."""
        found: list[dict[str, Any]] = []
        for chunk in chunks(list(dict.fromkeys(article_ids))):
            marks = ", ".join("?" for _ in chunk)
            found.extend(self._query(
                f"SELECT * FROM article_versions WHERE article_id IN ({marks}) ORDER BY article_id, version", chunk
            ))
        return found

    def import_articles(
        self, articles: Sequence[dict[str, Any]], versions: Sequence[dict[str, Any]] = ()
    ) -> None:
        """Insert articles and their earlier versions as another store gave them
        (:meth:`select_articles`, :meth:`article_versions`): ids, times and version numbers
        kept, so a snapshot says what its source said. Raw pages are not copied, so
        ``page_id`` is left empty. Columns this store does not have are ignored. One
        transaction; the full-text index follows."""
        with self.transaction("import articles"):
            for table, rows in (("articles", articles), ("article_versions", versions)):
                known = self.backend.columns(table)
                for row in rows:
                    values = {k: to_json(v) if k in JSON_LISTS and isinstance(v, list) else v
                              for k, v in row.items() if k in known}
                    values["page_id"] = None
                    marks = ", ".join("?" for _ in values)
                    self._x(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", tuple(values.values()))

    def _fts_query(self, query: str) -> str | None:
        """``query`` when the full-text index accepts it, else its words as plain words (a
        typo like an unbalanced quote still finds what the words find; a warning on the
        ``scraper.store`` logger says so); None when it has none. Raises InputError for a
        query past :mod:`scraper.filters.searchquery`'s limits."""
        check_query(query)
        source, _, condition = self.backend.fts_filter()
        try:
            self._rows(f"SELECT 1 FROM {source} WHERE {condition} LIMIT 1", (query,))
            return query
        except StoreError:  # syntax error, unterminated string, unknown column...
            pass
        words = self.backend.plain_words(query)
        log.warning(requoted_note(query, words))
        return words or None

    # --- analysis -------------------------------------------------------------------------

    def stored_sites(self) -> set[str]:
        """The site names the articles are filed under (profiles, and hosts of sites with none)."""
        return {row[0] for row in self._rows("SELECT DISTINCT site FROM articles")}

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[dict[str, Any]]:
        """Full-text search (best match first) with a highlighted ``snippet`` of the body.
        A query that is not valid search syntax is retried as plain words."""
        match = self._fts_query(query)
        return self._query(self.backend.search_sql(), (*highlight, match, limit)) if match is not None else []

    def stats(self, days: int = 14) -> dict[str, Any]:
        """Counts for the ``stats`` command: per site, per WIB day, fallback share,
        failures by kind, last runs."""
        since = utc_iso(datetime.now(UTC) - timedelta(days=days))
        return {
            "totals": self._query(
                "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM pages) AS pages,"
                " (SELECT count(*) FROM fetches) AS fetches, (SELECT count(*) FROM article_versions)"
                " AS versions"
            )[0],
            "sites": self._query(
                "SELECT site, count(*) AS articles,"
                f" sum(CASE WHEN {FALLBACK_SQL} THEN 1 ELSE 0 END) AS fallback,"
                f" round(1.0 * sum(CASE WHEN {FALLBACK_SQL} THEN 1 ELSE 0 END) / count(*), 3) AS fallback_share,"
                " max(published) AS latest, max(last_seen) AS last_seen"
                " FROM articles GROUP BY site ORDER BY articles DESC, site"
            ),
            "per_day": self._query(
                f"SELECT {self.backend.local_day('published')} AS day, site, count(*) AS articles FROM articles"
                " WHERE published >= ? GROUP BY day, site ORDER BY day DESC, site", (since,)
            ),
            "sections": self._query(
                "SELECT site, section, subsection, count(*) AS articles FROM articles"
                " GROUP BY site, section, subsection"
                " ORDER BY site, articles DESC, coalesce(section, ''), coalesce(subsection, '')"
            ),
            "failures": self._query(
                "SELECT error_kind, count(*) AS count, max(fetched_at) AS last FROM fetches"
                " WHERE error_kind IS NOT NULL GROUP BY error_kind ORDER BY count DESC, error_kind"
            ),
            "runs": self._query(
                "SELECT id, started_at, finished_at, status, discovered, new, updated, unchanged,"
                " not_article, failed, blocked FROM runs ORDER BY id DESC LIMIT 5"
            ),
        }


    def latest_days(self, days: int) -> list[dict[str, Any]]:
        """Articles per site for the latest ``days`` WIB days that have any (an archive
        whose articles are all old still shows something)."""
        day = self.backend.local_day("published")
        return self._query(
            f"SELECT {day} AS day, site, count(*) AS articles FROM articles WHERE {day} IN"
            f" (SELECT DISTINCT {day} AS d FROM articles WHERE published IS NOT NULL ORDER BY d DESC LIMIT ?)"
            " GROUP BY day, site ORDER BY day DESC, site", (days,)
        )


def _text(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value or None


#: Pages (``p``) that re-extraction may turn into articles: not one whose article a
#: ``--match`` filter left out, unless the article was stored since (by another crawl).
_NOT_LEFT_OUT = ("NOT EXISTS (SELECT 1 FROM left_out l WHERE l.url = p.url"
                 " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = p.url))")
