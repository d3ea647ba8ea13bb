"""Syndicated copies: fingerprints, the incremental dedupe pass, its schema and command,
and precision/recall on the generated evaluation set (tests/neardup_eval.py)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from neardup_eval import evaluate, generate

from pipelines.cli import main
from scraper.article import Article
from scraper.dedupe.neardup import MIN_SHINGLES, NUM_BANDS, THRESHOLD, band_keys, jaccard, shingles
from scraper.dedupe.stories import dedupe
from scraper.store import Store
from scraper.store.migrations import migrate

T0 = datetime(2025, 3, 13, 2, 0, tzinfo=UTC)
STORY = [
    "Banjir setinggi satu meter merendam ratusan rumah warga di tepi Sungai Bengawan Solo sejak Senin malam "
    "setelah hujan deras turun selama enam jam tanpa henti.",
    "Kepala BPBD setempat mengatakan sedikitnya empat ratus keluarga telah mengungsi ke balai desa dan "
    "masjid terdekat, sementara petugas terus memantau tinggi muka air di pintu air utama.",
    "Warga berharap pemerintah segera memperbaiki tanggul yang jebol di dua titik agar air tidak kembali "
    "masuk ke permukiman ketika musim hujan mencapai puncaknya bulan depan.",
    "Dapur umum didirikan di halaman kantor kecamatan untuk menyediakan makanan bagi para pengungsi, "
    "termasuk bubur untuk balita dan lansia yang mulai terserang batuk dan demam.",
]
OTHER = [  # the same topic, a different story: only the closing boilerplate sentence is shared
    "Harga beras medium di pasar tradisional naik dua ribu rupiah per kilogram dalam sepekan terakhir "
    "karena pasokan dari sentra produksi berkurang akibat panen yang mundur.",
    "Pedagang menyebut pembeli kini memilih membeli dalam jumlah kecil, sementara Bulog menyiapkan operasi "
    "pasar di dua puluh titik mulai pekan depan untuk menahan kenaikan harga.",
    "Simak berita terkini lainnya melalui kanal WhatsApp dan Google News kami setiap hari.",
]


def copy_of(paragraphs: list[str], prefix: str, trailer: bool = True) -> list[str]:
    """A regional edition: its own dateline, one word edited, the source named at the end."""
    body = [f"{prefix} - {paragraphs[0]}", *paragraphs[1:]]
    body[2] = body[2].replace("segera", "secepatnya")
    return [*body, "Artikel ini telah tayang di Tribunnews.com dengan judul serupa."] if trailer else body


def article(site: str, n: int, paragraphs: list[str], hours: float) -> Article:
    return Article(url=f"https://{site}.example.id/berita/{n}", site=site, title=f"Judul {site} {n}",
                   published=(T0 + timedelta(hours=hours)).isoformat(), paragraphs=paragraphs)


def stories(store: Store) -> dict[str, tuple[int | None, int | None]]:
    """url -> (story_id, duplicate_of)."""
    return {r["url"]: (r["story_id"], r["duplicate_of"]) for r in store.select_articles()}


# --- fingerprints -------------------------------------------------------------------

def test_shingles_ignore_paragraph_order_case_and_punctuation() -> None:
    a = shingles("\n\n".join(STORY))
    b = shingles("\n\n".join([STORY[2].upper(), STORY[0].replace(",", " ,"), STORY[3], STORY[1]]))
    assert a == b and jaccard(a, b) == 1.0


def test_copies_are_similar_and_other_stories_are_not() -> None:
    original = shingles("\n\n".join(STORY))
    regional = shingles("\n\n".join(copy_of(STORY, "TRIBUNJOGJA.COM")))
    cut = shingles("\n\n".join(copy_of(STORY[:3], "SURYA.CO.ID")))  # a quarter of it dropped
    other = shingles("\n\n".join(OTHER + [STORY[3][:60]]))
    assert jaccard(original, regional) > 0.8
    assert jaccard(original, cut) > THRESHOLD
    assert jaccard(original, other) < 0.05


def test_band_keys_are_stable_across_processes() -> None:
    """Keys are stored: they must not depend on Python's per-process string hashing."""
    text = "\n\n".join(STORY)
    here = band_keys(shingles(text))
    code = ("import sys; from scraper.dedupe.neardup import band_keys, shingles; "
            "print(band_keys(shingles(sys.stdin.read())))")
    there = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": "12345"}, check=True).stdout
    assert there.strip() == str(here)
    assert len(here) == NUM_BANDS and all(0 <= key < 2**63 for key in here)


