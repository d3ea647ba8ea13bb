"""The store on real databases, each test on both backends (a SQLite file and a PostgreSQL
schema, see tests/conftest.py): upserts, versions, FTS sync, pages, lookups, errors. Tests
of what only SQLite has (its migrations, WAL, a full disk) run on SQLite alone."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.article import Article
from scraper.errors import StoreError
from scraper.fetch.page import unpack
from scraper.store import Known, PageRecord, Store, parse_published
from scraper.store.migrations import SCHEMA_VERSION, migrate

T0 = datetime(2025, 3, 13, 1, 0, tzinfo=UTC)
T1 = datetime(2025, 3, 14, 1, 0, tzinfo=UTC)


def article(n: int = 1, **changes: object) -> Article:
    fields: dict[str, object] = {
        "url": f"https://www.kabarcontoh.id/berita/{n}", "site": "kabarcontoh",
        "title": f"Banjir merendam kampung {n}", "published": "2025-03-13T02:15:00+07:00",
        "authors": ["Siti Rahma"], "tags": ["banjir", "jakarta"], "extractor": "site:kabarcontoh",
        "paragraphs": [f"Hujan deras sejak pagi merendam kampung nomor {n}.", "Warga mengungsi ke masjid."],
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def page(n: int = 1, body: bytes | None = None, **changes: object) -> PageRecord:
    url = f"https://www.kabarcontoh.id/berita/{n}"
    fields: dict[str, object] = {
        "url": url, "final_url": url, "status": 200, "content_type": "text/html; charset=utf-8",
        "etag": f'"etag-{n}"', "last_modified": "Thu, 13 Mar 2025 01:00:00 GMT", "fetched_at": T0,
        "body": body if body is not None else f"<html><body><p>halaman {n}</p></body></html>".encode(),
    }
    fields.update(changes)
    return PageRecord(**fields)  # type: ignore[arg-type]


def one(store: Store, sql: str, *params: object) -> tuple:
    """The first row of ``sql`` (``?`` placeholders) on the store's own connection."""
    return tuple(store.backend.execute(sql, params).fetchone())


def count(store: Store, table: str) -> int:
    return int(one(store, f"SELECT count(*) FROM {table}")[0])


def get(store: Store, table: str, row_id: int) -> dict:
    return store._query(f"SELECT * FROM {table} WHERE id = ?", (row_id,))[0]


def test_new_article_and_page_in_one_row_each(store: Store) -> None:
    p = page()
    assert store.save_article(article(), page=p, seen_at=T0) == "new"
    row = get(store, "articles", 1)
    assert row["url"] == "https://www.kabarcontoh.id/berita/1"
    assert row["published"] == "2025-03-12T19:15:00Z"
    assert row["published_local"] == "2025-03-13T02:15:00+07:00"
    assert row["authors"] == '["Siti Rahma"]' and row["tags"] == '["banjir", "jakarta"]'
    assert row["version"] == 1 and row["first_seen"] == row["last_seen"] == "2025-03-13T01:00:00Z"
    assert row["page_id"] == p.id == 1 and row["word_count"] == 12
    stored = get(store, "pages", 1)
    assert unpack(stored["body_encoding"], stored["body"]) == p.body and stored["body_size"] == len(p.body)
    assert stored["site"] == "kabarcontoh"


def test_same_article_twice_is_one_row_without_new_version(store: Store) -> None:
    assert store.save_article(article(), page=page(), seen_at=T0) == "new"
    assert store.save_article(article(), page=page(fetched_at=T1), seen_at=T1) == "unchanged"
    assert count(store, "articles") == 1 and count(store, "pages") == 1
    assert count(store, "article_versions") == 0
    assert one(store, "SELECT version, last_seen FROM articles") == (1, "2025-03-14T01:00:00Z")
    assert one(store, "SELECT fetched_at FROM pages") == ("2025-03-14T01:00:00Z",)


