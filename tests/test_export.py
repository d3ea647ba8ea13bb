"""`scraper export`: filters, the four formats, usage errors, and memory that stays flat.

Real SQLite files and the real CLI (in-process through ``main`` or as a subprocess where
the process boundary is the point: exit codes, peak memory, a missing optional library).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from pipelines import formats
from pipelines.cli import main
from pipelines.formats import Target
from scraper.article import Article
from scraper.store import Store

TEXTS = {
    ("kabarcontoh", 1): ("Banjir rendam Kemang",
                         "Air setinggi lutut merendam rumah warga di Kemang, kata “Pak RT” — café tutup.",
                         "2025-02-27T09:00:00+07:00"),
    ("kabarcontoh", 2): ("Harga cabai turun", "Pedagang pasar induk melaporkan harga cabai rawit turun.",
                         "2025-03-01T06:00:00+07:00"),  # 28 Feb 23:00 UTC
    ("warta", 1): ("Jalan tol baru", "Ruas tol Sumatra dibuka untuk pemudik. BANJIR tidak disebut.",
                   "2025-03-15T10:00:00+07:00"),
    ("warta", 2): ("Pemilu damai", "Pemungutan suara berjalan damai di Makassar.", "2025-03-31T20:00:00+07:00"),
    ("berita", 1): ("Gempa di Palu", "Gempa magnitudo lima mengguncang Palu, warga mengungsi.",
                    "2025-04-02T08:00:00+08:00"),
}


def make(site: str, n: int) -> Article:
    title, text, published = TEXTS[(site, n)]
    return Article(url=f"https://{site}.example.id/{n}", site=site, title=title, published=published,
                   authors=["Siti Rahma"], tags=["berita", "daerah"], extractor="site:kabarcontoh", paragraphs=[text])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "articles.db"
    with Store(path) as store:
        for key in TEXTS:
            store.save_article(make(*key))
        edited = make("warta", 1)
        edited.paragraphs = ["Ruas tol Sumatra dibuka untuk pemudik lebaran."]
        store.save_article(edited)  # version 2; version 1 goes to article_versions
    return path


def export_jsonl(db: Path, tmp_path: Path, *args: str) -> list[dict]:
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out), *args]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def titles(rows: list[dict]) -> list[str]:
    return [r["title"] for r in rows]


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (["--site", "warta", "--site", "berita"], ["Jalan tol baru", "Pemilu damai", "Gempa di Palu"]),
        (["--since", "2025-03", "--until", "2025-03"], ["Jalan tol baru", "Pemilu damai"]),  # March, UTC
        (["--until", "2025-02"], ["Banjir rendam Kemang", "Harga cabai turun"]),  # 28 Feb 23:00 UTC is February
        (["--since", "2025-03-31T20:00:00+07:00"], ["Pemilu damai", "Gempa di Palu"]),
        (["--until", "2025-03-31T20:00:00+07:00", "--since", "2025-03-31"], ["Pemilu damai"]),  # instant included
        (["--query", "banjir"], ["Banjir rendam Kemang"]),  # FTS: the edited warta 1 no longer says it
        (["--query", "harga cabai OR gempa"], ["Harga cabai turun", "Gempa di Palu"]),
        (["--query", '"harga cabai'], ["Harga cabai turun"]),  # not FTS5 syntax: read as plain words, as search does
        (["--match", r"bAnJiR|mengungsi"], ["Banjir rendam Kemang", "Gempa di Palu"]),  # case-insensitive, body
        (["--match", "^Pemilu", "--match", r"cabai\s+rawit"], ["Harga cabai turun", "Pemilu damai"]),  # any of
        (["--match", "kemang", "--site", "warta"], []),  # filters combine with AND
        (["--query", "warga", "--match", "palu", "--since", "2025-04"], ["Gempa di Palu"]),
    ],
)
def test_filters(db: Path, tmp_path: Path, args: list[str], want: list[str]) -> None:
    assert titles(export_jsonl(db, tmp_path, *args)) == want


def test_relative_since_is_the_last_days(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    db = tmp_path / "recent.db"
    with Store(db) as store:
        for n, days in enumerate((1, 10, 40)):
            when = (datetime.now(UTC) - timedelta(days=days)).isoformat()
            store.save_article(Article(url=f"https://a.example.id/{n}", site="a", title=f"{days} hari",
                                       published=when, paragraphs=["Isi berita."]))
    assert titles(export_jsonl(db, tmp_path, "--since", "30d")) == ["1 hari", "10 hari"]
    assert titles(export_jsonl(db, tmp_path, "--since", "2d")) == ["1 hari"]


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "2025-13"],
        ["--until", "kemarin"],
        ["--since", "2025-03-10", "--until", "2025-03-01"],  # empty range
        ["--match", "(unclosed"],
        ["--format", "parquet"],  # a file format without -o
        ["--format", "sqlite"],
        ["--bom"],  # --bom is for csv
    ],
)
def test_usage_errors_exit_2(db: Path, args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "scraper", "export", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and done.stderr.strip()


def test_csv_with_bom_for_spreadsheets(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--bom", "--site", "kabarcontoh", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,site,url,title,")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["title"] for r in rows] == ["Banjir rendam Kemang", "Harga cabai turun"]
    assert json.loads(rows[0]["authors"]) == ["Siti Rahma"]
    plain = tmp_path / "plain.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(plain)]) == 0
    assert plain.read_bytes().startswith(b"id,site,")


def test_csv_to_stdout_is_utf8_whatever_the_locale(db: Path) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "scraper", "export", "--db", str(db), "--format", "csv", "--bom",
                           "--match", "lutut"], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbfid,")
    assert "kata “Pak RT” — café tutup".encode() in done.stdout


def test_parquet_types_and_lists(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--site", "warta", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 2
    rows = table.to_pylist()
    assert [r["title"] for r in rows] == ["Jalan tol baru", "Pemilu damai"]
    assert rows[0]["authors"] == ["Siti Rahma"] and rows[0]["tags"] == ["berita", "daerah"]
    assert rows[0]["published"].isoformat() == "2025-03-15T03:00:00+00:00"  # a real UTC timestamp
    assert rows[0]["version"] == 2 and rows[0]["body"] == "Ruas tol Sumatra dibuka untuk pemudik lebaran."
    kind = table.schema.field("published").type
    assert kind.tz == "UTC" and str(kind).startswith("timestamp[")  # Parquet keeps seconds as ms


def test_parquet_without_pyarrow_says_how_to_install(db: Path, tmp_path: Path) -> None:
    """The optional extra missing: one line naming it, exit 1, no file, no traceback."""
    out = tmp_path / "out.parquet"
    code = ("import sys; sys.modules['pyarrow'] = None; from pipelines.cli import main; "
            f"sys.exit(main(['export', '--db', {str(db)!r}, '--format', 'parquet', '-o', {str(out)!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "scraper export: --format parquet needs pyarrow: pip install 'indonews-scraper[parquet]'"]
    assert not out.exists()


def test_sqlite_snapshot_opens_everywhere(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snap = tmp_path / "snap.db"
    assert main(["export", "--db", str(db), "--format", "sqlite", "--site", "warta", "-o", str(snap)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.db", "articles.db-shm", "articles.db-wal",
                                                           "snap.db"]  # no partial file left behind
    with Store(snap, readonly=True) as store:
        rows = list(store.iter_articles())
        assert [(r["id"], r["title"], r["version"]) for r in rows] == [(3, "Jalan tol baru", 2), (4, "Pemilu damai", 1)]
        assert rows[0]["authors"] == ["Siti Rahma"] and rows[0]["page_id"] is None
        versions = store.article_versions([3])
        assert [(v["version"], v["body"]) for v in versions] == [
            (1, "Ruas tol Sumatra dibuka untuk pemudik. BANJIR tidak disebut.")]
    capsys.readouterr()
    assert main(["search", "pemudik", "--db", str(snap), "--json"]) == 0
    assert [json.loads(x)["title"] for x in capsys.readouterr().out.splitlines()] == ["Jalan tol baru"]
    assert main(["search", "kemang", "--db", str(snap)]) == 0  # not selected, so not in the snapshot's index
    assert "no matches" in capsys.readouterr().err
    assert main(["stats", "--db", str(snap), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"] == {"articles": 2, "pages": 0, "fetches": 0, "versions": 1}
    datasette = Path(sys.executable).with_name("datasette")
    done = subprocess.run([str(datasette), "inspect", str(snap)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["snap"]["tables"]["articles"]["count"] == 2


def test_sqlite_snapshot_never_replaces_a_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snap = tmp_path / "snap.db"
    snap.write_bytes(b"precious")
    assert main(["export", "--db", str(db), "--format", "sqlite", "-o", str(snap)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert snap.read_bytes() == b"precious"


def big_store(path: Path, small: int, large: int) -> None:
    """``small`` articles of site "s" and ``large`` of site "l", ~1 KB of text each."""
    text = "Kalimat panjang tentang pembangunan jalan tol di Sumatra, kata pejabat daerah. " * 13
    with Store(path) as store:
        store.save_articles(Article(url=f"https://{site}.example.id/{n}", site=site, title=f"Judul {n}",
                                    published="2025-03-13T02:15:00+07:00", authors=["Siti Rahma"],
                                    paragraphs=[text]) for site, count in (("s", small), ("l", large))
                            for n in range(count))


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    big_store(path, 5_000, 45_000)
    return path


def test_jsonl_heap_is_flat_from_5k_to_50k_rows(big_db: Path, tmp_path: Path) -> None:
    """The Python heap peak of a 50k-row export is about that of a 5k-row one (50 MB of text)."""
    peaks = []
    for sites, rows in ((("s",), 5_000), (("s", "l"), 50_000)):
        out = tmp_path / "out.jsonl"
        with Store(big_db, readonly=True) as store, out.open("w", encoding="utf-8", newline="") as f:
            tracemalloc.start()
            count = formats.get("jsonl").write_stored(store.select_articles(sites=sites), Target(store, stream=f))
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        assert count == rows
    small, large = peaks
    assert large < small * 1.5 + 1_000_000, peaks  # 10x the rows, not 10x the memory
    assert large < 10_000_000, peaks  # ~ one batch of rows, far below the 50 MB exported


def peak_rss_kb(args: list[str]) -> int:
    """Peak resident memory of one `scraper export` process (what tracemalloc cannot see:
    pyarrow allocates outside the Python heap)."""
    proc = subprocess.Popen([sys.executable, "-m", "scraper", "export", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return usage.ru_maxrss


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_process_memory_is_flat_from_5k_to_50k_rows(big_db: Path, tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    small = peak_rss_kb(["--db", str(big_db), "--format", fmt, "--site", "s", "-o", str(tmp_path / "s.out")])
    large = peak_rss_kb(["--db", str(big_db), "--format", fmt, "-o", str(tmp_path / "l.out")])
    assert large < small + 25_000, (small, large)  # KB: 45k more rows (45 MB of text) add < 25 MB


def test_parquet_updated_is_a_timestamp_like_the_other_times(tmp_path: Path) -> None:
    """A page's readable "updated" is a UTC timestamp; text no parser could read is null
    (the database and the text formats keep it)."""
    pq = pytest.importorskip("pyarrow.parquet")
    db = tmp_path / "updated.db"
    with Store(db) as store:
        for n, updated in enumerate(["2025-03-15T12:30:00+07:00", "diperbarui kemarin sore"]):
            article = make("warta", 1)
            article.url, article.updated = f"https://warta.example.id/u{n}", updated
            store.save_article(article)
    out = tmp_path / "out.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert str(table.schema.field("updated").type) == str(table.schema.field("published").type)
    by_url = {r["url"]: r["updated"] for r in table.to_pylist()}
    assert by_url["https://warta.example.id/u0"].isoformat() == "2025-03-15T05:30:00+00:00"
    assert by_url["https://warta.example.id/u1"] is None
    rows = export_jsonl(db, tmp_path)
    assert {r["url"]: r["updated"] for r in rows}["https://warta.example.id/u1"] == "diperbarui kemarin sore"


def test_section_subsection_and_tags_are_exported(tmp_path: Path) -> None:
    path = tmp_path / "rubric.db"
    item = make("warta", 2)
    item.section, item.subsection, item.tags = "Sport", "Sepakbola", ["Persib", "Liga 1"]
    with Store(path) as store:
        store.save_article(item)
    row = export_jsonl(path, tmp_path)[0]
    assert (row["section"], row["subsection"], row["tags"]) == ("Sport", "Sepakbola", ["Persib", "Liga 1"])