def _reference_signature(items: frozenset[str]) -> list[int]:
    """The MinHash definition the stored band keys were made with: for each 2-byte salt, a
    64-byte blake2b of each shingle read as 16 little-endian 32-bit words, the minimum of
    each word over the shingles."""
    import hashlib
    import struct

    values: list[int] = []
    for salt in range(3):
        rows = [struct.unpack("<16I", hashlib.blake2b(i.encode(), digest_size=64, salt=salt.to_bytes(2, "little"))
                              .digest()) for i in items]
        values.extend(min(column) for column in zip(*rows, strict=True))
    return values[:48]


def test_the_fast_minhash_gives_the_stored_definition_s_values() -> None:
    """Band keys are stored: a faster signature must give exactly the same values."""
    import random

    from scraper.dedupe.neardup import _signature

    rng = random.Random(3)
    words = ["banjir", "warga", "kota", "hujan", "jalan", "café", "pemerintah", "2026", "rumah", "air"]
    for _ in range(20):
        text = "\n".join(" ".join(rng.choices(words, k=rng.randint(3, 40))) for _ in range(rng.randint(1, 8)))
        items = shingles(text)
        if items:
            assert _signature(items) == _reference_signature(items)


def test_short_texts_get_no_keys() -> None:
    assert band_keys(shingles("Foto: banjir di Solo. Video selengkapnya di atas.")) == []
    assert len(shingles(" ".join(["kata"] * 3 + [str(n) for n in range(MIN_SHINGLES + 3)]))) >= MIN_SHINGLES


# --- the pass -----------------------------------------------------------------------