def test_edited_body_keeps_old_version(store: Store) -> None:
    store.save_article(article(), page=page(), seen_at=T0)
    edited = article(paragraphs=["Hujan deras merendam kampung nomor 1.", "Ralat: warga tetap di rumah."])
    v2 = page(body=b"<html>v2</html>", fetched_at=T1)
    assert store.save_article(edited, page=v2, seen_at=T1) == "updated"
    assert one(store, "SELECT version, version_since, page_id FROM articles") == (
        2, "2025-03-14T01:00:00Z", 2)
    old = get(store, "article_versions", 1)
    assert old["version"] == 1 and "mengungsi ke masjid" in old["body"]
    assert (old["valid_from"], old["replaced_at"], old["page_id"]) == (
        "2025-03-13T01:00:00Z", "2025-03-14T01:00:00Z", 1)
    assert count(store, "pages") == 2


def test_metadata_change_updates_in_place_without_version(store: Store) -> None:
    store.save_article(article(), seen_at=T0)
    assert store.save_article(article(tags=["banjir"]), seen_at=T1) == "updated"
    assert one(store, "SELECT version, tags FROM articles") == (1, '["banjir"]')
    assert count(store, "article_versions") == 0


def test_fts_follows_insert_update_delete(store: Store) -> None:
    store.save_article(article(), seen_at=T0)
    assert [r["id"] for r in store.search("mengungsi")] == [1]
    store.save_article(article(paragraphs=["Kemarau panjang melanda sawah."]), seen_at=T1)
    assert store.search("mengungsi") == []
    hit = store.search("kemarau")[0]
    assert hit["snippet"] == "[Kemarau] panjang melanda sawah."
    store.backend.execute("DELETE FROM articles")
    assert store.search("kemarau") == []


def test_search_accepts_bad_fts_syntax_and_ranks(store: Store) -> None:
    store.save_article(article(1, title="Gempa di Palu"), seen_at=T0)
    store.save_article(article(2, title="Gempa gempa gempa", paragraphs=["gempa lagi, gempa"]), seen_at=T0)
    assert [r["id"] for r in store.search("gempa")] == [2, 1]
    assert [r["id"] for r in store.search('gempa "Palu')] == [1]  # unbalanced quote retried as words
    assert store.search("gempa", limit=1)[0]["id"] == 2


def test_not_ok_article_only_archives_page(store: Store) -> None:
    home = Article(status="not_article", url="https://www.kabarcontoh.id/")
    result = store.save_article(home, page=page(9))
    assert result == "not_article"
    assert count(store, "articles") == 0 and count(store, "pages") == 1


BOOM = {  # a trigger that makes every article insert fail
    "sqlite": ["CREATE TRIGGER boom BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'boom'); END"],
    "postgresql": ["CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE 'boom'; END$$",
                   "CREATE TRIGGER boom BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION boom()"],
}


def test_failed_article_write_rolls_back_its_page(store: Store) -> None:
    """One transaction: an article that cannot be written leaves no orphan page behind."""
    bad = article(url=None)
    with pytest.raises(StoreError):
        store.save_article(bad, page=PageRecord("", "", 200, None, None, None, T0, b"x"))
    assert count(store, "pages") == 0 and count(store, "articles") == 0
    for statement in BOOM[store.backend.name]:
        store.backend.execute(statement)
    with pytest.raises(StoreError, match="boom"):
        store.save_article(article(), page=page())
    assert count(store, "pages") == 0


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-13T02:15:00+07:00", ("2025-03-12T19:15:00Z", "2025-03-13T02:15:00+07:00")),
    ("2025-03-13T10:00:00+08:00", ("2025-03-13T02:00:00Z", "2025-03-13T10:00:00+08:00")),  # WITA
    ("2025-03-13T00:30:00+09:00", ("2025-03-12T15:30:00Z", "2025-03-13T00:30:00+09:00")),  # WIT
    ("2025-03-13T02:15:00Z", ("2025-03-13T02:15:00Z", "2025-03-13T02:15:00+00:00")),
    ("2025-03-13 02:15", ("2025-03-12T19:15:00Z", "2025-03-13T02:15:00+07:00")),  # naive = WIB
    ("kemarin sore", (None, "kemarin sore")),
    (None, (None, None)),
])
def test_parse_published(value: str | None, expected: tuple) -> None:
    assert parse_published(value) == expected


