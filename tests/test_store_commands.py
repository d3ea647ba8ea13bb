"""The store's commands through the real CLI entry point: stats, search, export, reextract,
extract --db, migrate; those that read or write a store run on both backends (``--db`` a
SQLite file or a postgresql:// DSN, see tests/conftest.py)."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines import formats
from pipelines.cli import main
from pipelines.formats import Target
from pipelines.reextract import reextract
from scraper.article import Article
from scraper.store import PageRecord, Store
from scraper.store.columns import EXPORTED
from scraper.store.migrations import SCHEMA_VERSION, migrate

T0 = datetime(2025, 3, 13, 1, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent


def article(site: str, n: int, title: str, text: str, published: str, extractor: str = "site:kabarcontoh") -> Article:
    return Article(url=f"https://{site}.example.id/{n}", site=site, title=title, published=published,
                   authors=["Siti Rahma"], tags=["berita"], extractor=extractor, paragraphs=[text])


def fake_page(url: str, title: str, text: str) -> PageRecord:
    return PageRecord(url, url, 200, "text/html", None, None, T0, f"{title}|{text}".encode())


def count(store: Store, table: str) -> int:
    return int(store.backend.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def get(store: Store, table: str, row_id: int) -> dict:
    return store._query(f"SELECT * FROM {table} WHERE id = ?", (row_id,))[0]


@pytest.fixture
def db(db_target: Path | str) -> Path | str:
    path = db_target
    with Store(path) as store:
        store.save_article(article("kabarcontoh", 1, "Banjir di Kemang", "Air merendam rumah warga.",
                                   "2025-03-13T02:15:00+07:00"), seen_at=T0)
        store.save_article(article("warta", 1, "Harga cabai", "Harga cabai turun di pasar.",
                                   "2025-03-15T10:00:00+07:00", extractor="generic"), seen_at=T0)
        run = store.start_run(["kabarcontoh"])
        store.record_fetch("https://warta.example.id/9", run_id=run, error_kind="timeout", error="slow")
        store.finish_run(run, {"new": 2, "failed": 1}, "ok")
    return path


def test_stats_plain_text_and_json(db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "# Articles per site\n" in out and "# Fetch failures by kind\n" in out
    assert "warta\t1\t1\t1.0\t2025-03-15T03:00:00Z" in out
    assert "timeout\t1\t" in out
    assert main(["stats", "--db", str(db), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert {s["site"]: s["fallback_share"] for s in stats["sites"]} == {"kabarcontoh": 0.0, "warta": 1.0}
    assert stats["runs"][0]["failed"] == 1


def test_stats_on_missing_database_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(tmp_path / "none.db")]) == 1
    assert "no such database" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["reextract"], ["stats"], ["search", "banjir"], ["export"], ["migrate"]])
def test_commands_on_an_existing_database_refuse_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """A typo in --db is an error, never a new empty database reported as "0 articles"."""
    typo = tmp_path / "typo.db"
    assert main([*command, "--db", str(typo)]) == 1
    assert "no such database" in capsys.readouterr().err
    assert not typo.exists()


def test_migrate_upgrades_an_older_database_the_reading_commands_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, str(db), target=1)
    conn.close()
    assert main(["stats", "--db", str(db)]) == 1
    assert f"run `scraper migrate --db {db}`" in capsys.readouterr().err
    assert main(["migrate", "--db", str(db)]) == 0
    assert f"schema version 1 -> {SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["stats", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["articles"] == 0
    assert main(["migrate", "--db", str(db)]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_search_highlights(db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "cabai", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Harga cabai\thttps://warta.example.id/1" in out
    assert "Harga **cabai** turun di pasar." in out and "Kemang" not in out
    assert main(["search", "rumah OR pasar", "--db", str(db), "--json", "--limit", "5"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(h["site"] for h in hits) == ["kabarcontoh", "warta"]


def test_export_jsonl_and_csv_with_filters(db: Path | str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["site"] for r in rows] == ["kabarcontoh", "warta"]
    assert rows[0]["authors"] == ["Siti Rahma"] and rows[0]["body"] == "Air merendam rumah warga."
    out_csv = tmp_path / "out.csv"
    args = ["export", "--format", "csv", "--since", "2025-03-14", "--db", str(db), "-o", str(out_csv)]
    assert main(args) == 0
    with out_csv.open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert [r["title"] for r in table] == ["Harga cabai"]
    assert json.loads(table[0]["tags"]) == ["berita"]
    assert main(["export", "--site", "warta", "--db", str(db), "-o", str(out)]) == 0
    assert [json.loads(x)["title"] for x in out.read_text().splitlines()] == ["Harga cabai"]


def test_export_until_is_inclusive_of_the_utc_day(db: Path | str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["export", "--until", "2025-03-12", "--db", str(db), "-o", str(out)]) == 0
    assert [json.loads(x)["site"] for x in out.read_text().splitlines()] == ["kabarcontoh"]
    assert main(["export", "--until", "2025-03-11", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_text() == ""


def test_export_streams_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    text = "Kalimat panjang tentang pembangunan jalan tol di Sumatra. " * 40  # ~2.4 KB
    with Store(path) as store:
        store.save_articles(article("kabarcontoh", n, f"Judul {n}", text, "2025-03-13T02:15:00+07:00")
                            for n in range(4000))
    out = tmp_path / "big.jsonl"
    with Store(path, readonly=True) as store, out.open("w", encoding="utf-8") as f:
        tracemalloc.start()
        count = formats.get("jsonl").write_stored(store.iter_articles(), Target(store, stream=f))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert count == 4000 and out.stat().st_size > 4000 * 2400  # ~10 MB written
    assert peak < out.stat().st_size / 2, peak  # batches of rows, never the whole table


def _on_pages(extract: Callable[..., Article]) -> Callable[[list[PageRecord]], Awaitable[Article]]:
    """A one-page fake extractor as reextract calls it: on the document's pages, awaited."""

    async def on_pages(pages: list[PageRecord]) -> Article:
        return extract(pages[0].body, pages[0].base_url, fetched_at=pages[0].fetched_at)

    return on_pages