def test_copies_join_the_earliest_published_member(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        # Met out of order, as a crawl meets them: the regional copy published first comes last.
        store.save_article(article("tribunnews", 1, STORY, hours=2))
        store.save_article(article("suryamalang", 1, copy_of(STORY, "SURYA.CO.ID"), hours=5))
        store.save_article(article("warta", 1, OTHER, hours=3))
        assert dedupe(store) == {"checked": 3, "copies": 1, "stories": 2}
        found = stories(store)
        assert found["https://suryamalang.example.id/berita/1"] == (1, 1)
        assert found["https://tribunnews.example.id/berita/1"] == (1, None)
        assert found["https://warta.example.id/berita/1"] == (3, None)

        store.save_article(article("tribunjogja", 1, copy_of(STORY, "TRIBUNJOGJA.COM"), hours=-1))
        assert dedupe(store)["copies"] == 1  # incremental: only the new article was checked
        found = stories(store)
        first = 4  # the earliest published: every member now points at it
        assert found["https://tribunjogja.example.id/berita/1"] == (first, None)
        assert found["https://tribunnews.example.id/berita/1"] == (first, first)
        assert found["https://suryamalang.example.id/berita/1"] == (first, first)
        assert dedupe(store) == {}  # nothing queued, nothing done

        view = store.db.execute("SELECT story_id, title, articles, sites FROM stories ORDER BY story_id").fetchall()
        assert view == [(3, "Judul warta 1", 1, 1), (4, "Judul tribunjogja 1", 3, 3)]
        similarity = store.db.execute("SELECT story_similarity FROM articles WHERE id = 2").fetchone()[0]
        assert THRESHOLD <= similarity < 1.0


def test_an_edited_article_leaves_its_story(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.save_article(article("tribunnews", 1, STORY, hours=0))
        store.save_article(article("suryamalang", 1, copy_of(STORY, "SURYA.CO.ID"), hours=1))
        store.save_article(article("tribunjogja", 1, copy_of(STORY, "TRIBUNJOGJA.COM"), hours=2))
        dedupe(store)
        assert set(stories(store).values()) == {(1, None), (1, 1)}
        # The original is replaced by a different text (a page reused for another story).
        assert store.save_article(article("tribunnews", 1, OTHER, hours=0)) == "updated"
        assert dedupe(store) == {"checked": 1, "stories": 1}
        found = stories(store)
        assert found["https://tribunnews.example.id/berita/1"] == (1, None)
        assert found["https://suryamalang.example.id/berita/1"] == (2, None)  # the next earliest leads now
        assert found["https://tribunjogja.example.id/berita/1"] == (2, 2)


def test_candidates_come_from_the_band_index_not_a_scan(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        plan = store.db.execute(
            "EXPLAIN QUERY PLAN SELECT article_id, count(*) FROM article_bands WHERE band_key IN (?, ?, ?)"
            " AND article_id <> ? GROUP BY article_id", (1, 2, 3, 4)).fetchall()
        detail = " ".join(str(row[-1]) for row in plan)
        assert "SEARCH article_bands USING PRIMARY KEY (band_key=?)" in detail, detail
        queue = store.db.execute("EXPLAIN QUERY PLAN SELECT a.id FROM dedupe_queue AS q JOIN articles AS a"
                                 " ON a.id = q.article_id ORDER BY q.article_id LIMIT 5").fetchall()
        assert "SCAN articles" not in " ".join(str(row[-1]) for row in queue)


def test_migration_queues_existing_articles_and_the_command_files_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database from before stories existed: its articles are queued by the migration and
    `scraper dedupe` files them; --rebuild places everything again with the same result."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, str(db), target=3)
    for n, (site, body) in enumerate((("tribunnews", STORY), ("suryamalang", copy_of(STORY, "SURYA.CO.ID")))):
        conn.execute("INSERT INTO articles (site, url, published, body, content_hash, first_seen, last_seen,"
                     " version_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (site, f"https://{site}.example.id/{n}", f"2025-03-1{n}T00:00:00Z", "\n\n".join(body),
                      str(n), "2025-03-13T00:00:00Z", "2025-03-13T00:00:00Z", "2025-03-13T00:00:00Z"))
    conn.close()
    assert main(["migrate", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["dedupe", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "checked=2 copies=1 new_stories=1 too_short=0"
    with Store(db, readonly=True) as store:
        assert list(stories(store).values()) == [(1, None), (1, 1)]
    assert main(["dedupe", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "checked=0 copies=0 new_stories=0 too_short=0"
    assert main(["dedupe", "--db", str(db), "--rebuild"]) == 0
    assert capsys.readouterr().out.strip() == "checked=2 copies=1 new_stories=1 too_short=0"


@pytest.mark.parametrize("value", ["0", "1.5", "x"])
def test_threshold_outside_zero_to_one_is_a_usage_error(tmp_path: Path, value: str) -> None:
    assert main(["dedupe", "--db", str(tmp_path / "a.db"), "--threshold", value]) == 2


def test_precision_and_recall_on_the_generated_set(tmp_path: Path) -> None:
    """Copies with new datelines, trailers, dropped/moved paragraphs and edits against
    same-topic stories sharing quotes, boilerplate and background paragraphs."""
    items = generate(250, seed=7)
    kinds = {i.kind.split(":")[0] for i in items}
    assert kinds == {"original", "copy", "quote", "background", "boilerplate"}
    score = evaluate(items, tmp_path / "eval.db")
    assert score.precision >= 0.99 and score.recall >= 0.95, score
    assert score.earliest_ok >= 0.99, score


def test_the_crawl_files_its_articles_under_stories(tmp_path: Path) -> None:
    """The post-pass runs at the end of a crawl run: nothing stays queued."""
    import asyncio

    from devtools.sitegen import build_demo_sites
    from pipelines.crawl import CrawlOptions, crawl
    from pipelines.mirror import MirrorServer
    from scraper.fetch.client import FetchConfig
    from scraper.fetch.resolve import ResolveMap
    from scraper.sites import get_profile

    build_demo_sites(tmp_path / "sites")
    profile = get_profile("jpnn")
    assert profile is not None
    with MirrorServer(tmp_path / "sites") as mirror, Store(tmp_path / "a.db") as store:
        options = CrawlOptions(profiles=[profile], fetch=FetchConfig.fast(max_delay=0),
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}))
        report = asyncio.run(crawl(store, options))
        assert report.totals()["new"] == 3
        assert store.db.execute("SELECT count(*) FROM dedupe_queue").fetchone() == (0,)
        rows = store.db.execute("SELECT story_id, duplicate_of FROM articles ORDER BY id").fetchall()
        assert all(story is not None for story, _ in rows)
        # The demo's three jpnn stories share no text: three stories of one article each.
        assert store.db.execute("SELECT count(*), sum(articles) FROM stories").fetchone() == (3, 3)
        for row in store.select_articles():  # the workers' keys are the ones the store computes
            assert set(store.bands_of(row["id"])) == set(band_keys(shingles(row["body"]))) != set()


def test_no_dedupe_leaves_the_run_queued_for_the_command_with_the_workers_bands(tmp_path: Path) -> None:
    """``--no-dedupe`` skips the post-pass and the workers' MinHash but loses nothing: the
    articles wait in the queue and ``scraper dedupe`` files them later exactly as the
    post-pass would have."""
    import asyncio

    from devtools.sitegen import build_demo_sites
    from pipelines.crawl import CrawlOptions, crawl
    from pipelines.mirror import MirrorServer
    from scraper.fetch.client import FetchConfig
    from scraper.fetch.resolve import ResolveMap
    from scraper.sites import get_profile

    build_demo_sites(tmp_path / "sites")
    profile = get_profile("jpnn")
    assert profile is not None
    with MirrorServer(tmp_path / "sites") as mirror, Store(tmp_path / "a.db") as store:
        options = CrawlOptions(profiles=[profile], fetch=FetchConfig.fast(max_delay=0), workers=1,
                               resolve=ResolveMap({"*": ("127.0.0.1", mirror.port)}), dedupe=False)
        report = asyncio.run(crawl(store, options))
        assert report.totals()["new"] == 3
        assert store.db.execute("SELECT count(*) FROM dedupe_queue").fetchone() == (3,)
        assert store.db.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone() == (3,)
        assert store.db.execute("SELECT count(*) FROM article_bands").fetchone() == (0,)
    assert main(["dedupe", "--db", str(tmp_path / "a.db")]) == 0
    with Store(tmp_path / "a.db") as store:
        assert store.db.execute("SELECT count(*) FROM dedupe_queue").fetchone() == (0,)
        assert store.db.execute("SELECT count(*), sum(articles) FROM stories").fetchone() == (3, 3)


def test_the_documented_story_queries_count_copies_once(tmp_path: Path) -> None:
    from test_queries import readme_queries

    with Store(tmp_path / "a.db") as store:
        store.save_article(article("tribunnews", 1, STORY, hours=2))
        store.save_article(article("suryamalang", 1, copy_of(STORY, "SURYA.CO.ID"), hours=5))
        store.save_article(article("tribunjogja", 1, copy_of(STORY, "TRIBUNJOGJA.COM", trailer=False), hours=1))
        store.save_article(article("warta", 1, OTHER, hours=3))
        dedupe(store)
        store.save_article(article("warta", 2, OTHER, hours=30))  # a copy the pass has not seen yet
        queries = readme_queries()
        per_day = store.db.execute(queries["stories_per_day"]).fetchall()
        assert per_day == [("2025-03-13", 4, 2), ("2025-03-14", 1, 1)]
        top = store.db.execute(queries["most_syndicated"]).fetchall()
        assert top == [(3, "tribunjogja", "Judul tribunjogja 1", "2025-03-13T03:00:00Z", 3, 3)]


def test_the_demo_groups_its_syndicated_copies_and_keeps_distinct_stories_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make demo` end to end (real mirror, real crawl processes): 15 articles, 13 stories, the
    two stories carried by both jpnn and liputan6 grouped, nothing else grouped; it ends by
    naming the next three commands."""
    from devtools import demo
    from devtools.sitegen import build_demo_sites

    build_demo_sites(tmp_path / "sites")
    db = tmp_path / "demo.db"
    assert demo.main(["--sites", str(tmp_path / "sites"), "--db", str(db)]) == 0
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT count(*), count(DISTINCT story_id) FROM articles").fetchone() == (15, 13)
        grouped = store.db.execute(
            "SELECT group_concat(site || ':' || title, ' | ') FROM (SELECT * FROM articles ORDER BY site)"
            " GROUP BY story_id HAVING count(*) > 1 ORDER BY 1").fetchall()
    assert grouped == [("jpnn:Bus Listrik Uji Coba di Kota | liputan6:Uji Coba Bus Listrik Dimulai, Penumpang Gratis",),
                       ("jpnn:UMKM Batik Tembus Pasar Ekspor | liputan6:Batik Tulis Pekalongan Menembus Pasar Eropa",)]
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-4:][0] == "Next, try:"
    assert [line.split()[0] for line in out.rstrip().splitlines()[-3:]] == ["make", ".venv/bin/scraper", ".venv/bin/scraper"]
