"""Saving pages and articles: the versioned upsert by canonical URL, and the keywords
learned to be on every page of a site (kept out of its articles' tags).

Every write of a page and its article is one transaction, so a crash never leaves an
article pointing at a missing page or half an update. Articles are keyed by canonical URL
and versioned: when title or body change, the earlier text goes to ``article_versions`` and
``version`` goes up; metadata-only changes (tags, authors...) are refreshed in place and
reported as "updated" without a new version. Several writers at once (PostgreSQL): the
upsert is ``INSERT .. ON CONFLICT (url) DO NOTHING`` then a locked re-read, so one URL is
one row and its versions stay consecutive; a page's "same URL, same body" refresh is
serialised per URL (:meth:`scraper.store.backend.Backend.serialize`).
"""


from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from scraper.article import Article
from scraper.errors import StoreError
from scraper.extract.tags import SITEWIDE_MIN_ARTICLES, SITEWIDE_SHARE, learn_sitewide
from scraper.fetch.page import PageRecord
from scraper.store.columns import ARTICLE_COLUMNS
from scraper.store.connection import StoreConnection
from scraper.store.story_clusters import keep_bands
from scraper.store.values import (
    BATCH,
    SaveResult,
    article_row,
    chunks,
    site_of,
    to_json,
    utc_iso,
)

__all__ = ["SITEWIDE_SAMPLE", "Articles"]

#: Latest articles per site whose tags the site-wide keyword pass reads.
SITEWIDE_SAMPLE = 500
#: An article to insert: (its index in the batch, URL, row values, first page id, band keys).
_NewRow = tuple[int, str, dict[str, Any], int | None, list[int] | None]