def test_page_dedup_validators_and_iteration(store: Store) -> None:
    store.save_page(page(1))
    store.save_page(page(1, etag='"etag-new"', fetched_at=T1))  # same body: refresh, no copy
    assert count(store, "pages") == 1
    assert store.validators("https://www.kabarcontoh.id/berita/1") == (
        '"etag-new"', "Thu, 13 Mar 2025 01:00:00 GMT")
    assert store.validators("https://www.kabarcontoh.id/none") == (None, None)
    store.save_page(page(1, body=b"<html>changed</html>", fetched_at=T1))
    store.save_page(page(2, url="https://lain.example.org/x", final_url="https://lain.example.org/x"))
    latest = list(store.iter_pages())
    assert [(p.id, p.body) for p in latest] == [(2, b"<html>changed</html>"), (3, page(2).body)]
    assert latest[0].fetched_at == T1
    assert len(list(store.iter_pages(latest_only=False))) == 3
    assert [p.id for p in store.iter_pages(site="lain.example.org")] == [3]


def test_lookups_for_the_crawl(store: Store) -> None:
    store.save_article(article(1), page=page(1), seen_at=T0)
    store.save_article(article(2), seen_at=T1)
    store.save_page(page(5, fetched_at=T1))  # a not-article page: known, not an article
    store.save_page(page(6, body=b""))  # an empty 200: not known, fetched again
    urls = [f"https://www.kabarcontoh.id/berita/{n}" for n in (1, 2, 3, 5, 6)] * 300
    known = store.known(urls)
    assert sorted(known) == [urls[0], urls[1], urls[3]]
    assert known[urls[0]] == Known(urls[0], datetime(2025, 3, 12, 19, 15, tzinfo=UTC), T0, True)
    assert known[urls[3]].is_article is False and known[urls[3]].last_fetched == T1
    assert sorted(store.recent_article_urls("kabarcontoh", datetime(2025, 3, 12, tzinfo=UTC))) == urls[:2]
    assert store.recent_article_urls("kabarcontoh", datetime(2025, 3, 13, tzinfo=UTC)) == []
    assert store.cached_body(urls[3]) == page(5).body and store.cached_body("https://none/") is None


def test_failed_urls_back_off_then_give_up(store: Store) -> None:
    url = "https://www.kabarcontoh.id/berita/9"
    plan = {1: T0, 2: T1, 3: None}
    for n in (1, 2, 3):
        assert store.record_failure(url, site="kabarcontoh", kind="http", error="HTTP 404",
                                    retry_after=plan.__getitem__) == n
        assert store.failures([url, "https://other/"]) == {url: plan[n]}
    store.clear_failures([url])
    assert store.failures([url]) == {}


def test_multi_page_documents_are_archived_and_read_back_whole(store: Store) -> None:
    first = page(1)
    p2 = page(1, url=first.url + "?page=2", body=b"<html>dua</html>")
    p3 = page(1, url=first.url + "?page=3", body=b"<html>tiga</html>")
    store.save_article(article(1, pages=3), pages=[first, p2, p3], seen_at=T0)
    # page 2 changes on a later fetch: the document reads the newest copy of each part
    p2b = page(1, url=first.url + "?page=2", body=b"<html>dua baru</html>", fetched_at=T1)
    store.save_article(article(1, pages=3), pages=[page(1), p2b, page(1, url=p3.url, body=p3.body)], seen_at=T1)
    store.save_page(page(2))
    docs = [[p.body for p in doc] for doc in store.iter_documents()]
    assert docs == [[first.body, b"<html>dua baru</html>", b"<html>tiga</html>"], [page(2).body]]


