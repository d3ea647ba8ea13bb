"""The `scraper extract` and `scraper clean` commands as a user runs them: real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.article import JSON_KEYS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "text" / "suara-seed.txt"  # from our suara fixture page, never ../shared

ARTICLE = """<html lang="id"><head><title>Warga Tanam Seribu Pohon - Kabar Contoh</title>
<link rel="canonical" href="https://www.kabarcontoh.id/read/2025/03/13/123/warga-tanam-seribu-pohon">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Warga Tanam Seribu Pohon",
"datePublished":"2025-03-13T08:15:00+07:00","author":{"@type":"Person","name":"Reporter: Sari Dewi"}}</script>
</head><body><h1>Warga Tanam Seribu Pohon</h1><article>
<p>Bandung - Ratusan warga menanam seribu pohon di lereng bukit pada Kamis pagi untuk mencegah longsor musim hujan.</p>
<p>Baca Juga: Harga Beras Turun di Pasar Induk</p>
<p>Kepala desa mengatakan bibit pohon berasal dari swadaya warga dan bantuan dinas kehutanan setempat.</p>
<p>Kegiatan serupa akan digelar setiap bulan hingga akhir tahun, katanya kepada wartawan di lokasi. (abc/de)</p>
</article><div><h3>Berita Terkait</h3><ul><li><a href="/x">Judul lain</a></li></ul></div></body></html>"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "scraper", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_json_contract(article_file: Path) -> None:
    proc = run("extract", str(article_file), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data)[: len(JSON_KEYS)] == list(JSON_KEYS)
    assert data["status"] == "ok"
    assert data["url"] == "https://www.kabarcontoh.id/read/2025/03/13/123/warga-tanam-seribu-pohon"
    assert data["title"] == "Warga Tanam Seribu Pohon"
    assert data["published"] == "2025-03-13T08:15:00+07:00"
    assert data["authors"] == ["Sari Dewi"]
    paragraphs = data["body"].split("\n\n")
    assert len(paragraphs) == 3 and paragraphs[-1].endswith("lokasi.")
    assert "Baca Juga" not in data["body"] and "Berita Terkait" not in data["body"]
    assert data["word_count"] == len([w for w in data["body"].split() if w != "-"])


def test_extract_stdin_with_url_and_jsonl(article_file: Path) -> None:
    proc = run("extract", "-", "--url", "https://www.kabarcontoh.id/x", "--format", "jsonl",
               stdin=article_file.read_bytes())
    assert proc.returncode == 0
    assert len(proc.stdout.decode().strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_formats(article_file: Path, fmt: str) -> None:
    proc = run("extract", str(article_file), "--format", fmt)
    assert proc.returncode == 0
    assert "Ratusan warga menanam" in proc.stdout.decode()


def test_not_article_exit_3(tmp_path: Path) -> None:
    links = "".join(f'<h2><a href="/read/{i}/judul">Judul berita ke {i} di kota</a></h2>' for i in range(30))
    page = tmp_path / "home.html"
    page.write_text(f"<html><body>{links}</body></html>")
    proc = run("extract", str(page), "--url", "https://www.kabarcontoh.id/")
    assert proc.returncode == 3
    assert json.loads(proc.stdout)["status"] == "not_article"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"%PDF-1.4 binary", "PDF"), (b"\x00\x01\x02\x03" * 100, "binary"),
     (b"just words without any markup", "no markup")],
)
def test_bad_input_clear_error_exit_1(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    proc = run("extract", str(path))
    assert proc.returncode == 1
    assert message in proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["status"] == "error"


def test_missing_file(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path / "nope.html"))
    assert proc.returncode == 1 and b"no such file" in proc.stderr and b"Traceback" not in proc.stderr


def test_non_utf8_page_is_decoded(tmp_path: Path) -> None:
    page = ARTICLE.replace("Ratusan warga", "Ratusan “warga”").replace('<html lang="id">',
                                                                         '<html lang="id"><meta charset="windows-1252">')
    path = tmp_path / "cp1252.html"
    path.write_bytes(page.encode("cp1252"))
    proc = run("extract", str(path))
    assert proc.returncode == 0
    assert "Ratusan “warga”" in json.loads(proc.stdout)["body"]


def test_bad_usage_exit_2() -> None:
    assert run("extract").returncode == 2
    assert run("extract", "a.html", "--format", "xml").returncode == 2
    assert run().returncode == 2


def test_clean_seed_prints_the_story() -> None:
    proc = run("clean", str(SEED))
    assert proc.returncode == 0
    lines = proc.stdout.decode().strip().split("\n")
    assert lines[0].startswith("Suara.com - Presiden Prancis Emmanuel Macron")
    assert lines[-1].endswith('demiliterisasi Ukraina."')
    assert "Baca Juga" not in proc.stdout.decode() and "Terpopuler" not in proc.stdout.decode()


def test_clean_stdin() -> None:
    proc = run("clean", "-", stdin=b"Kalimat cerita yang panjang.\nBaca juga: lainnya\n")
    assert proc.stdout.decode() == "Kalimat cerita yang panjang.\n"