class Articles(StoreConnection):
    """The store's writes of pages and articles (part of :class:`scraper.store.core.Store`)."""

    # --- writing pages and articles -------------------------------------------------------

    def save_page(self, page: PageRecord) -> int:
        """Archive a raw page (e.g. a feed or sitemap); returns its id."""
        return self._write("save page", lambda: self._insert_page(page))

    def save_pages(self, pages: list[PageRecord], site: str | None = None) -> int | None:
        """Archive the pages of one document (first page, later pages) without an article,
        e.g. when extraction failed: re-extraction can read them later."""
        return self._write("save pages", lambda: self._insert_pages(pages, site))

    def save_source(self, page: PageRecord) -> None:
        """Archive a feed/sitemap/index response (:class:`scraper.discover.sources.SourceArchive`)."""
        self.save_page(page)

    def _insert_pages(self, pages: list[PageRecord], site: str | None) -> int | None:
        """Insert an article's pages: the first, then each later page as a part of it."""
        if not pages:
            return None
        first = self._insert_page(pages[0], site)
        for number, part in enumerate(pages[1:], start=2):
            self._insert_page(part, site, part_of=(first, number))
        return first

    def _insert_page(self, page: PageRecord, site: str | None = None, part_of: tuple[int, int] | None = None) -> int:
        """Insert ``page`` unless it is already stored; an identical body re-fetched for
        the same URL refreshes the latest row instead of storing a second copy.
        ``part_of`` = (first page id, page number) files a later page of a multi-page article."""
        if page.id is not None:
            return page.id
        packed = page.pack()
        body_hash = packed.sha256
        fetched = utc_iso(page.fetched_at)
        parent, number = part_of or (None, None)
        self.backend.serialize(f"page {page.url}")  # one writer at a time checks "same URL, same body"
        latest = self._x(
            "SELECT id, body_hash FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (page.url,)
        ).fetchone()
        if latest and latest[1] == body_hash:
            self._x(
                "UPDATE pages SET final_url=?, status=?, content_type=?, etag=?, last_modified=?,"
                f" fetched_at={self.backend.greatest('fetched_at', '?')}, redirected=?, part_of=?, part=? WHERE id=?",
                (page.final_url, page.status, page.content_type, page.etag, page.last_modified,
                 fetched, int(page.redirected), parent, number, latest[0]),
            )
            page.id = int(latest[0])
            return page.id
        cursor = self._x(
            "INSERT INTO pages (url, final_url, site, status, content_type, etag, last_modified,"
            " fetched_at, body, body_encoding, body_size, body_hash, redirected, part_of, part)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (page.url, page.final_url, site or site_of(page.final_url or page.url), page.status,
             page.content_type, page.etag, page.last_modified, fetched,
             packed.blob, packed.encoding, packed.size, body_hash, int(page.redirected),
             parent, number),
        )
        page.id = int(cursor.fetchone()[0])
        self._new_pages.append(page)
        return page.id

    def save_article(
        self, article: Article, *, pages: list[PageRecord] | None = None, page: PageRecord | None = None,
        seen_at: datetime | None = None,
    ) -> SaveResult:
        """Store the article's ``pages`` (first page, then later pages; ``page`` = one page)
        and upsert ``article``, in one transaction.

        Returns "new", "updated" or "unchanged"; an article whose status is not "ok" only
        archives its pages and returns "not_article". Saving the same article twice gives
        one row and no new version. A page whose ``id`` is set is taken as already stored.
        """
        seen = utc_iso(seen_at)
        return self._write("save article", lambda: self._save(article, pages or ([page] if page else []), seen))

    def save_articles(
        self, items: Iterable[Article | tuple[Article, list[PageRecord] | PageRecord | None]], *, batch: int = BATCH
    ) -> Counter[str]:
        """Bulk :meth:`save_article`: ``batch`` articles per transaction (for imports, the
        crawl's batched writer and the benchmark). Returns counts by result."""
        counts: Counter[str] = Counter()
        pending: list[tuple[Article, list[PageRecord]]] = []
        for item in items:
            article, pages = item if isinstance(item, tuple) else (item, None)
            pending.append((article, pages if isinstance(pages, list) else [pages] if pages else []))
            if len(pending) >= batch:
                counts.update(self._save_batch(pending))
                pending = []
        if pending:
            counts.update(self._save_batch(pending))
        return counts

    def _save_batch(self, items: list[tuple[Article, list[PageRecord]]]) -> Counter[str]:
        seen = utc_iso()
        return self._write("save articles", lambda: Counter(self._save_many(items, seen)))

    def _save(self, article: Article, pages: list[PageRecord], seen: str) -> SaveResult:
        return self._save_many([(article, pages)], seen)[0]

    def _save_many(self, items: Sequence[tuple[Article, list[PageRecord]]], seen: str) -> list[SaveResult]:
        """Store each item's pages, then its article; the results in the items' order.

        The new articles of a batch go in one multi-row INSERT: SQLite's FTS5 flushes its
        pending index at the end of every statement, so one INSERT per article wrote one tiny
        index segment per article and the merges cost half the bulk insert time; PostgreSQL
        saves a round trip per article. A URL already stored (or earlier in the batch) is
        not returned by the INSERT and takes the locked update path, in the items' order."""
        results: list[SaveResult] = ["not_article"] * len(items)
        rows: list[_NewRow] = []
        for n, (article, pages) in enumerate(items):
            page_id = self._insert_pages(pages, article.site)
            if article.status != "ok":
                continue
            url = article.url or (pages[0].final_url if pages else None)
            if not url:
                raise StoreError("cannot save an article without a URL")
            rows.append((n, url, self._without_sitewide(article, article_row(article)), page_id, article.bands))
        inserted = self._insert_articles(rows, seen)
        bands = []
        for n, url, row, page_id, keys in rows:
            new_id = inserted.pop(url, None)
            if new_id is not None:
                results[n] = "new"
                bands.append((new_id, keys))
            else:
                results[n] = self._save_existing(url, row, seen, page_id, keys)
        keep_bands(self, bands)
        return results

    def _save_existing(
        self, url: str, row: dict[str, Any], seen: str, page_id: int | None, bands: list[int] | None
    ) -> SaveResult:
        """Another writer (or an earlier run, or an earlier item) has the URL: lock its row,
        then update it."""
        columns = ", ".join(ARTICLE_COLUMNS)
        cursor = self._x(f"SELECT {columns} FROM articles WHERE url = ?{self.backend.for_update}", (url,))
        names = [c[0] for c in cursor.description]
        old = dict(zip(names, cursor.fetchone(), strict=True))
        result = self._update_article(old, row, seen, page_id)
        if row["content_hash"] != old["content_hash"]:
            keep_bands(self, [(int(old["id"]), bands)])
        return result

    def _insert_articles(self, rows: list[_NewRow], seen: str) -> dict[str, int]:
        """Insert new articles, as many per statement as the backend's parameter limit
        allows; returns url -> id of the rows inserted. A URL already stored is left alone
        (idempotent upsert keyed by URL: concurrent workers never make two rows)."""
        if not rows:
            return {}
        values = [{**row, "url": url, "first_seen": seen, "last_seen": seen, "version": 1,
                   "version_since": seen, "page_id": page_id} for _, url, row, page_id, _ in rows]
        names = list(values[0])
        marks = "(" + ", ".join("?" for _ in names) + ")"
        inserted: dict[str, int] = {}
        for part in chunks(values, max(1, self.backend.max_params // len(names))):
            cursor = self._x(
                f"INSERT INTO articles ({', '.join(names)}) VALUES {', '.join(marks for _ in part)}"
                " ON CONFLICT (url) DO NOTHING RETURNING id, url", [v for one in part for v in one.values()])
            inserted.update((url, int(article_id)) for article_id, url in cursor.fetchall())
        return inserted

    def _update_article(
        self, old: dict[str, Any], row: dict[str, Any], seen: str, page_id: int | None
    ) -> SaveResult:
        changes = {k: v for k, v in row.items() if old[k] != v}
        touch: dict[str, Any] = {"last_seen": max(old["last_seen"], seen)}
        if page_id is not None:
            touch["page_id"] = page_id
        if "content_hash" in changes:
            self._x(
                "INSERT INTO article_versions (article_id, url, version, title, body, content_hash,"
                " valid_from, replaced_at, page_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (old["id"], old["url"], old["version"], old["title"], old["body"],
                 old["content_hash"], old["version_since"], seen, old["page_id"]),
            )
            touch.update(version=old["version"] + 1, version_since=seen)
        values = {**changes, **touch}
        assignments = ", ".join(f"{k} = ?" for k in values)
        self._x(f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), old["id"]))
        return "updated" if changes else "unchanged"

    # --- keywords on every page of a site (the rule: scraper.extract.tags.learn_sitewide) -------------

    def _without_sitewide(self, article: Article, row: dict[str, Any]) -> dict[str, Any]:
        """The row without the tags learned to be on every page of the article's site."""
        if self._sitewide is None:
            self._sitewide = {}
            for found in self._query("SELECT site, keyword FROM site_keywords"):
                self._sitewide[found["site"]] = self._sitewide.get(found["site"], frozenset()) | {found["keyword"]}
        banned = self._sitewide.get(article.site or "")
        if banned and any(t.casefold() in banned for t in article.tags):
            row["tags"] = to_json(t for t in article.tags if t.casefold() not in banned)
        return row

    def learn_sitewide_tags(self, *, share: float = SITEWIDE_SHARE, min_articles: int = SITEWIDE_MIN_ARTICLES,
                            sample: int = SITEWIDE_SAMPLE) -> dict[str, list[str]]:
        """Learn each site's every-page keywords from the tags of its ``sample`` latest
        published articles (an indexed, bounded read after every run, however big the store), remember
        them (``site_keywords``) and take them out of the site's stored articles; later
        saves leave them out. Returns site -> keywords learned by this call."""
        totals: dict[str, int] = {}
        counts: Counter[tuple[str, str]] = Counter()
        for site in [r["site"] for r in self._query("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL")]:
            rows = self._query("SELECT tags FROM articles WHERE site = ? ORDER BY published DESC LIMIT ?", (site, sample))
            totals[site] = len(rows)
            for row in rows:
                counts.update((site, tag) for tag in {str(t).casefold() for t in json.loads(row["tags"] or "[]")})
        known = {(r["site"], r["keyword"]) for r in self._query("SELECT site, keyword FROM site_keywords")}
        learned = {site: sorted(k for k in keywords if (site, k) not in known)
                   for site, keywords in learn_sitewide(totals, counts, share=share, min_articles=min_articles).items()}
        learned = {site: keywords for site, keywords in learned.items() if keywords}
        if learned:
            self._write("learn site-wide tags", lambda: self._forget_sitewide(learned, totals, counts))
            self._sitewide = None
        return learned

    def _forget_sitewide(self, learned: dict[str, list[str]], totals: dict[str, int],
                         counts: Counter[tuple[str, str]]) -> None:
        now = utc_iso()
        for site, keywords in learned.items():
            for keyword in keywords:
                self._x("INSERT INTO site_keywords (site, keyword, articles, share, learned_at) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (site, keyword) DO NOTHING",
                        (site, keyword, counts[(site, keyword)], round(counts[(site, keyword)] / totals[site], 3), now))
            banned = set(keywords)
            for found in self._query("SELECT id, tags FROM articles WHERE site = ? AND tags <> '[]'", (site,)):
                tags = json.loads(found["tags"])
                kept = [t for t in tags if t.casefold() not in banned]
                if kept != tags:
                    self._x("UPDATE articles SET tags = ? WHERE id = ?", (to_json(kept), found["id"]))