def test_stats_count_a_traced_container_as_fallback(store: Store) -> None:
    """A known site read through its traced container ("site:X+fallback") is a layout
    change like the generic path; a site read by its profile ("site:X") is not."""
    for n, extractor in enumerate(("site:kabarcontoh", "site:kabarcontoh+fallback", "generic", "site:kabarcontoh")):
        store.save_article(article(n, extractor=extractor), seen_at=T0)
    (row,) = store.stats()["sites"]
    assert (row["fallback"], row["fallback_share"]) == (2, 0.5)
    assert [a.fell_back for a in (article(extractor="site:x+fallback"), article(extractor="site:x"))] == [True, False]


def test_runs_fetches_and_stats(store: Store) -> None:
    run = store.start_run(["kabarcontoh"])
    store.record_fetch("https://a/1", run_id=run, status=200, elapsed_ms=12.4)
    store.record_fetch("https://a/2", run_id=run, error_kind="timeout", error="read timeout", attempt=2)
    store.record_fetch("https://a/3", run_id=run, status=503, error_kind="http", error="503")
    store.save_article(article(1, extractor="generic"), seen_at=T0)
    store.save_article(article(2, published=datetime.now(UTC).isoformat()))
    store.finish_run(run, {"discovered": 3, "new": 2, "failed": 1, "skipped_robots": 4}, "ok")
    row = get(store, "runs", run)
    assert (row["status"], row["new"], row["failed"], row["blocked"]) == ("ok", 2, 1, 0)
    assert '"skipped_robots": 4' in row["counts"] and row["finished_at"]
    assert one(store, "SELECT elapsed_ms, attempt FROM fetches WHERE id=2") == (None, 2)
    stats = store.stats()
    assert stats["totals"]["articles"] == 2
    assert stats["sites"][0]["fallback_share"] == 0.5
    assert {f["error_kind"]: f["count"] for f in stats["failures"]} == {"timeout": 1, "http": 1}
    assert sum(d["articles"] for d in stats["per_day"]) == 1  # only the recent one
    assert stats["runs"][0]["id"] == run


def test_iter_articles_filters_and_decodes(store: Store) -> None:
    for n, when in enumerate(["2025-03-01T10:00:00+07:00", "2025-03-02T23:30:00+07:00",
                              "2025-03-03T09:00:00+07:00"], start=1):
        store.save_article(article(n, published=when), seen_at=T0)
    store.save_article(article(4, site="lain", published=None), seen_at=T0)
    assert [a["id"] for a in store.iter_articles()] == [1, 2, 3, 4]
    assert [a["id"] for a in store.iter_articles(site="kabarcontoh", since="2025-03-02")] == [2, 3]
    # bounds are UTC: 2025-03-02T23:30+07:00 is 16:30Z on the 2nd
    assert [a["id"] for a in store.iter_articles(until="2025-03-02")] == [1, 2]
    assert [a["id"] for a in store.iter_articles(until="2025-03-02T12:00:00Z")] == [1]
    assert next(store.iter_articles())["authors"] == ["Siti Rahma"]


def test_save_articles_bulk_counts(store: Store) -> None:
    counts = store.save_articles([article(n) for n in range(1, 1201)], batch=250)
    assert counts == {"new": 1200}
    counts = store.save_articles([(article(1), page(1)), article(2, title="baru")])
    assert counts == {"unchanged": 1, "updated": 1}


@pytest.mark.parametrize("statement_rows", [None, 2], ids=["one-statement", "two-rows-per-statement"])
def test_one_batch_holds_repeats_pages_bands_and_non_articles(store: Store, statement_rows: int | None) -> None:
    """A batch's new articles go in multi-row inserts (as many rows per statement as the
    backend's parameter limit allows); a URL repeated in the batch, in the same statement or
    a later one, is then an update of the row just inserted, as if saved one by one."""
    if statement_rows is not None:  # a limit that fits two article rows and a few band keys
        store.backend.max_params = statement_rows * len(store.backend.columns("articles"))
    edited = article(1, paragraphs=["Air surut pada sore hari di kampung nomor 1."])
    banded = article(3)
    banded.bands = [11, 12, 13, 12]
    counts = store.save_articles([article(1), (article(2), page(2)), edited,
                                  Article(status="not_article", url="https://www.kabarcontoh.id/indeks"),
                                  banded])
    assert counts == {"new": 3, "updated": 1, "not_article": 1}
    rows = store.backend.execute("SELECT id, url, version FROM articles ORDER BY id").fetchall()
    assert [(r[1].rsplit("/", 1)[1], r[2]) for r in rows] == [("1", 2), ("2", 1), ("3", 1)]
    assert [r["url"] for r in store.search("surut")] == ["https://www.kabarcontoh.id/berita/1"]
    # the edit replaced article 1's text in the index too
    assert sorted(r["url"][-1] for r in store.search("mengungsi", limit=5)) == ["2", "3"]
    assert sorted(store.bands_of(rows[2][0])) == [11, 12, 13]
    (pages,) = store.backend.execute("SELECT count(*) FROM pages").fetchone()
    assert pages == 1


