"""Every ```sql block of data/README.md runs against a database built here and returns the
rows we expect for the data we inserted: the documented queries can't silently rot. The
```sql postgresql blocks, and the SQLite queries the README says run unchanged there, run
against the same data in PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.article import Article
from scraper.dedupe.stories import dedupe
from scraper.store import PageRecord, Store

README = Path(__file__).resolve().parents[1] / "data" / "README.md"
T0 = datetime(2025, 3, 22, 0, 0, tzinfo=UTC)
T1 = datetime(2025, 3, 23, 6, 0, tzinfo=UTC)


def readme_queries(dialect: str = "") -> dict[str, str]:
    """The README's ```sql blocks (``dialect`` "postgresql": its ```sql postgresql blocks)."""
    fence = f"```sql {dialect}\n" if dialect else "```sql\n"
    blocks = re.findall(re.escape(fence) + r"(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    queries = {}
    for block in blocks:
        name = re.match(r"-- name: (\w+)\n", block)
        assert name, f"sql block without '-- name:' line:\n{block}"
        queries[name.group(1)] = block
    return queries


def words(n: int) -> str:
    return " ".join(["kata"] * n)


def make_article(site: str, n: int, title: str, published: str, authors: list[str],
                 extractor: str, text: str, filler: int, tags: list[str]) -> Article:
    return Article(url=f"https://{site}.example.id/{n}", site=site, title=title, published=published,
                   authors=authors, tags=tags, extractor=extractor, paragraphs=[text, words(filler)])


ARTICLES = [
    make_article("kabarcontoh", 1, "Banjir rendam Jakarta", "2025-03-13T02:15:00+07:00",
                 ["Siti Rahma", "Budi Santoso"], "profile", "Banjir setinggi lutut di Kemang.", 115,
                 ["banjir", "jakarta"]),
    make_article("kabarcontoh", 2, "Harga beras naik", "2025-03-13T20:00:00+07:00", ["Siti Rahma"],
                 "generic", "Harga beras medium naik lagi.", 45, ["ekonomi"]),
    make_article("kabarcontoh", 3, "Gempa di Palu", "2025-03-20T09:00:00+08:00", ["Andi"], "profile",
                 "Gempa magnitudo lima mengguncang Palu.", 200, ["gempa"]),
    make_article("warta", 1, "Banjir rendam Jakarta", "2025-03-14T08:00:00+07:00", ["Budi Santoso"],
                 "trafilatura", "Warga Jakarta mengungsi karena banjir.", 120, ["banjir"]),
    make_article("warta", 2, "Pemilu damai", "2025-03-21T10:00:00+07:00", [], "profile",
                 "Pemungutan suara berjalan damai.", 30, []),
]
EDITED = make_article("kabarcontoh", 3, "Gempa kuat di Palu", "2025-03-20T09:00:00+08:00", ["Andi"],
                      "profile", "Gempa magnitudo enam mengguncang Palu.", 200, ["gempa"])
for _article, _rubric in zip([*ARTICLES, EDITED], ["Nasional", "Ekonomi", "Nasional", "Nasional", None, "Nasional"],
                             strict=True):
    _article.section = _rubric


def build(path: Path | str) -> None:
    with Store(path) as store:
        run1 = store.start_run(["kabarcontoh", "warta"])
        store.record_fetch("https://warta.example.id/9", run_id=run1, error_kind="timeout", error="slow")
        for article in ARTICLES:
            url = article.url or ""
            html = ("<html><body>" + "<div class='iklan'>iklan</div>" * 300 + "</body></html>").encode()
            page = PageRecord(url, url, 200, "text/html", None, None, T0, html)
            store.save_article(article, page=page, seen_at=T0)
            store.record_fetch(url, run_id=run1, status=200, elapsed_ms=50)
        store.finish_run(run1, {"new": 5, "failed": 1}, "ok")
        run2 = store.start_run(["kabarcontoh", "warta"])
        for n, kind in enumerate(["http", "http", "timeout"]):
            store.record_fetch(f"https://warta.example.id/x{n % 2}", run_id=run2, status=503 if kind == "http"
                               else None, error_kind=kind, error=kind)
        assert store.save_article(EDITED, seen_at=T1) == "updated"
        store.finish_run(run2, {"updated": 1, "failed": 3}, "ok")
        dedupe(store)  # as the crawl does after a run (tests/test_dedupe.py runs these queries on copies)


EXPECTED: dict[str, list[tuple]] = {
    "per_site_per_day_wib": [
        ("2025-03-13", "kabarcontoh", 2), ("2025-03-14", "warta", 1),
        ("2025-03-20", "kabarcontoh", 1), ("2025-03-21", "warta", 1),
    ],
    "top_authors": [("Budi Santoso", 2, 2), ("Siti Rahma", 2, 1), ("Andi", 1, 1)],
    "search_snippet": [
        # same match counts: the shorter document ranks first (bm25)
        ("kabarcontoh", "Banjir rendam Jakarta", "2025-03-12T19:15:00Z",
         "[Banjir] setinggi lutut di Kemang.\n\nkata kata kata…"),
        ("warta", "Banjir rendam Jakarta", "2025-03-14T01:00:00Z",
         "Warga Jakarta mengungsi karena [banjir].\n\nkata kata kata…"),
    ],
    "edited_articles": [
        ("https://kabarcontoh.example.id/3", "Gempa kuat di Palu", 2, 1, "2025-03-22T00:00:00Z",
         "2025-03-23T06:00:00Z"),
    ],
    "first_version_text": [
        ("https://kabarcontoh.example.id/3", "Gempa di Palu", "Gempa kuat di Palu",
         "Gempa magnitudo lima mengguncang Palu.\n\n" + words(200)),
    ],
    "mentions_per_week": [("2025-W10", 2)],
    "fallback_share": [("warta", 2, 1, 50.0), ("kabarcontoh", 3, 1, 33.3)],
    "failures_last_run": [("http", 2, 2), ("timeout", 1, 1)],
    "latest_articles": [
        ("2025-03-21T10:00:00+07:00", "warta", "Pemilu damai", "https://warta.example.id/2"),
        ("2025-03-20T08:00:00+07:00", "kabarcontoh", "Gempa kuat di Palu", "https://kabarcontoh.example.id/3"),
        ("2025-03-14T08:00:00+07:00", "warta", "Banjir rendam Jakarta", "https://warta.example.id/1"),
    ],
    "word_count_buckets": [(0, 2), (100, 2), (200, 1)],
    "duplicate_titles": [("Banjir rendam Jakarta", 2, "kabarcontoh, warta")],
    "local_offsets": [("+07:00", "WIB", 4), ("+08:00", "WITA", 1)],
    "top_tags": [("kabarcontoh", "banjir", 1), ("kabarcontoh", "ekonomi", 1), ("kabarcontoh", "gempa", 1),
                 ("kabarcontoh", "jakarta", 1), ("warta", "banjir", 1)],
    "archive_size": [("kabarcontoh", 3, 3 * 9026, None, None), ("warta", 2, 2 * 9026, None, None)],
    "recent_runs": [(2, None, None, "ok", 0, 1, 0, 3), (1, None, None, "ok", 5, 0, 0, 1)],
    # Five different stories, each told once.
    "stories_per_day": [("2025-03-13", 2, 2), ("2025-03-14", 1, 1), ("2025-03-20", 1, 1), ("2025-03-21", 1, 1)],
    "most_syndicated": [],
    "sections_per_site": [("kabarcontoh", "Nasional", 2), ("kabarcontoh", "Ekonomi", 1), ("warta", "(none)", 1),
                          ("warta", "Nasional", 1)],
}
#: Columns whose values depend on the clock or on zlib: only their presence is checked.
LOOSE = {"archive_size": {3, 4}, "recent_runs": {1, 2}}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("queries") / "articles.db"
    build(path)
    with Store(path, readonly=True) as store:
        yield store


def test_every_query_has_an_expectation() -> None:
    assert set(readme_queries()) == set(EXPECTED)
    assert len(EXPECTED) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_readme_query(db: Store, name: str) -> None:
    rows = [tuple(r) for r in db.conn.execute(readme_queries()[name]).fetchall()]
    loose = LOOSE.get(name, set())
    assert len(rows) == len(EXPECTED[name]), rows
    for row, expected in zip(rows, EXPECTED[name], strict=True):
        for i, (got, want) in enumerate(zip(row, expected, strict=True)):
            if i in loose:
                assert got is not None, (name, row)
            else:
                assert got == want, (name, row)


# --- the same data in PostgreSQL ------------------------------------------------------------

#: The SQLite queries the README says run unchanged on PostgreSQL (same rows expected).
PORTABLE = ("edited_articles", "first_version_text", "failures_last_run", "latest_articles", "word_count_buckets",
            "top_tags", "archive_size", "recent_runs", "sections_per_site")
EXPECTED_PG: dict[str, list[tuple]] = {
    **{name: EXPECTED[name] for name in PORTABLE},
    "pg_per_site_per_day_wib": EXPECTED["per_site_per_day_wib"],
    "pg_top_authors": EXPECTED["top_authors"],
    "pg_search_snippet": [
        ("kabarcontoh", "Banjir rendam Jakarta", "2025-03-12T19:15:00Z", "[Banjir] setinggi lutut di Kemang"),
        ("warta", "Banjir rendam Jakarta", "2025-03-14T01:00:00Z", "[banjir].\n\nkata kata kata"),
    ],
    "pg_mentions_per_week": [("2025-W11", 2)],
    "pg_fallback_share": EXPECTED["fallback_share"],
    "pg_duplicate_titles": EXPECTED["duplicate_titles"],
    "pg_local_offsets": EXPECTED["local_offsets"],
}


@pytest.fixture(scope="module")
def pg_db(pg_session) -> Iterator[Store]:  # noqa: ANN001 - tests/conftest.py's session database
    dsn = pg_session.fresh()
    build(dsn)
    with Store(dsn, readonly=True) as store:
        yield store


def test_every_postgresql_query_has_an_expectation() -> None:
    assert set(readme_queries("postgresql")) | set(PORTABLE) == set(EXPECTED_PG)
    assert "run unchanged on PostgreSQL: " + ", ".join(f"`{n}`" for n in PORTABLE[:2]) in " ".join(
        README.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("name", sorted(EXPECTED_PG))
def test_readme_query_on_postgresql(pg_db: Store, name: str) -> None:
    sql = readme_queries("postgresql").get(name) or readme_queries()[name]
    rows = [tuple(r) for r in pg_db.conn.execute(sql).fetchall()]
    loose = LOOSE.get(name, set())
    assert len(rows) == len(EXPECTED_PG[name]), rows
    for row, expected in zip(rows, EXPECTED_PG[name], strict=True):
        for i, (got, want) in enumerate(zip(row, expected, strict=True)):
            if i in loose:
                assert got is not None, (name, row)
            else:
                assert got == want, (name, row)