def test_reextract_versions_changed_and_leaves_unchanged(db_target: Path | str) -> None:
    """The fake extractor reads 'title|text' pages; v2 of it 'improves' one article."""
    def extract_v1(body: bytes, url: str, *, fetched_at: datetime) -> Article:
        title, _, text = body.decode().partition("|")
        if title == "HOME":
            return Article(status="not_article", url=url)
        site = url.split("/")[2]
        return Article(url=url, site=site, title=title, paragraphs=[text], extractor="site:kabarcontoh",
                       published=fetched_at.isoformat())

    def extract_v2(body: bytes, url: str, *, fetched_at: datetime) -> Article:
        found = extract_v1(body, url, fetched_at=fetched_at)
        if found.title == "Banjir":
            found.paragraphs = [p.replace(" Baca juga: Gempa.", "") for p in found.paragraphs]
        return found

    with Store(db_target) as store:
        pages = [fake_page("https://kabarcontoh.example.id/1", "Banjir", "Air naik. Baca juga: Gempa."),
                 fake_page("https://kabarcontoh.example.id/2", "Cabai", "Harga turun."),
                 fake_page("https://kabarcontoh.example.id/", "HOME", ""),
                 fake_page("https://warta.example.id/1", "Pemilu", "Damai.")]
        for page in pages:
            found = extract_v1(page.body, page.url, fetched_at=page.fetched_at)
            store.save_article(found, page=page, seen_at=T0)
        assert count(store, "pages") == 4 and count(store, "articles") == 3

        counts = asyncio.run(reextract(store, extract=_on_pages(extract_v1)))
        assert counts == {"pages": 4, "new": 0, "updated": 0, "unchanged": 3, "not_article": 1, "incomplete": 0,
                          "error": 0}
        counts = asyncio.run(reextract(store, extract=_on_pages(extract_v2), site="kabarcontoh.example.id"))
        assert counts == {"pages": 3, "new": 0, "updated": 1, "unchanged": 1, "not_article": 1, "incomplete": 0,
                          "error": 0}
        row = get(store, "articles", 1)
        assert (row["body"], row["version"], row["last_seen"]) == ("Air naik.", 2, "2025-03-13T01:00:00Z")
        old = get(store, "article_versions", 1)
        assert old["body"] == "Air naik. Baca juga: Gempa." and old["version"] == 1
        assert count(store, "pages") == 4  # no page duplicated by re-extraction


def test_reextract_cli_uses_the_real_extractor(db_target: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_target
    html = b"<html><head><title>Menu</title></head><body><nav>Beranda</nav></body></html>"
    with Store(db) as store:
        store.save_page(PageRecord("https://kabarcontoh.example.id/", "https://kabarcontoh.example.id/",
                                   200, "text/html", None, None, T0, html))
    assert main(["reextract", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pages=1 new=0 updated=0 unchanged=0 ")


def test_export_columns_are_the_same_on_both_backends(db: Path | str, tmp_path: Path) -> None:
    """JSON Lines keys and CSV header: the export's columns, never a backend's own (a tsvector)."""
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert [list(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()] == [list(EXPORTED)] * 2
    assert main(["export", "--format", "csv", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(EXPORTED)


def test_extract_db_stores_the_article(db_target: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    page = ROOT / "fixtures" / "pages" / "detik" / "news-2015-detail-text.html"
    url = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["url"]
    assert main(["extract", str(page), "--url", url, "--db", str(db_target)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ok"
    with Store(db_target, readonly=True) as store:
        assert [(a["url"], a["site"]) for a in store.iter_articles()] == [(url, "detik")]
        assert count(store, "pages") == 1


def test_migrate_creates_the_tables_of_an_empty_postgresql_database(
    pg_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--db", pg_dsn]) == 1
    assert "no scraper tables in this database yet" in capsys.readouterr().err
    assert main(["migrate", "--db", pg_dsn]) == 0
    assert f"schema version 0 -> {SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["migrate", "--db", pg_dsn]) == 0
    assert "already up to date" in capsys.readouterr().out
    assert main(["stats", "--db", pg_dsn, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["articles"] == 0