# --- schema versions and failure modes ----------------------------------------------------

def set_version(target: Path | str, version: int) -> None:
    """Mark a database as written at schema ``version`` (behind the store's back)."""
    if isinstance(target, Path):
        conn = sqlite3.connect(target)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()
        return
    with Store(target) as s:
        s.backend.execute("UPDATE schema_version SET version = ?", (version,))


def test_old_sqlite_database_is_migrated_keeping_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute("INSERT INTO articles (url, site, title, published, content_hash, first_seen,"
                 " last_seen, version_since)"
                 " VALUES ('https://x/1', 's', 't', '2025-03-12T19:15:00Z', 'h', 'a', 'a', 'a')")
    conn.close()
    with Store(path) as s:
        assert one(s, "PRAGMA user_version") == (SCHEMA_VERSION,)
        assert one(s, "SELECT day_wib, published_wib FROM articles_wib") == (
            "2025-03-13", "2025-03-13T02:15:00+07:00")
        assert one(s, "PRAGMA journal_mode") == ("wal",)


def test_views_give_wib_time_and_one_row_per_author(store: Store) -> None:
    store.save_article(article(1, published="2025-03-13T23:30:00+07:00", editors=["Budi"]), seen_at=T0)
    assert one(store, "SELECT day_wib, published_wib FROM articles_wib") == (
        "2025-03-13", "2025-03-13T23:30:00+07:00")
    assert one(store, "SELECT count(*), min(author) FROM article_authors") == (1, "Siti Rahma")
    assert one(store, "SELECT count(*), min(tag), max(tag) FROM article_tags") == (2, "banjir", "jakarta")
    assert one(store, "SELECT editor FROM article_editors") == ("Budi",)


def test_newer_database_is_refused(db_target: Path | str) -> None:
    Store(db_target).close()
    set_version(db_target, SCHEMA_VERSION + 5)
    with pytest.raises(StoreError, match=r"newer than this scraper supports.*upgrade"):
        Store(db_target)
    with pytest.raises(StoreError, match="newer"):
        Store(db_target, readonly=True)


def test_readonly_store_reads_but_refuses_writes(db_target: Path | str) -> None:
    with Store(db_target) as s:
        s.save_article(article(), seen_at=T0)
    with Store.open(db_target, readonly=True) as ro:
        assert list(ro.known([article().url or ""])) == [article().url]
        with pytest.raises(StoreError, match="read-only"):
            ro.save_article(article(2))
        with pytest.raises(ro.backend.errors, match="read-?only"):
            ro.backend.execute("DELETE FROM articles")  # the connection itself is read-only


def test_readonly_open_of_a_missing_sqlite_database_fails(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)


def test_disk_full_raises_store_error_and_keeps_db_consistent(tmp_path: Path) -> None:
    with Store(tmp_path / "full.db") as store:
        store.save_article(article(1), page=page(1), seen_at=T0)
        pages_now = one(store, "PRAGMA page_count")[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages_now + 3}")
        big = random.Random(1).randbytes(200_000)  # incompressible: needs ~50 pages
        with pytest.raises(StoreError, match="full"):
            store.save_article(article(2), page=page(2, body=big))
        assert count(store, "articles") == 1 and count(store, "pages") == 1
        assert one(store, "PRAGMA integrity_check") == ("ok",)
